import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { findEntities, linkifyText } from "../../../src/tweet/linkify.ts";
import { canonicalTwitterUrl } from "../../../src/tweet/urls.ts";
import { escapeHtml } from "../../../src/tweet/html.ts";

interface Anchor {
  href: string;
  text: string;
}

/**
 * Linkifies `text`, parses the HTML and checks what must hold for any tweet: the page shows the
 * tweet exactly as written, the only elements are links, and every link is http(s).
 */
/**
 * Renders and checks the invariants every output must keep: only anchors (and a photo chip's
 * hidden label), only http(s) hrefs, and the text as written once each photo chip is read back
 * as the pic.twitter.com address it stands for. Anchors are reported with that written text.
 */
function render(text: string): { html: string; anchors: Anchor[] } {
  const html = linkifyText(text);
  const $ = cheerio.load(html, null, false);
  const writtenTextOf = (a: ReturnType<typeof $>) =>
    a.hasClass("photo-chip") ? a.attr("href")!.replace(/^https:\/\//, "") : a.text();
  const asWritten = cheerio.load(html, null, false);
  asWritten("a.photo-chip").each((_, chip) => {
    asWritten(chip).replaceWith(writtenTextOf(asWritten(chip)));
  });
  expect(asWritten.root().text()).toBe(text);
  const notLinks = $("*").not("a, a.photo-chip > span.visually-hidden").toArray();
  expect(notLinks.map((node) => $.html(node))).toEqual([]);
  const anchors = $("a")
    .toArray()
    .map((a) => {
      const chip = $(a).hasClass("photo-chip");
      expect(Object.keys(a.attribs)).toEqual(chip ? ["class", "href", "rel"] : ["href", "rel"]);
      // No target=_blank, and <meta name="referrer" content="no-referrer"> covers the whole page.
      expect(a.attribs.rel).toBe("nofollow");
      expect(a.attribs.href).toMatch(chip ? /^https:\/\/pic\.twitter\.com\// : /^https?:\/\//i);
      return { href: $(a).attr("href") ?? "", text: writtenTextOf($(a)) };
    });
  return { html, anchors };
}

describe("linkifyText on tweets from the seed wall", () => {
  test("keeps the unbalanced ) after a t.co link outside it and links the bare pic.twitter.com", () => {
    const tweet =
      "Everyone is so obsessed with accelerating neural nets, so as a fun side project I've been building this " +
      "breadboard 8bit neural net decelerator. It will crawl at best :D. (following along the excellent++ " +
      "Ben Eater 8-bit computer https://t.co/iDw8gqNnGT) pic.twitter.com/E8NTdfQp43";
    const { html, anchors } = render(tweet);
    expect(anchors).toEqual([
      { href: "https://t.co/iDw8gqNnGT", text: "https://t.co/iDw8gqNnGT" },
      { href: "https://pic.twitter.com/E8NTdfQp43", text: "pic.twitter.com/E8NTdfQp43" },
    ]);
    expect(html).toContain("https://t.co/iDw8gqNnGT</a>) <a");
  });

  test("shows a bare pic.twitter.com, a photo the wall does not have, as a small labelled chip", () => {
    const $ = cheerio.load(linkifyText("Browsing the web, 2021 pic.twitter.com/VKJ7OkZ3nr"), null, false);
    const chip = $("a.photo-chip");
    expect(chip.attr("href")).toBe("https://pic.twitter.com/VKJ7OkZ3nr");
    expect(chip.contents().first().text()).toBe("photo");
    expect(chip.text()).toBe("photo attached to the tweet, on X (pic.twitter.com/VKJ7OkZ3nr)");
  });

  test("reads X's newer pic.x.com media links the same way", () => {
    const $ = cheerio.load(linkifyText("A chart pic.x.com/Q1w2E3r4"), null, false);
    expect($("a.photo-chip").attr("href")).toBe("https://pic.x.com/Q1w2E3r4");
  });

  test.each([
    [
      "Potentially nitpicky but competitive advantage in AI goes not so much to those with data but those with a " +
        "data engine. Slide from Tesla to ~illustrate but concept is general pic.twitter.com/6O2KxZBg17",
      "https://pic.twitter.com/6O2KxZBg17",
    ],
    ["The two tech stacks ❤️ pic.twitter.com/eDJx6N6iDJ", "https://pic.twitter.com/eDJx6N6iDJ"],
    [
      "I don’t have to stop buying them just because I’m out of school. Good reading list pointers: https://t.co/ZDaqr3YQbW",
      "https://t.co/ZDaqr3YQbW",
    ],
  ])("links the one URL in %j", (tweet, href) => {
    expect(render(tweet).anchors.map((a) => a.href)).toEqual([href]);
  });

  test.each([
    `WSJ front page every day is like >>> "Stock Market %s!!" % ('rises' if random.random() <= 0.54 else 'falls', )`,
    "When a person says that f(x) = f(a) + f’(a)(x - a) and someone disagrees strongly because of f’’(a)(x - a)^2/2",
    "current status: C6H12O6 + 6 O2 ----(C8H10N4O2 catalyst)---> 6 CO2 + 6 H2O + code + heat",
    "Trees are solidified air 🌬✨🌳",
    "Is there a word for that paranoid feeling … And why should it matter that it was, exactly 🤦♂️🤔",
    "Thread: ➡️ When I started ~decade ago vision, speech, natural language, reinforcement learning",
    'Jeff Dean: "I like your ConvNets in Javascript". Me: "Thank you. I like your map reduce."',
    "3) you forgot to .zero_grad() (in pytorch) before .backward(). ; others? :)",
  ])("shows %j as plain text", (tweet) => {
    expect(render(tweet).anchors).toEqual([]);
  });

  test("escapes code-like text instead of passing it through", () => {
    const { html } = render(
      `like >>> "Stock Market %s!!" % ('rises' if random.random() <= 0.54 else 'falls', )`,
    );
    expect(html).toBe(
      "like &gt;&gt;&gt; &quot;Stock Market %s!!&quot; % (&#39;rises&#39; if random.random() &lt;= 0.54 else &#39;falls&#39;, )",
    );
  });

  test("leaves newlines and curly quotes as they are", () => {
    const tweet = "“For all x, p(x)”\n“Actually, there exists an x, !p(x)”\nmy least favorite conversation";
    expect(render(tweet).html).toBe(tweet);
  });

  test("links the author's handle in an attribution line", () => {
    expect(render("— Andrej Karpathy (@karpathy) December 3, 2022").anchors).toEqual([
      { href: "https://x.com/karpathy", text: "@karpathy" },
    ]);
  });
});

describe("linkifyText links", () => {
  test.each([
    ["https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)"],
    ["(see https://example.com/a)", "https://example.com/a"],
    ["In https://example.com/test, Douglas explains 42.", "https://example.com/test"],
    ["Really? https://example.com/?q=1!", "https://example.com/?q=1"],
    ["“https://example.com/quoted”", "https://example.com/quoted"],
    ["HTTPS://EXAMPLE.COM/A", "HTTPS://EXAMPLE.COM/A"],
  ])("%j without trailing punctuation, with balanced parentheses", (text, url) => {
    expect(render(text).anchors).toEqual([{ href: url, text: url }]);
  });

  test("Twitter links to their canonical x.com address, showing them as written", () => {
    const { anchors } = render("see https://twitter.com/karpathy/status/1599852921541128194?s=20&t=abc.");
    expect(anchors).toEqual([
      {
        href: "https://x.com/karpathy/status/1599852921541128194",
        text: "https://twitter.com/karpathy/status/1599852921541128194?s=20&t=abc",
      },
    ]);
  });

  test("mentions to x.com, including a full-width ＠", () => {
    expect(render("cc @karpathy and ＠jack_2").anchors).toEqual([
      { href: "https://x.com/karpathy", text: "@karpathy" },
      { href: "https://x.com/jack_2", text: "＠jack_2" },
    ]);
  });

  test("a list as a mention of its owner only", () => {
    const { html, anchors } = render("@karpathy/ai-people is a great list");
    expect(anchors).toEqual([{ href: "https://x.com/karpathy", text: "@karpathy" }]);
    expect(html).toContain("</a>/ai-people is");
  });

  test.each([
    ["#ai", "https://x.com/hashtag/ai"],
    ["#漢字", "https://x.com/hashtag/%E6%BC%A2%E5%AD%97"],
    ["＃日本語", "https://x.com/hashtag/%E6%97%A5%E6%9C%AC%E8%AA%9E"],
  ])("the hashtag %j to its percent-encoded x.com page", (tag, href) => {
    expect(render(`learning ${tag} today`).anchors).toEqual([{ href, text: tag }]);
  });

  test.each([
    ["שלום #שלום עולם", "#שלום"],
    ["مرحبا #العربية بالعالم", "#العربية"],
  ])("a hashtag in right-to-left text: %j", (text, tag) => {
    expect(render(text).anchors).toEqual([
      { href: `https://x.com/hashtag/${encodeURIComponent(tag.slice(1))}`, text: tag },
    ]);
  });

  test("a link at the end of a 25,000-character text", () => {
    const text = `${"Lorem ipsum dolor sit amet, #consectetur @adipiscing elit. ".repeat(424)}https://example.com/end`;
    expect(text.length).toBeGreaterThan(25_000);
    const { anchors } = render(text);
    expect(anchors).toHaveLength(2 * 424 + 1);
    expect(anchors.at(-1)).toEqual({ href: "https://example.com/end", text: "https://example.com/end" });
  });
});

describe("linkifyText does not link", () => {
  test.each([
    ["an e-mail address", "write to user@example.com"],
    ["a digits-only hashtag", "On the #123 bus"],
    ["an emoji-only hashtag", "#🐍 #😀"],
    ["a cashtag", "$TSLA is up"],
    ["a URL without protocol", "see example.com/page or www.example.org"],
    ["a # or @ inside a URL without protocol", "twitter.com/#hashtag example.com/@user"],
    ["pic.twitter.com without a path", "pic.twitter.com"],
  ])("%s", (_, text) => {
    expect(render(text).anchors).toEqual([]);
  });
});

describe("linkifyText on hostile text", () => {
  test.each([
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "javascript://example.com/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<a href="javascript:alert(1)">click</a>',
  ])("shows %j as text, with no element and no link", (text) => {
    expect(render(text).anchors).toEqual([]);
  });

  test("escapes hostile text before, between and after links", () => {
    const { anchors } = render(
      "<script>alert(1)</script> @karpathy <img src=x onerror=alert(1)> #ai </a><b>https://example.com</b>",
    );
    expect(anchors.map((a) => a.text)).toEqual(["@karpathy", "#ai", "https://example.com"]);
  });

  test("ends a link at a quote, so it cannot add attributes", () => {
    const { anchors } = render('https://example.com/"onmouseover="alert(1)');
    expect(anchors).toEqual([{ href: "https://example.com/", text: "https://example.com/" }]);
  });

  test("escapes quotes and ampersands inside an href", () => {
    const { html, anchors } = render("https://example.com/?a=1&b='x'");
    expect(anchors).toEqual([
      { href: "https://example.com/?a=1&b='x", text: "https://example.com/?a=1&b='x" },
    ]);
    expect(html).toContain('href="https://example.com/?a=1&amp;b=&#39;x"');
  });

  test("links only the https:// part of a javascript:-prefixed pic.twitter.com", () => {
    expect(render("javascript:pic.twitter.com/abc").anchors).toEqual([
      { href: "https://pic.twitter.com/abc", text: "pic.twitter.com/abc" },
    ]);
  });

  test("leaves template syntax literal", () => {
    const { html } = render('{{ 7*7 }} {% include "x" %} {% raw %}{{ x }}{% endraw %} ${7*7}');
    expect(html).toBe("{{ 7*7 }} {% include &quot;x&quot; %} {% raw %}{{ x }}{% endraw %} ${7*7}");
  });
});

describe("findEntities", () => {
  test("indexes the original text in UTF-16 code units, astral characters included", () => {
    const text = "🐍 @karpathy #𠀡 https://example.com/";
    const entities = findEntities(text);
    expect(entities.map(({ kind, start, end }) => ({ kind, start, end }))).toEqual([
      { kind: "mention", start: 3, end: 12 },
      { kind: "hashtag", start: 13, end: 16 },
      { kind: "url", start: 17, end: 37 },
    ]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  test("returns sorted, non-overlapping entities", () => {
    const entities = findEntities("#b http://example.com/@user/#tag @a #c");
    expect(entities.map((e) => e.text)).toEqual(["#b", "http://example.com/@user/#tag", "@a", "#c"]);
  });

  // Texts without a colon, @, # or pic.twitter.com skip twitter-text altogether; each of these
  // holds exactly one of the signs that must still reach it.
  test.each([
    ["only a full-width ＠", "ask ＠jack", "https://x.com/jack"],
    ["only a full-width ＃", "so ＃tbt", "https://x.com/hashtag/tbt"],
    ["only an upper-case bare photo", "look PIC.TWITTER.COM/abc123", "https://PIC.TWITTER.COM/abc123"],
    ["only a scheme's colon", "see http://example.com/x", "http://example.com/x"],
  ])("still finds the entity in a text holding %s", (_what, text, href) => {
    expect(findEntities(text).map((entity) => entity.href)).toEqual([href]);
  });

  test("finds nothing in a plain text, a bare domain included", () => {
    const plain = "Learning is hard. Mostly because you need to do it.\n\nThat's it. example.com";
    expect(findEntities(plain)).toEqual([]);
  });
});

describe("canonicalTwitterUrl", () => {
  test.each([
    [
      "https://twitter.com/karpathy/status/1599852921541128194?s=20&t=abc",
      "https://x.com/karpathy/status/1599852921541128194",
    ],
    ["http://mobile.twitter.com/karpathy/status/1?lang=en", "https://x.com/karpathy/status/1"],
    ["https://www.twitter.com/karpathy?ref_src=twsrc%5Etfw&ref_url=x", "https://x.com/karpathy"],
    [
      "https://WWW.X.COM/search?q=%23ai%20now&src=typed_query&utm_source=a&UTM_MEDIUM=b",
      "https://x.com/search?q=%23ai%20now",
    ],
    ["https://mobile.x.com/i/lists/123?s=09", "https://x.com/i/lists/123"],
    ["https://twitter.com/home?lang=en&s=1", "https://x.com/home?lang=en"],
    ["http://x.com/karpathy#top", "https://x.com/karpathy#top"],
  ])("%s → %s", (url, canonical) => {
    expect(canonicalTwitterUrl(url)).toBe(canonical);
  });

  test.each([
    "https://example.com/?s=20&utm_source=x",
    "https://t.co/iDw8gqNnGT",
    "https://pic.twitter.com/E8NTdfQp43",
    "https://twitter.com.example.net/karpathy?s=1",
    "ftp://twitter.com/karpathy?s=1",
    "twitter.com/karpathy?s=20",
    "not a URL",
    "",
  ])("returns %j unchanged", (url) => {
    expect(canonicalTwitterUrl(url)).toBe(url);
  });
});

test("escapeHtml escapes the five HTML-significant characters", () => {
  expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
  );
});

import { readFileSync } from "node:fs";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { hasSeed, seedText } from "../../support/seed.ts";
import { EmbedHtmlError, looksLikeEmbedHtml, parseEmbedHtml } from "../../../src/import/embed-html.ts";
import { tweetListSchema } from "../../../src/curator/schema.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/embed-html/${name}`, import.meta.url), "utf8");
const parseFixture = (name: string) => parseEmbedHtml(fixture(name), name);

function errorFrom(html: string, file = "page.html"): EmbedHtmlError {
  try {
    parseEmbedHtml(html, file);
  } catch (error) {
    if (error instanceof EmbedHtmlError) return error;
    throw error;
  }
  throw new Error(`${file} was expected to fail`);
}

const karpathy = { name: "Andrej Karpathy", handle: "karpathy" };
const widgets = '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>';
/** One embed as publish.twitter.com writes it, with `body` inside the blockquote. */
const embed = (body: string, classes = "twitter-tweet") =>
  `<blockquote class="${classes}">${body}</blockquote>`;
const dateLink = (id = "1600193634970371097", text = "December 6, 2022") =>
  `<a href="https://twitter.com/karpathy/status/${id}?ref_src=twsrc%5Etfw">${text}</a>`;

describe("parseEmbedHtml on a saved page of embeds", () => {
  const tweets = parseFixture("page.html");

  it("reads every twitter-tweet blockquote, in document order", () => {
    expect(tweets.map((tweet) => tweet.url)).toEqual([
      "https://x.com/karpathy/status/1358236154839257089",
      "https://x.com/karpathy/status/1582780999354288391",
      "https://x.com/karpathy/status/827958049942540321",
      "https://x.com/janecurates/status/1642093370782256358",
      "https://x.com/yuki_yakei/status/1625642837183824646",
      "https://x.com/karpathy/status/1599152286672248832",
    ]);
  });

  it("keeps t.co links and pic.twitter.com as shown, and drops the tracking query from the url", () => {
    expect(tweets[0]).toEqual({
      text:
        "Everyone is so obsessed with accelerating neural nets, so as a fun side project I've been building " +
        "this breadboard 8bit neural net decelerator. It will crawl at best :D. (following along the excellent++ " +
        "Ben Eater 8-bit computer https://t.co/iDw8gqNnGT) pic.twitter.com/E8NTdfQp43",
      date: "2021-02-07",
      url: "https://x.com/karpathy/status/1358236154839257089",
      author: karpathy,
      lang: "en",
    });
  });

  it("turns <br> into line breaks in an indented, tw-align-center embed", () => {
    expect(tweets[1]).toEqual({
      text: [
        "The Transformer is a magnificient neural network architecture because it is a general-purpose differentiable computer. It is simultaneously:",
        "1) expressive (in the forward pass)",
        "2) optimizable (via backpropagation+gradient descent)",
        "3) efficient (high parallelism compute graph)",
      ].join("\n"),
      date: "2022-10-19",
      url: "https://x.com/karpathy/status/1582780999354288391",
      author: karpathy,
      lang: "en",
    });
  });

  it("decodes entities once", () => {
    expect(tweets[2]?.text).toBe(
      "Loss addiction: self-destructive behavior of obsessively watching & reading into tiny fluctuations in loss functions of running experiments",
    );
  });

  it("reads a reply: the mention as written, a shortened link as its href, source newlines as a space", () => {
    expect(tweets[3]).toEqual({
      text: "@karpathy I <3 the decelerator. Wrote up my own breadboard attempt & what went wrong: https://github.com/janecurates/breadboard-nn",
      date: "2023-04-01",
      url: "https://x.com/janecurates/status/1642093370782256358",
      author: { name: "Jane Curator", handle: "janecurates" },
      lang: "en",
    });
  });

  it("keeps emoji and hashtags in another script, after a literal em dash", () => {
    expect(tweets[4]).toEqual({
      text: "今夜の東京タワー 🗼✨ 冬の空気は澄んでいる #夜景 #Tokyo",
      date: "2023-02-14",
      url: "https://x.com/yuki_yakei/status/1625642837183824646",
      author: { name: "夜景 Yuki", handle: "yuki_yakei" },
      lang: "ja",
    });
  });

  it("takes the date from the status id when the link's text is in another language", () => {
    expect(tweets[5]).toMatchObject({
      text: "Plan is to throw a party in the Andromeda galaxy 1B years from now. Everyone welcome, except for those who litter",
      date: "2022-12-03",
    });
  });

  it("reads the same tweets after a formatter has reflowed and indented the markup", async () => {
    const reflowed = await format(fixture("page.html").replace("<!-- prettier-ignore -->\n", ""), {
      parser: "html",
      printWidth: 80,
    });
    expect(reflowed).toContain(">February 7, 2021</a\n");
    expect(parseEmbedHtml(reflowed, "reflowed.html")).toEqual(tweets);
  });

  it("gives tweets the schema accepts, each with its author and the language X gave it", () => {
    expect(tweetListSchema.parse(tweets)).toEqual(tweets);
    for (const tweet of tweets) expect(Object.keys(tweet)).toEqual(["text", "date", "url", "author", "lang"]);
    // The <p>'s lang is the tweet's; the blockquote's data-lang is only the embed's interface language.
    expect(tweets.map((tweet) => tweet.lang)).toEqual(["en", "en", "en", "en", "ja", "en"]);
  });

  it.each([
    ["pt-BR", "pt-BR"],
    ["und", undefined],
    ["qme", undefined],
    ["zxx", undefined],
    ["en; x", undefined],
  ])("keeps the language %s as %s: none where X could not tell one", (code, kept) => {
    const html = embed(
      `<p lang="${code}" dir="ltr">Pretty good</p>&mdash; Andrej Karpathy (@karpathy) ${dateLink()}`,
    );
    expect(parseEmbedHtml(html, "lang.html")[0]?.lang).toBe(kept);
  });
});

describe("parseEmbedHtml on other markup", () => {
  it("reads a fragment whose embed has no <p>, splitting the author line at the em dash", () => {
    expect(parseFixture("fragment.html")).toEqual([
      {
        text: "How long until we measure wealth inequality in FLOPS",
        date: "2022-12-06",
        url: "https://x.com/karpathy/status/1600193634970371097",
        author: karpathy,
      },
    ]);
  });

  it("splits at the last dash, so a dash inside the text stays text", () => {
    const html = embed(`Pretty good — for a first try — Andrej Karpathy (@karpathy) ${dateLink()}`);
    expect(parseEmbedHtml(html, "dash.html")[0]?.text).toBe("Pretty good — for a first try");
  });

  it("joins paragraphs with a blank line and keeps blank lines made of <br>", () => {
    const html = embed(
      `<p>one<br><br>two</p>\n<p>  three\n  four </p>&mdash; Andrej Karpathy (@karpathy) ${dateLink()}`,
    );
    expect(parseEmbedHtml(html, "paragraphs.html")[0]?.text).toBe("one\n\ntwo\n\nthree four");
  });

  it("keeps a link's visible text unless it is a shortened display URL of a web address", () => {
    const html = embed(
      `<p><a href="https://twitter.com/hashtag/ai?src=hash&amp;ref_src=twsrc%5Etfw">#ai</a> ` +
        `<a href="https://twitter.com/search?q=%24TSLA&amp;src=ctag">$TSLA</a> ` +
        `<a href="https://example.com/a/long/path">example.com/a/long/pa…</a> ` +
        `<a href="https://twitter.com/jack/status/20?s=20">twitter.com/jack/status/…</a> ` +
        `<a href="https://example.com/">my site</a></p>` +
        `&mdash; Andrej Karpathy (@karpathy) ${dateLink()}`,
    );
    expect(parseEmbedHtml(html, "links.html")[0]?.text).toBe(
      "#ai $TSLA https://example.com/a/long/path https://x.com/jack/status/20 my site",
    );
  });

  it("treats the text of a hostile embed as data", () => {
    expect(parseFixture("hostile.html")).toEqual([
      {
        text: "Paste this in your bio: <script>alert(1)</script> then click or example.com/free… &amp; is how you write & in HTML",
        date: "2022-03-08",
        url: "https://x.com/mallory_test/status/1501165858599206917",
        author: { name: "Mallory <b>", handle: "mallory_test" },
        lang: "en",
      },
    ]);
  });

  it("ignores blockquotes of other classes and a class that merely starts with twitter-tweet", () => {
    const html =
      `<blockquote class="twitter-tweet-rendered"><p>no</p>&mdash; A (@a) ${dateLink("1")}</blockquote>` +
      embed(`<p>yes</p>&mdash; Andrej Karpathy (@karpathy) ${dateLink()}`, "tw-align-center twitter-tweet") +
      widgets;
    expect(parseEmbedHtml(html, "classes.html").map((tweet) => tweet.text)).toEqual(["yes"]);
  });
});

describe("parseEmbedHtml errors", () => {
  it("fails at 1:1 on a page without embeds", () => {
    const error = errorFrom(fixture("no-embeds.html"), "no-embeds.html");
    expect(error).toMatchObject({ name: "EmbedHtmlError", file: "no-embeds.html", line: 1, column: 1 });
    expect(error.message).toBe(
      'no-embeds.html:1:1: no tweet embeds found, expected <blockquote class="twitter-tweet"> elements',
    );
  });

  it("fails at the blockquote that has no status link", () => {
    const error = errorFrom(fixture("no-status-link.html"), "no-status-link.html");
    expect({ line: error.line, column: error.column }).toEqual({ line: 8, column: 5 });
    expect(error.message).toBe(
      "no-status-link.html:8:5: a tweet embed with no link to its status, expected a link to the tweet at its end, " +
        'like <a href="https://twitter.com/jack/status/20">March 21, 2006</a>',
    );
  });

  it("fails at the blockquote that has no text", () => {
    const html = `<!doctype html>\n<body>\n  ${embed(`<p lang="en" dir="ltr"> <br> </p>&mdash; Andrej Karpathy (@karpathy) ${dateLink()}`)}`;
    expect(errorFrom(html).message).toBe(
      "page.html:3:3: a tweet embed with no text, expected the tweet's text before its author line",
    );
  });

  it("fails at the date link when the author line is missing or its handle is unusable", () => {
    const missing = `${embed(`<p>text</p>\n    ${dateLink()}`)}`;
    expect(errorFrom(missing).message).toBe(
      'page.html:2:5: a tweet embed with no author line, expected a line like "— Name (@handle)" just before the date link',
    );
    const longHandle = embed(`<p>text</p>&mdash; Someone (@a_handle_far_too_long) ${dateLink()}`);
    expect(errorFrom(longHandle)).toMatchObject({
      line: 1,
      column: longHandle.indexOf('<a href="https://twitter.com/karpathy/status/') + 1,
      problem: 'the handle "@a_handle_far_too_long" can\'t be used',
    });
  });

  it("fails at the date link when neither its text nor the status id tell the date", () => {
    const html = `<p>Premier tweet :</p>\n${embed(
      `<p>just setting up my twttr</p>&mdash; jack (@jack) <a href="https://twitter.com/jack/status/20">21 mars 2006</a>`,
    )}`;
    expect(html.split("\n")[1]?.indexOf("<a ")).toBe(86);
    expect(errorFrom(html).message).toBe(
      'page.html:2:87: the date "21 mars 2006" can\'t be read and the status id 20 is too old to tell it, ' +
        'expected a date written as "2022-12-03", an ISO date-time like "2022-12-03T17:44:09Z", or "December 3, 2022"',
    );
  });

  it("counts columns in characters, after CRLF line ends and a byte-order mark", () => {
    const noLink = embed("<p>text</p>&mdash; Andrej Karpathy (@karpathy) December 6, 2022");
    expect(errorFrom(`\uFEFF${noLink}`)).toMatchObject({ line: 1, column: 1 });
    expect(errorFrom(`<p>intro</p>\r\n\r\n<p>🗼🗼 ${noLink}`)).toMatchObject({ line: 3, column: 7 });
  });
});

describe("looksLikeEmbedHtml", () => {
  it.each(["page.html", "fragment.html", "no-embeds.html", "hostile.html"])("recognises %s", (name) => {
    expect(looksLikeEmbedHtml(fixture(name))).toBe(true);
  });

  it("recognises documents after a byte-order mark or comment, and embeds after loose text", () => {
    expect(looksLikeEmbedHtml("\uFEFF<!-- saved from url=(0014)about:internet -->\n<HTML lang=en>")).toBe(
      true,
    );
    expect(looksLikeEmbedHtml(`My favourites:\n\n${embed("<p>hi</p>")}`)).toBe(true);
    expect(looksLikeEmbedHtml(`<blockquote data-lang="en" class='twitter-tweet tw-align-center'>`)).toBe(
      true,
    );
  });

  it.skipIf(!hasSeed)("leaves the seed's plain-text wall alone", () => {
    expect(looksLikeEmbedHtml(seedText)).toBe(false);
  });

  it("leaves plain-text walls and JSON alone, even when they quote markup", () => {
    expect(looksLikeEmbedHtml("Wrap it in a <p> tag, then\n\n— Jane (@jane) May 1, 2021")).toBe(false);
    expect(
      looksLikeEmbedHtml('[{"text": "<blockquote class=\\"twitter-tweet\\">", "date": "2021-05-01"}]'),
    ).toBe(false);
    expect(looksLikeEmbedHtml('<div class="twitter-tweet-rendered">')).toBe(false);
  });
});

import { describe, expect, test } from "vitest";
import { mergeTweets } from "../../../src/import/merge.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { siteSchema } from "../../../src/curator/schema.ts";

const site = siteSchema.parse({
  title: "  fave tweets wall ",
  intro: "The full collection of my tweets, of course, is here. Nowhere else.",
  author: { name: "Andrej Karpathy", handle: "@karpathy" },
  links: [
    { text: "here", url: "https://twitter.com/karpathy?ref_src=twsrc" },
    { text: "Mastodon", url: "https://example.social/@me" },
  ],
});

describe("buildWallView", () => {
  test("links a site link's text where it stands in the intro, as a whole word, and lists the others", () => {
    const wall = buildWallView(site, []);
    expect(wall.site.introHtml).toBe(
      'The full collection of my tweets, of course, is <a href="https://x.com/karpathy">here</a>. Nowhere else.',
    );
    expect(wall.site.links).toEqual([{ text: "Mastodon", url: "https://example.social/@me" }]);
    expect(wall.site.title).toBe("fave tweets wall");
  });

  test("escapes the intro before linking it", () => {
    const wall = buildWallView({ ...site, intro: "<b>bold</b> & here" }, []);
    expect(wall.site.introHtml).toBe(
      '&lt;b&gt;bold&lt;/b&gt; &amp; <a href="https://x.com/karpathy">here</a>',
    );
  });

  test("defaults the author, strips the handle's @ and links to the original or else the profile", () => {
    const [own, guest] = buildWallView(site, [
      { text: "mine", date: "December 3, 2022" },
      {
        text: "theirs",
        date: "2022-12-04",
        url: "https://mobile.twitter.com/jack/status/20?s=20&t=abc",
        author: { name: "jack", handle: "jack" },
      },
    ]).tweets;
    expect(own).toMatchObject({
      number: 1,
      author: { name: "Andrej Karpathy", handle: "karpathy", profileUrl: "https://x.com/karpathy" },
      source: { url: "https://x.com/karpathy" },
    });
    expect(guest).toMatchObject({
      number: 2,
      anchor: "tweet-20",
      author: { handle: "jack", profileUrl: "https://x.com/jack" },
      source: { url: "https://x.com/jack/status/20" },
    });
  });

  test("derives readable, unique anchors that do not depend on position", () => {
    const tweets = [
      { text: "Same words here", date: "2022-12-03" },
      { text: "Same words here!", date: "2022-12-03" },
      { text: "🤔 שלום", date: "2022-12-03T10:00:00Z" },
      { text: "Browsing the web, 2021 pic.twitter.com/VKJ7OkZ3nr", date: "2021-09-09" },
    ];
    const anchors = buildWallView(site, tweets).tweets.map((tweet) => tweet.anchor);
    expect(anchors).toEqual([
      "tweet-2022-12-03-same-words-here",
      "tweet-2022-12-03-same-words-here-2",
      "tweet-2022-12-03",
      "tweet-2021-09-09-browsing-the-web",
    ]);
    const reordered = buildWallView(site, [tweets[3]!, tweets[0]!]).tweets.map((tweet) => tweet.anchor);
    expect(reordered).toEqual([anchors[3], anchors[0]]);
  });

  test("reads a long text's first words from its opening as it would from the whole text", () => {
    // The plain definition: the whole text, normalized, without links, split into words.
    const wholeTextAnchor = (text: string, day: string) => {
      const words = text
        .normalize("NFKD")
        .replace(/https?:\/\/\S+|pic\.twitter\.com\/\S+/g, " ")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .slice(0, 3);
      return `tweet-${day}${words.length ? `-${words.join("-")}` : ""}`;
    };
    // Pieces that make the cut at 100 characters fall inside a word, a link, a run of
    // combining marks or a stretch without words, in texts of every length.
    const pieces = [
      "word",
      "Cafe\u0301",
      "ﬁne",
      "😀",
      "—",
      "https://example.com/a-long-path",
      "pic.twitter.com/x1",
    ];
    const spaces = [" ", "  ", "\n", ", "];
    let state = 7;
    const random = (below: number) => (state = (state * 48271) % 2147483647) % below;
    const tweets = Array.from({ length: 1500 }, (_, index) => {
      let text = "x".repeat(random(110));
      while (text.length < 40 + random(200)) {
        text += spaces[random(spaces.length)]! + pieces[random(pieces.length)]!.repeat(1 + random(3));
      }
      return { text: `${text} tail${index}`, date: "2022-12-03" };
    });
    const anchors = buildWallView(site, tweets).tweets.map((tweet) => tweet.anchor.replace(/-\d+$/, ""));
    const expected = tweets.map((tweet) => wholeTextAnchor(tweet.text, "2022-12-03").replace(/-\d+$/, ""));
    expect(anchors).toEqual(expected);
  });

  test("names the original by where it is: on X, or on the host of a link elsewhere", () => {
    const labels = buildWallView(site, [
      { text: "a", date: "2022-12-03", url: "https://twitter.com/jack/status/20" },
      { text: "b", date: "2022-12-03", url: "https://www.example.org/notes/1" },
      { text: "c", date: "2022-12-03", url: "https://mastodon.social/@me/109" },
      { text: "d", date: "2022-12-03" },
    ]).tweets.map((tweet) => tweet.source?.label);
    expect(labels).toEqual([
      "the original on X",
      "the original on example.org",
      "the original on mastodon.social",
      "@karpathy on X",
    ]);
  });

  test("gives a tweet page its title and description as plain text, shortened at a word", () => {
    const text = `It's "fine" & <ok>, said the dog in the burning room, sipping coffee`;
    const [tweet] = buildWallView(site, [{ text, date: "2022-12-03" }]).tweets;
    expect(tweet!.meta).toEqual({
      title: `“It's "fine" & <ok>, said the dog in the…” (@karpathy)`,
      description: text,
    });
    const [withoutPage] = buildWallView({ ...site, tweetPages: false }, [
      { text, date: "2022-12-03" },
    ]).tweets;
    expect(withoutPage!.meta).toBeUndefined();
  });

  test("counts the wall's tweets in words: one tweet, many tweets", () => {
    const count = (n: number) =>
      buildWallView(
        site,
        Array.from({ length: n }, (_, index) => ({ text: `t${index}`, date: "2022-12-03" })),
      ).countText;
    expect([count(0), count(1), count(2)]).toEqual(["0 tweets", "1 tweet", "2 tweets"]);
  });

  test("keeps the author's line breaks and trims only the ends", () => {
    const [tweet] = buildWallView(site, [{ text: "\n  one\r\n\r\n  two  \n", date: "2022-12-03" }]).tweets;
    expect(tweet!.text).toBe("one\n\n  two");
    expect(tweet!.html).toBe("one\n\n  two");
  });
});

describe("mergeTweets", () => {
  const existing = [
    { text: "kept as edited", date: "2022-12-03" },
    { text: "has an id", date: "2022-12-04", url: "https://x.com/a/status/42" },
  ];

  test("adds only new tweets after the curator's own, matching by status id, else by text and day", () => {
    const result = mergeTweets(existing, [
      { text: "kept as edited", date: "December 3, 2022" },
      { text: "edited text, same status", date: "2022-12-04", url: "https://twitter.com/a/status/42?s=20" },
      { text: "new", date: "2022-12-05" },
      { text: "new", date: "2022-12-05" },
    ]);
    expect(result.tweets).toEqual([...existing, { text: "new", date: "2022-12-05" }]);
    expect(result.skipped.map((skip) => skip.reason)).toEqual([
      "already in the file as tweet 1",
      "already in the file as tweet 2",
      "already in the file as tweet 3",
    ]);
  });
});

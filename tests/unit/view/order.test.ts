import { describe, expect, test } from "vitest";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { buildWallView } from "../../../src/view/wall.ts";

const site = (extra: Record<string, unknown> = {}) =>
  siteSchema.parse({ title: "Wall", author: { name: "A", handle: "a" }, ...extra });

// In the file's order: C was posted last, B added last; D has no added day.
const tweets: TweetInput[] = [
  { text: "A posted in 2020", date: "2020-05-01", added: "2024-01-02" },
  { text: "B posted in 2019", date: "2019-05-01", added: "2024-03-01" },
  { text: "C posted in 2023", date: "2023-05-01T10:00:00Z", added: "2024-01-01" },
  { text: "D posted in 2021", date: "2021-05-01" },
  { text: "E posted in 2018", date: "2018-05-01", added: "2024-02-01" },
];
const textsOf = (order: string, input = tweets) =>
  buildWallView(site({ order }), input).tweets.map((tweet) => tweet.text[0]);

describe("the wall's order", () => {
  test("file: as the file has them", () => {
    expect(textsOf("file")).toEqual(["A", "B", "C", "D", "E"]);
  });

  test("newest: latest posted first", () => {
    expect(textsOf("newest")).toEqual(["C", "D", "A", "B", "E"]);
  });

  test("added: latest added first, tweets without an added day after, in the file's order", () => {
    const withAnother = [...tweets, { text: "F without an added day", date: "2025-01-01" }];
    expect(textsOf("added", withAnother)).toEqual(["B", "E", "A", "C", "D", "F"]);
  });

  test("pinned tweets come first in every order, among themselves in that order, marked", () => {
    const pinned = tweets.map((tweet) => (/[DE]/.test(tweet.text[0]!) ? { ...tweet, pinned: true } : tweet));
    expect(textsOf("file", pinned)).toEqual(["D", "E", "A", "B", "C"]);
    expect(textsOf("newest", pinned)).toEqual(["D", "E", "C", "A", "B"]);
    expect(textsOf("added", pinned)).toEqual(["E", "D", "B", "A", "C"]);
    const wall = buildWallView(site(), pinned);
    expect(wall.tweets.map((tweet) => tweet.pinned)).toEqual([true, true, false, false, false]);
  });

  test("numbers the tweets as the wall shows them, and pages and neighbours follow", () => {
    const wall = buildWallView({ ...site({ order: "newest" }), pageSize: 2 }, tweets);
    expect(wall.tweets.map((tweet) => tweet.number)).toEqual([1, 2, 3, 4, 5]);
    expect(wall.pages.map((page) => page.tweets.map((tweet) => tweet.text[0]))).toEqual([
      ["C", "D"],
      ["A", "B"],
      ["E"],
    ]);
    expect(wall.tweets[0]!.next?.url).toBe(wall.tweets[1]!.permalink);
  });

  test("keeps anchors of the file's order: the same address whatever the order", () => {
    const twins: TweetInput[] = [
      { text: "Same words here", date: "2020-01-01" },
      { text: "Same words here", date: "2020-01-01", pinned: true },
    ];
    const anchors = buildWallView(site(), twins).tweets.map((tweet) => tweet.anchor);
    expect(anchors).toEqual(["tweet-2020-01-01-same-words-here-2", "tweet-2020-01-01-same-words-here"]);
  });
});

describe("hidden tweets", () => {
  const hidden = tweets.map((tweet) => (tweet.text.startsWith("B") ? { ...tweet, hidden: true } : tweet));
  const wall = buildWallView(site({ url: "https://example.org/" }), hidden);

  test("are nowhere in the view: wall, pages, tweet pages, feed, timeline, years, stats", () => {
    const json = JSON.stringify(wall);
    expect(json).not.toContain("B posted in 2019");
    expect(wall.tweets.map((tweet) => tweet.text[0])).toEqual(["A", "C", "D", "E"]);
    expect(wall.tweetPages).toHaveLength(4);
    expect(wall.feed?.entries).toHaveLength(4);
    expect(wall.years).not.toContain(2019);
    expect(wall.timeline?.bars.find((bar) => bar.label === "2019")?.count).toBe(0);
    expect(wall.stats?.years.map((year) => year.label)).not.toContain("2019");
    expect(wall.countText).toBe("4 tweets");
  });

  test("take no number: the shown tweets are numbered 1 to 4", () => {
    expect(wall.tweets.map((tweet) => tweet.number)).toEqual([1, 2, 3, 4]);
  });

  test("take no anchor: a shown tweet with the same words keeps the plain one", () => {
    const twins: TweetInput[] = [
      { text: "Same words here", date: "2020-01-01", hidden: true },
      { text: "Same words here", date: "2020-01-01" },
    ];
    expect(buildWallView(site(), twins).tweets.map((tweet) => tweet.anchor)).toEqual([
      "tweet-2020-01-01-same-words-here",
    ]);
  });

  test("give no tag a page: a tag only hidden tweets carry is not on the wall", () => {
    const tagged: TweetInput[] = [
      { text: "shown", date: "2020-01-01", tags: ["kept"] },
      { text: "hidden", date: "2020-01-01", tags: ["kept", "secret"], hidden: true },
    ];
    const view = buildWallView(site(), tagged);
    expect(view.tags.map((tag) => [tag.tag, tag.count])).toEqual([["kept", 1]]);
    expect(view.tagPages.map((page) => page.path)).toEqual(["/tags/kept/"]);
  });
});

import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { FEED_LENGTH, newestTweets } from "../../../src/view/feed.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { REPO_ROOT } from "../../support/cli.ts";

const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;
const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));

const site = (extra: Record<string, unknown> = {}) =>
  siteSchema.parse({ ...seedSite, url: "https://example.org/tweets/", ...extra });

const feedOf = (tweets: TweetInput[], extra: Record<string, unknown> = {}) => {
  const feed = buildWallView(site(extra), tweets).feed;
  if (!feed) throw new Error("a wall with a url has a feed");
  return feed;
};

describe("the feed of the seed wall (newest first in the file, no tweet noting when it was added)", () => {
  const feed = feedOf(seedTweets);
  const seedDates = seedTweets.map((tweet) => tweet.date);

  test("holds its 50 newest tweets, newest first: every tweet of 2022 among them", () => {
    expect(feed.entries).toHaveLength(FEED_LENGTH);
    const dates = feed.entries.map((entry) => entry.tweet.date.iso);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe("2022-12-06");
    const of2022 = seedDates.filter((date) => date.startsWith("2022"));
    expect(of2022).toHaveLength(20);
    expect(dates.filter((date) => date.startsWith("2022"))).toHaveLength(20);
    const left = [...seedDates].sort().slice(0, seedDates.length - FEED_LENGTH);
    expect(left.every((date) => date <= dates.at(-1)!)).toBe(true);
  });

  test("is as new as its newest entry; each entry was published and updated on its date", () => {
    expect(feed.updated).toBe("2022-12-06T00:00:00Z");
    expect(feed.entries[0]).toMatchObject({
      published: "2022-12-06T00:00:00Z",
      updated: "2022-12-06T00:00:00Z",
      title: "Andrej Karpathy: How long until we measure wealth inequality in FLOPS",
    });
    for (const entry of feed.entries) expect(entry.updated <= feed.updated).toBe(true);
  });

  test("gives absolute addresses, each entry's id that of the tweet's own page", () => {
    expect([feed.homeUrl, feed.atomUrl, feed.jsonUrl]).toEqual([
      "https://example.org/tweets/",
      "https://example.org/tweets/feed.xml",
      "https://example.org/tweets/feed.json",
    ]);
    expect(feed.entries[0]).toMatchObject({
      id: "https://example.org/tweets/t/2022-12-06-how-long-until/",
      url: "https://example.org/tweets/t/2022-12-06-how-long-until/",
    });
    expect(new Set(feed.entries.map((entry) => entry.id)).size).toBe(FEED_LENGTH);
  });
});

describe("the feed's order", () => {
  test("a tweet added to the wall lately comes first, however old it is, on the day it was added", () => {
    const oldest = seedTweets.at(-1)!;
    expect(oldest.date).toBe("2014-10-04");
    const tweets = seedTweets.map((tweet) => (tweet === oldest ? { ...tweet, added: "2024-05-01" } : tweet));
    const feed = feedOf(tweets);
    expect(feed.entries[0]).toMatchObject({
      published: "2014-10-04T00:00:00Z",
      updated: "2024-05-01T00:00:00Z",
      tweet: { text: oldest.text },
    });
    expect(feed.updated).toBe("2024-05-01T00:00:00Z");
    expect(feed.entries[1]!.tweet.date.iso).toBe("2022-12-06");
  });

  test("among tweets added the same day, the newer tweet first, then the later in the file", () => {
    const tweets: TweetInput[] = [
      { text: "old, added in May", date: "2019-01-01", added: "2024-05-01" },
      { text: "newer, added in May", date: "2021-01-01", added: "2024-05-01" },
      { text: "posted in April, never noted", date: "2024-04-30T12:00:00Z" },
      { text: "same as the first, further down", date: "2019-01-01", added: "2024-05-01" },
      { text: "added in June", date: "2010-01-01", added: "2024-06-01" },
    ];
    expect(feedOf(tweets).entries.map((entry) => entry.tweet.text)).toEqual([
      "added in June",
      "newer, added in May",
      "same as the first, further down",
      "old, added in May",
      "posted in April, never noted",
    ]);
  });

  test("keeps the newest whatever the order of the file: oldest first, newest first or shuffled", () => {
    const tweets = Array.from({ length: 500 }, (_, index) => ({
      text: `tweet ${index}`,
      date: new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString().replace(".000Z", "Z"),
    }));
    const expected = tweets
      .slice(-10)
      .reverse()
      .map((tweet) => tweet.text);
    let state = 11;
    const shuffled = [...tweets].sort(() => ((state = (state * 48271) % 2147483647) % 3) - 1);
    for (const order of [tweets, [...tweets].reverse(), shuffled]) {
      const views = buildWallView(site(), order).tweets;
      expect(newestTweets(views, 10).map((tweet) => tweet.text)).toEqual(expected);
    }
  });
});

describe("the feed's entry ids", () => {
  const tweets: TweetInput[] = [
    { text: "on X", date: "2022-12-03", url: "https://twitter.com/jack/status/20?s=20" },
    { text: "on X, a photo of it", date: "2022-12-02", url: "https://x.com/jack/status/21/photo/1" },
    { text: "elsewhere", date: "2022-12-01", url: "https://example.com/status/22" },
    { text: "not linked", date: "2022-11-30" },
    { text: "on X again", date: "2022-11-29", url: "https://x.com/jack/status/20" },
  ];

  test("are the status on X when the tweet is one, else the address of the tweet's own page", () => {
    expect(feedOf(tweets).entries.map((entry) => entry.id)).toEqual([
      "https://x.com/i/status/20",
      "https://x.com/i/status/21",
      // A status URL off X is no tweet id: the page is named by date and words.
      "https://example.org/tweets/t/2022-12-01-elsewhere/",
      "https://example.org/tweets/t/2022-11-30-not-linked/",
      // Listed twice: the second is told apart by its page's address.
      "https://example.org/tweets/t/20-2/",
    ]);
  });

  test("stay the same when tweets move between pages, or the wall has no tweet pages", () => {
    const many = [...tweets, ...seedTweets];
    const ids = (extra: Record<string, unknown>) => feedOf(many, extra).entries.map((entry) => entry.id);
    const asFound = ids({ pageSize: 10 });
    expect(ids({ pageSize: 100 })).toEqual(asFound);
    expect(ids({ pageSize: 10, tweetPages: false })).toEqual(asFound);
    const withoutPages = feedOf(many, { pageSize: 10, tweetPages: false });
    const notLinked = withoutPages.entries.find((entry) => entry.tweet.text === "not linked")!;
    expect(notLinked.url).toBe("https://example.org/tweets/#tweet-2022-11-30-not-linked");
    expect(notLinked.id).toBe("https://example.org/tweets/t/2022-11-30-not-linked/");
  });
});

describe("a wall without a feed, or without tweets", () => {
  test("without the site's url there is no feed: its links and ids could not be absolute", () => {
    const { url: _, ...withoutUrl } = site();
    expect(buildWallView(withoutUrl, seedTweets).feed).toBeUndefined();
  });

  test("an empty wall's feed has no entries and dates from the epoch", () => {
    expect(feedOf([])).toMatchObject({ entries: [], updated: "1970-01-01T00:00:00Z" });
  });
});

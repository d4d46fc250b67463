import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { REPO_ROOT } from "../../support/cli.ts";

const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;
const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));

/** Counts of `keys`, as [key, count] sorted by key. */
function tally(keys: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

describe("the stats of the seed wall (70 tweets, every date a day)", () => {
  const stats = buildWallView(siteSchema.parse(seedSite), seedTweets).stats!;

  test("counts the tweets of each year and month, oldest first", () => {
    expect(seedTweets).toHaveLength(70);
    const years = tally(seedTweets.map((tweet) => tweet.date.slice(0, 4)));
    expect(stats.years.map(({ label, count }) => [label, count])).toEqual(years);
    expect(years.find(([year]) => year === "2022")).toEqual(["2022", 20]);
    const months = tally(seedTweets.map((tweet) => tweet.date.slice(0, 7)));
    expect(stats.months.map((month) => month.count)).toEqual(months.map(([, count]) => count));
    expect(stats.months[0]!.label).toBe("October 2014");
    expect(stats.months.at(-1)!.label).toBe("December 2022");
    expect(stats.months.reduce((sum, month) => sum + month.count, 0)).toBe(70);
  });

  test("draws each bar in percent of the largest count", () => {
    const largest = Math.max(...stats.years.map((year) => year.count));
    for (const year of stats.years) expect(year.percent).toBe(Math.round((year.count / largest) * 100));
    expect(stats.years.some((year) => year.percent === 100)).toBe(true);
  });

  test("names the longest tweet, in characters", () => {
    const lengths = seedTweets.map((tweet) => [...tweet.text].length);
    const longest = seedTweets[lengths.indexOf(Math.max(...lengths))]!;
    expect(stats.longest.tweet.text).toBe(longest.text);
    expect(stats.longest.characters).toBe(307);
  });

  test("finds no hashtag or mention, and the links' hosts", () => {
    const hosts = seedTweets.flatMap((tweet) =>
      [...tweet.text.matchAll(/https?:\/\/([^/\s]+)/g)].map((match) => match[1]!.replace(/^www\./, "")),
    );
    expect(stats.hashtags).toEqual([]);
    expect(stats.mentions).toEqual([]);
    expect(stats.domains.map(({ label, count }) => [label, count])).toEqual(tally(hosts));
    expect(stats.mostLiked).toBeUndefined();
  });
});

describe("the stats of hostile tweets", () => {
  const tweets: TweetInput[] = [
    {
      text: "#AI is here, #ai again? @Karpathy https://www.Example.com/a and example.com/#top",
      date: "2021-12-31T23:30:00Z",
      likes: 5,
    },
    {
      text: "#ai once more with @karpathy and @other, https://example.com/b https://sub.example.org",
      date: "2022-01-01",
      likes: 12,
    },
    {
      text: "A photo https://pic.twitter.com/abc and a mention-less #42 #tag https://cards.example.net/x",
      date: "2022-01-02",
      likes: 12,
      card: { url: "https://cards.example.net/x", title: "A card" },
    },
    ...Array.from({ length: 12 }, (_, index) => ({
      text: `#t${String(index).padStart(2, "0")}`,
      date: "2022-02-01",
    })),
  ];
  const site = siteSchema.parse({ title: "W", author: { name: "A", handle: "a" }, timeZone: "Asia/Tokyo" });
  const stats = buildWallView(site, tweets).stats!;

  test("counts the tweets using a hashtag or mention in either case, under its first spelling", () => {
    expect(stats.hashtags.slice(0, 2).map(({ label, count }) => [label, count])).toEqual([
      ["#AI", 2],
      ["#t00", 1],
    ]);
    expect(stats.hashtags).toHaveLength(10);
    expect(stats.mentions.map(({ label, count }) => [label, count])).toEqual([
      ["@Karpathy", 2],
      ["@other", 1],
    ]);
  });

  test("counts linked hosts without www., a link card's too, not X's photo links, not an anchor as a hashtag", () => {
    expect(stats.domains.map(({ label, count }) => [label, count])).toEqual([
      ["example.com", 2],
      ["cards.example.net", 1],
      ["sub.example.org", 1],
    ]);
    expect(stats.hashtags.map((tag) => tag.label)).not.toContain("#top");
  });

  test("groups by the day shown in the wall's zone: 23:30 UTC on December 31 is January 1 in Tokyo", () => {
    expect(stats.years.map(({ label, count }) => [label, count])).toEqual([["2022", 15]]);
    expect(stats.months.map(({ label, count }) => [label, count])).toEqual([
      ["January 2022", 3],
      ["February 2022", 12],
    ]);
  });

  test("names the most liked, the first on the wall of equals", () => {
    expect(stats.mostLiked?.likes).toBe(12);
    expect(stats.mostLiked?.tweet.text).toMatch(/^#ai once more/);
  });
});

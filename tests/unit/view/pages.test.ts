import { describe, expect, test } from "vitest";
import { buildWallView } from "../../../src/view/wall.ts";
import type { TweetView } from "../../../src/view/types.ts";
import { pageNavItems, paginateWall, tweetPagePath } from "../../../src/view/pages.ts";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { searchIndexOf } from "../../../src/view/search-index.ts";
import { buildTimeline } from "../../../src/view/timeline.ts";

const site = (extra: Record<string, unknown> = {}) =>
  siteSchema.parse({ title: "T", author: { name: "A", handle: "a" }, ...extra });

const tweetsOn = (dates: string[]): TweetInput[] =>
  dates.map((date, index) => ({ text: `tweet ${index + 1} about things`, date }));

/** The navigation as text: page numbers, [current], and … for a gap. */
const navText = (current: number, count: number) =>
  pageNavItems(current, count)
    .map((item) => (item.kind === "gap" ? "…" : item.current ? `[${item.number}]` : String(item.number)))
    .join(" ");

describe("pageNavItems", () => {
  test.each([
    [1, 1, "[1]"],
    [1, 3, "[1] 2 3"],
    [3, 7, "1 2 [3] 4 5 6 7"],
    [1, 1000, "[1] 2 3 … 1000"],
    [500, 1000, "1 … 498 499 [500] 501 502 … 1000"],
    [1000, 1000, "1 … 998 999 [1000]"],
    // A gap would stand for page 2 alone: page 2 is shown instead.
    [5, 1000, "1 2 3 4 [5] 6 7 … 1000"],
    [996, 1000, "1 … 994 995 [996] 997 998 999 1000"],
  ])("page %i of %i: %s", (current, count, expected) => {
    expect(navText(current, count)).toBe(expected);
  });

  test("every page of a 1,000-page wall links at most 9 pages, and each link's url is its page's", () => {
    for (let current = 1; current <= 1000; current++) {
      const pages = pageNavItems(current, 1000).filter((item) => item.kind === "page");
      expect(pages.length).toBeLessThanOrEqual(9);
      expect(pages.filter((item) => item.current).map((item) => item.number)).toEqual([current]);
      for (const item of pages) expect(item.url).toBe(item.number === 1 ? "/" : `/page/${item.number}/`);
    }
  });
});

describe("paginateWall", () => {
  test("splits in the curator's order, first page at /, the others at /page/N/", () => {
    const wall = buildWallView(site({ pageSize: 10 }), tweetsOn(Array(25).fill("2022-12-03")));
    expect(wall.pages.map((page) => [page.url, page.tweets.length, page.previousUrl, page.nextUrl])).toEqual([
      ["/", 10, undefined, "/page/2/"],
      ["/page/2/", 10, "/", "/page/3/"],
      ["/page/3/", 5, "/page/2/", undefined],
    ]);
    expect(wall.pages.flatMap((page) => page.tweets.map((tweet) => tweet.number))).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(wall.tweets[24]!.wallUrl).toBe(`/page/3/#${wall.tweets[24]!.anchor}`);
  });

  test("links carry the path prefix of a wall deployed under a sub-path; page paths do not", () => {
    const wall = buildWallView(
      site({ pageSize: 10, url: "https://example.org/tweets/" }),
      tweetsOn(Array(25).fill("2022-12-03")),
    );
    const [first, second] = wall.pages;
    expect([first!.path, first!.url, second!.path, second!.url]).toEqual([
      "/",
      "/tweets/",
      "/page/2/",
      "/tweets/page/2/",
    ]);
    expect([second!.previousUrl, second!.nextUrl]).toEqual(["/tweets/", "/tweets/page/3/"]);
    expect(second!.nav.flatMap((item) => (item.kind === "page" ? [item.url] : []))).toEqual([
      "/tweets/",
      "/tweets/page/2/",
      "/tweets/page/3/",
    ]);
    const tweet = wall.tweets[12]!;
    expect(tweet.wallUrl).toBe(`/tweets/page/2/#${tweet.anchor}`);
    expect(tweet.pagePath).toBe(`/t/${tweet.anchor.replace(/^tweet-/, "")}/`);
    expect(tweet.permalink).toBe(`/tweets${tweet.pagePath}`);
    expect(tweet.next?.url).toBe(wall.tweets[13]!.permalink);
    expect(searchIndexOf(wall.tweets).tweets[12]![0]).toBe(tweet.wallUrl);
  });

  test("an empty wall is one empty page", () => {
    expect(paginateWall([] as TweetView[], 100, { title: "T", intro: "", pathPrefix: "/" })).toMatchObject([
      { number: 1, url: "/", tweets: [] },
    ]);
  });

  test("titles each page by the site, the first plainly and the others with their number", () => {
    const wall = buildWallView(
      site({ title: `It's "ours" & <mine>`, intro: "Tweets & <more>", pageSize: 10 }),
      tweetsOn(Array(25).fill("2022-12-03")),
    );
    expect(wall.pages.map((page) => page.meta)).toEqual([
      { title: `It's "ours" & <mine>`, description: "Tweets & <more>" },
      { title: `It's "ours" & <mine> (page 2 of 3)`, description: "Tweets & <more>" },
      { title: `It's "ours" & <mine> (page 3 of 3)`, description: "Tweets & <more>" },
    ]);
  });

  test("tweet pages link to their neighbours; without tweet pages the permalink is the wall anchor", () => {
    const withPages = buildWallView(site(), tweetsOn(["2022-12-03", "2022-12-04", "2022-12-05"]));
    const middle = withPages.tweets[1]!;
    expect(middle.permalink).toBe(tweetPagePath(middle.anchor));
    expect(middle.pagePath).toBe(middle.permalink);
    expect(middle.permalink).toBe("/t/2022-12-04-tweet-2-about/");
    expect(middle.previous?.url).toBe(withPages.tweets[0]!.permalink);
    expect(middle.next?.label).toBe("tweet 3 about things (December 5, 2022)");
    expect(withPages.tweetPages).toHaveLength(3);

    const without = buildWallView(site({ tweetPages: false }), tweetsOn(["2022-12-03"]));
    expect(without.tweetPages).toEqual([]);
    expect(without.tweets[0]!.permalink).toBe(`/#${without.tweets[0]!.anchor}`);
  });

  test('"auto" gives tweet pages up to 5,000 tweets, and none above', () => {
    expect(buildWallView(site(), tweetsOn(Array(5_000).fill("2022-12-03"))).tweetPages).toHaveLength(5_000);
    const large = buildWallView(site(), tweetsOn(Array(5_001).fill("2022-12-03")));
    expect(large.tweetPages).toEqual([]);
    expect(large.tweets[5_000]!.permalink).toBe(`/page/51/#${large.tweets[5_000]!.anchor}`);
    expect(
      buildWallView(site({ tweetPages: true }), tweetsOn(Array(5_001).fill("2022-12-03"))).tweetPages,
    ).toHaveLength(5_001);
  });
});

describe("buildTimeline", () => {
  const timelineOf = (dates: string[]) => buildTimeline(buildWallView(site(), tweetsOn(dates)).tweets)!;

  test("charts a wall of 300,000 tweets (more than a function's arguments can spread)", () => {
    const [first, second] = buildWallView(site(), tweetsOn(["2012-05-01", "2021-07-09"])).tweets;
    const tweets = Array.from({ length: 300_000 }, (_, index) => (index % 2 ? first! : second!));
    const timeline = buildTimeline(tweets)!;
    expect(timeline.bars.map((bar) => bar.count)).toEqual([150_000, 0, 0, 0, 0, 0, 0, 0, 0, 150_000]);
  });

  test("counts tweets per year over long spans, empty years included, bars scaled to the busiest", () => {
    const timeline = timelineOf(["2014-10-04", "2016-01-01", "2016-02-02", "2016-03-03", "2017-01-01"]);
    expect(timeline.unit).toBe("year");
    expect(timeline.bars.map((bar) => [bar.label, bar.count, bar.query])).toEqual([
      ["2014", 1, "?year=2014"],
      ["2015", 0, "?year=2015"],
      ["2016", 3, "?year=2016"],
      ["2017", 1, "?year=2017"],
    ]);
    expect(timeline.bars[2]!.height).toBe(timeline.plotHeight);
    expect(timeline.bars[1]!.height).toBe(0);
    expect(timeline.bars[0]!.name).toBe("2014: 1 tweet");
  });

  test("counts per month when the wall spans less than two years", () => {
    const timeline = timelineOf(["2022-11-17", "2022-12-03", "2022-12-06"]);
    expect(timeline.unit).toBe("month");
    expect(timeline.bars.map((bar) => [bar.label, bar.shortLabel, bar.count, bar.query])).toEqual([
      ["Nov 2022", "Nov", 1, "?year=2022&month=11"],
      ["Dec 2022", "Dec", 2, "?year=2022&month=12"],
    ]);
  });

  test("the seed's span, 2014 to 2022, is drawn per year", async () => {
    const { readFile } = await import("node:fs/promises");
    const { REPO_ROOT } = await import("../../support/cli.ts");
    const { tweets } = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8"));
    const timeline = timelineOf(tweets.map((tweet: TweetInput) => tweet.date));
    expect(timeline.bars.map((bar) => bar.label)).toEqual([
      "2014",
      "2015",
      "2016",
      "2017",
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
    ]);
    expect(timeline.bars.reduce((sum, bar) => sum + bar.count, 0)).toBe(70);
  });
});

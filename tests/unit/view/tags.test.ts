import { describe, expect, test } from "vitest";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { buildWallView } from "../../../src/view/wall.ts";

const site = (extra: Record<string, unknown> = {}) =>
  siteSchema.parse({
    title: "Wall",
    author: { name: "A", handle: "a" },
    url: "https://example.org/tweets/",
    tags: [
      { tag: "physics", title: "Physics", description: "Space and time." },
      { tag: "never-used", title: "Never used" },
      { tag: "ai", title: "AI" },
    ],
    ...extra,
  });

const tweets: TweetInput[] = [
  { text: "one", date: "2020-01-01", tags: ["zebra", "ai"] },
  { text: "two", date: "2020-01-02", tags: ["apple", "physics", "ai", "ai"] },
  { text: "three", date: "2020-01-03" },
  { text: "four", date: "2020-01-04", tags: ["ai"] },
];

describe("the tags index", () => {
  const wall = buildWallView(site(), tweets);

  test("lists the used tags in the site's order, then the others A to Z, with counts and pages", () => {
    expect(wall.tags).toEqual([
      {
        tag: "physics",
        title: "Physics",
        description: "Space and time.",
        url: "/tweets/tags/physics/",
        count: 1,
      },
      { tag: "ai", title: "AI", description: undefined, url: "/tweets/tags/ai/", count: 3 },
      { tag: "apple", title: "apple", description: undefined, url: "/tweets/tags/apple/", count: 1 },
      { tag: "zebra", title: "zebra", description: undefined, url: "/tweets/tags/zebra/", count: 1 },
    ]);
  });

  test("gives each tweet its tags in that order, once each", () => {
    expect(wall.tweets.map((tweet) => tweet.tags.map((tag) => tag.tag))).toEqual([
      ["ai", "zebra"],
      ["physics", "ai", "apple"],
      [],
      ["ai"],
    ]);
    expect(wall.tweets[1]!.tags[0]).toEqual({
      tag: "physics",
      title: "Physics",
      url: "/tweets/tags/physics/",
    });
  });

  test("makes a page for each used tag with its tweets in the wall's order, none for an unused one", () => {
    expect(wall.tagPages.map((page) => page.path)).toEqual([
      "/tags/physics/",
      "/tags/ai/",
      "/tags/apple/",
      "/tags/zebra/",
    ]);
    const ai = wall.tagPages[1]!;
    expect(ai.tweets.map((tweet) => tweet.text)).toEqual(["one", "two", "four"]);
    // Runs of consecutive wall numbers: the card mechanism makes the cards of a run.
    expect(ai.runs.map((run) => run.map((tweet) => tweet.number))).toEqual([[1, 2], [4]]);
    expect(ai.meta.title).toBe("AI – Wall");
    expect(wall.tagPages[0]!.meta.description).toBe("Space and time.");
  });

  test("pages a large tag as the wall: pageSize tweets a page, at /tags/<tag>/page/N/", () => {
    const many: TweetInput[] = Array.from({ length: 25 }, (_, index) => ({
      text: `tweet ${index}`,
      date: "2020-01-01",
      tags: ["big"],
    }));
    const pages = buildWallView({ ...site(), pageSize: 10 }, many).tagPages;
    expect(pages.map((page) => [page.path, page.tweets.length])).toEqual([
      ["/tags/big/", 10],
      ["/tags/big/page/2/", 10],
      ["/tags/big/page/3/", 5],
    ]);
    expect(pages[1]!.previousUrl).toBe("/tweets/tags/big/");
    expect(pages[1]!.nextUrl).toBe("/tweets/tags/big/page/3/");
  });
});

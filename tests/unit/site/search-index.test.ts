import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { tempDir } from "../../support/temp.ts";
import { writeSearchIndex } from "../../../src/site/search-index.ts";
import { searchIndexOf } from "../../../src/view/search-index.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";

const site = (extra: Record<string, unknown> = {}) =>
  siteSchema.parse({ title: "T", author: { name: "A", handle: "a" }, ...extra });

const tweetsOn = (dates: string[]): TweetInput[] =>
  dates.map((date, index) => ({ text: `tweet ${index + 1} about things`, date }));

let scratch: string;
beforeAll(async () => {
  scratch = await tempDir("tweetwall-search-index-");
});

describe("searchIndexOf", () => {
  test("the search index has one compact row per tweet, across all pages, and lists authors once", () => {
    const tweets: TweetInput[] = [
      ...tweetsOn(Array(11).fill("2021-05-04")),
      { text: "a guest", date: "2021-05-05", author: { name: "Guest", handle: "@guest" } },
    ];
    const wall = buildWallView(site({ pageSize: 10 }), tweets);
    const index = searchIndexOf(wall.tweets);
    expect(index.authors).toEqual([
      ["a", "A"],
      ["guest", "Guest"],
    ]);
    expect(index.tweets).toHaveLength(12);
    expect(index.tweets[0]).toEqual([`/#${wall.tweets[0]!.anchor}`, "tweet 1 about things", "2021-05-04", 0]);
    expect(index.tweets[11]).toEqual([`/page/2/#${wall.tweets[11]!.anchor}`, "a guest", "2021-05-05", 1]);
  });
});

describe("writeSearchIndex", () => {
  // Texts JSON must escape, and the characters that break naive embedding of JSON.
  const hostile = [
    '"quoted" \\ back\\slash',
    "line\nbreak\ttab",
    "\u2028\u2029",
    "😀 </script><!--",
    "\u0000",
  ];

  test.each([0, 1, 199, 200, 201, 401])("writes %i rows as the JSON of the whole index", (count) => {
    const tweets = tweetsOn(Array(count).fill("2022-12-03")).map((tweet, index) => ({
      ...tweet,
      text: `${hostile[index % hostile.length]} ${index}`,
      ...(index % 3 === 0 ? { author: { name: "Guest", handle: "guest" } } : {}),
    }));
    const index = searchIndexOf(buildWallView(site({ pageSize: 10 }), tweets).tweets);
    const folder = path.join(scratch, `rows-${count}`);
    writeSearchIndex(folder, index);
    expect(JSON.parse(readFileSync(path.join(folder, "search-index.json"), "utf8"))).toEqual(index);
    expect(readdirSync(folder)).toEqual(["search-index.json"]);
  });

  test("replaces an earlier index whole", () => {
    const folder = path.join(scratch, "replaced");
    writeSearchIndex(
      folder,
      searchIndexOf(buildWallView(site(), tweetsOn(Array(300).fill("2022-12-03"))).tweets),
    );
    const smaller = searchIndexOf(buildWallView(site(), tweetsOn(["2022-12-04"])).tweets);
    writeSearchIndex(folder, smaller);
    expect(JSON.parse(readFileSync(path.join(folder, "search-index.json"), "utf8"))).toEqual(smaller);
  });
});

import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import type { TweetInput } from "../../src/curator/schema.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";

const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;

/** A table's body rows as [header cell, first data cell]. */
function rowsOf($: cheerio.CheerioAPI, caption: string): [string, string][] {
  const table = $("table").filter((_, element) => $(element).find("caption").text() === caption);
  expect(table, caption).toHaveLength(1);
  return table
    .find("tbody tr")
    .map((_, row) => [[$(row).find("th").text(), $(row).find("td").first().text()]])
    .get() as [string, string][];
}

describe("the stats page of the seed wall", () => {
  let $: cheerio.CheerioAPI;

  beforeAll(async () => {
    const output = path.join(await tempDir("tweetwall-stats-"), "site");
    const run = await runCli(["build", "--output", output]);
    expect(run.status).toBe(0);
    $ = cheerio.load(await readFile(path.join(output, "stats", "index.html"), "utf8"));
  }, 120_000);

  test("has a title, an h1 and headed sections", () => {
    expect($("title").text()).toBe("Stats – fave tweets wall");
    expect($("h1").text()).toBe("Stats");
    expect(
      $("h2")
        .map((_, heading) => $(heading).text())
        .get(),
    ).toEqual(["When they were posted", "What they name", "The longest tweet"]);
  });

  test("counts the tweets per year, in a table whose rows are headed by the year", () => {
    const years = new Map<string, number>();
    for (const tweet of seedTweets)
      years.set(tweet.date.slice(0, 4), (years.get(tweet.date.slice(0, 4)) ?? 0) + 1);
    const expected = [...years]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, count]) => [year, String(count)]);
    expect(rowsOf($, "Tweets per year")).toEqual(expected);
    expect($("table th[scope=row]").first().text()).toBe("2014");
  });

  test("counts the tweets per month, all 70 of them", () => {
    const rows = rowsOf($, "Tweets per month");
    expect(rows[0]).toEqual(["October 2014", "1"]);
    expect(rows.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(70);
  });

  test("says there is no hashtag or mention, and lists the linked sites", () => {
    expect($("main").text()).toContain("No hashtags.");
    expect($("main").text()).toContain("No mentions.");
    expect(rowsOf($, "The ten most linked sites")).toEqual([["t.co", "2"]]);
  });

  test("shows the longest tweet as a card", () => {
    const card = $("#stats-longest").closest("section").find("article.tweet");
    expect(card).toHaveLength(1);
    expect(card.find(".tweet-text").text()).toMatch(/^Potentially nitpicky but competitive advantage/);
  });
});

describe("the stats page of a wall with likes", () => {
  test("shows the most liked tweet, and nothing for an empty wall", async () => {
    const dir = await tempDir("tweetwall-stats-likes-");
    const tweets: TweetInput[] = [
      { text: "Liked a little #one", date: "2022-01-01", likes: 3 },
      { text: "Liked a lot @someone", date: "2022-02-01", likes: 3000 },
    ];
    await writeFile(path.join(dir, "tweets.json"), JSON.stringify({ tweets }));
    await writeFile(path.join(dir, "empty.json"), JSON.stringify({ tweets: [] }));
    const output = path.join(dir, "site");
    expect(
      (await runCli(["build", "--output", output], { TWEETS_FILE: path.join(dir, "tweets.json") })).status,
    ).toBe(0);
    const $ = cheerio.load(await readFile(path.join(output, "stats", "index.html"), "utf8"));
    const liked = $("#stats-liked").closest("section");
    expect(liked.find("p").first().text()).toBe("3000 likes when it was fetched.");
    expect(liked.find("article.tweet .tweet-text").text()).toBe("Liked a lot @someone");
    expect(rowsOf($, "The ten most used hashtags")).toEqual([["#one", "1"]]);
    expect(rowsOf($, "The ten most mentioned accounts")).toEqual([["@someone", "1"]]);

    const empty = path.join(dir, "empty-site");
    expect(
      (await runCli(["build", "--output", empty], { TWEETS_FILE: path.join(dir, "empty.json") })).status,
    ).toBe(0);
    await expect(readFile(path.join(empty, "stats", "index.html"))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});

import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, test } from "vitest";
import type { TweetInput } from "../../src/curator/schema.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";

const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;
const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));

// The curator's controls on the seed wall: two pins, two hidden tweets, tags, newest first, in
// French and in Tokyo's time, with one date-time that is the next day there.
const HIDDEN = [1, 4];
const PINNED = [30, 10];
const LATE = 0;
const tweets: TweetInput[] = seedTweets.map((tweet, index) => ({
  ...tweet,
  ...(index === LATE ? { date: "2022-12-03T20:15:00Z" } : {}),
  ...(HIDDEN.includes(index) ? { hidden: true, tags: ["secret-tag"] } : {}),
  ...(PINNED.includes(index) ? { pinned: true } : {}),
  ...(index % 10 === 0 ? { tags: ["ai"] } : {}),
  ...(index === 5 || index === 6 ? { tags: ["fun", "ai"] } : {}),
}));
const site = {
  ...seedSite,
  url: "https://example.org/wall/",
  order: "newest",
  language: "fr",
  timeZone: "Asia/Tokyo",
  pageSize: 20,
  tags: [
    { tag: "fun", title: "Just for fun", description: "Jokes & asides." },
    { tag: "ai", title: "Artificial intelligence" },
    { tag: "unused" },
  ],
};

/** Every file under `folder`, by its path relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

describe("a wall with pinned, hidden and tagged tweets, built", () => {
  let output: string;
  const page = async (file: string) => cheerio.load(await readFile(path.join(output, file), "utf8"));
  const cardTexts = ($: cheerio.CheerioAPI) =>
    $("article.tweet > .tweet-text")
      .map((_, text) => $(text).text())
      .get();

  beforeAll(async () => {
    const dir = await tempDir("tweetwall-controls-");
    output = path.join(dir, "site");
    await writeFile(path.join(dir, "tweets.json"), JSON.stringify({ tweets }, null, 2));
    await writeFile(path.join(dir, "site.json"), JSON.stringify(site, null, 2));
    const run = await runCli(["build", "--output", output], {
      TWEETS_FILE: path.join(dir, "tweets.json"),
      SITE_FILE: path.join(dir, "site.json"),
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 120_000);

  test("shows the pinned tweets first, in the wall's order, then the rest newest first", async () => {
    const shown = tweets.filter((tweet) => !tweet.hidden);
    const day = (tweet: TweetInput) => (tweet === tweets[LATE] ? "2022-12-04" : tweet.date.slice(0, 10));
    const newestFirst = (list: TweetInput[]) =>
      list
        .map((tweet, index) => ({ tweet, index }))
        .sort((a, b) => day(b.tweet).localeCompare(day(a.tweet)) || a.index - b.index)
        .map(({ tweet }) => tweet.text);
    const expected = [
      ...newestFirst(shown.filter((tweet) => tweet.pinned)),
      ...newestFirst(shown.filter((tweet) => !tweet.pinned)),
    ];
    const texts: string[] = [];
    for (const file of ["index.html", "page/2/index.html", "page/3/index.html", "page/4/index.html"]) {
      texts.push(...cardTexts(await page(file)));
    }
    // A photo's link shows as a chip: the words before it are compared.
    expect(texts.map((text) => text.slice(0, 20))).toEqual(expected.map((text) => text.slice(0, 20)));
    // Pinned tweets are marked as such, and only they.
    const $ = await page("index.html");
    const marked = $("article.tweet")
      .map((_, card) => $(card).find(".tweet-pinned").length > 0)
      .get();
    expect(marked).toEqual(expected.slice(0, marked.length).map((_, index) => index < PINNED.length));
  });

  test("leaves the hidden tweets out of every file it writes", async () => {
    const files = await filesUnder(output);
    expect(files).toContain("sitemap.xml");
    expect(files).toContain("feed.xml");
    expect(files).toContain("search-index.json");
    for (const index of HIDDEN) {
      const words = tweets[index]!.text.slice(0, 30);
      for (const file of files) {
        const content = await readFile(path.join(output, file), "utf8");
        expect(content.includes(words), `${file} holds hidden tweet ${index + 1}`).toBe(false);
      }
    }
    expect(files.some((file) => file.startsWith("tags/secret-tag"))).toBe(false);
    const index = JSON.parse(await readFile(path.join(output, "search-index.json"), "utf8"));
    expect(index.tweets).toHaveLength(68);
  });

  test("gives each used tag a page with an h1 and its tweets as cards, in the wall's order", async () => {
    const files = await filesUnder(output);
    expect(files.filter((file) => file.startsWith("tags/")).sort()).toEqual([
      "tags/ai/index.html",
      "tags/fun/index.html",
    ]);
    const fun = await page("tags/fun/index.html");
    expect(fun("h1").text()).toBe("Just for fun");
    // Every page offers the sections as chips, the current one marked.
    const chips = (doc: cheerio.CheerioAPI) =>
      doc("nav.tag-chips a")
        .map(
          (_, link) =>
            `${doc(link).attr("href")} ${doc(link).text()}${doc(link).attr("aria-current") ? " (current)" : ""}`,
        )
        .get();
    // In site.json's order of tags, each with the number of its shown tweets.
    const aiCount = tweets.filter((tweet) => tweet.tags?.includes("ai") && !tweet.hidden).length;
    expect(chips(await page("index.html"))).toEqual([
      "/wall/tags/fun/ Just for fun 2",
      `/wall/tags/ai/ Artificial intelligence ${aiCount}`,
    ]);
    expect(chips(fun)).toEqual([
      "/wall/tags/fun/ Just for fun 2 (current)",
      `/wall/tags/ai/ Artificial intelligence ${aiCount}`,
    ]);
    expect(fun("main .intro").text()).toBe("Jokes & asides.");
    expect(fun("title").text()).toBe("Just for fun – fave tweets wall");
    expect(cardTexts(fun)).toEqual([tweets[5]!.text, tweets[6]!.text]);
    const ai = await page("tags/ai/index.html");
    expect(ai("h1").text()).toBe("Artificial intelligence");
    const tagged = tweets.filter((tweet) => tweet.tags?.includes("ai") && !tweet.hidden);
    expect(ai("article.tweet")).toHaveLength(tagged.length);
    // The tag page keeps the wall's order: its cards come in the order of their places on the wall.
    const wall = await page("index.html");
    const onWall = wall("article.tweet")
      .map((_, card) => wall(card).attr("id"))
      .get();
    const onTag = ai("article.tweet")
      .map((_, card) => ai(card).attr("id"))
      .get();
    const places = onTag.map((id) => onWall.indexOf(id)).filter((place) => place >= 0);
    expect(places.length).toBeGreaterThan(0);
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });

  test("writes every date in French, on the day it is in Tokyo, with a valid datetime", async () => {
    const $ = await page("index.html");
    expect($("html").attr("lang")).toBe("fr");
    const late = $("article.tweet")
      .filter((_, card) => $(card).find(".tweet-text").text() === tweets[LATE]!.text)
      .find("footer time");
    expect(late.text()).toBe("4 décembre 2022");
    expect(late.attr("datetime")).toBe("2022-12-04T05:15:00+09:00");
    const dayOnly = $("article.tweet")
      .filter((_, card) => $(card).find(".tweet-text").text() === tweets[3]!.text)
      .find("footer time");
    expect(tweets[3]!.date).toBe("2022-11-18");
    expect(dayOnly.text()).toBe("18 novembre 2022");
    expect(dayOnly.attr("datetime")).toBe("2022-11-18");
  });

  test("writes valid HTML for a tag page and the stats page", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const file of ["tags/fun/index.html", "stats/index.html"]) {
      const report = await validator.validateString(await readFile(path.join(output, file), "utf8"), file);
      const messages = report.results.flatMap((result) =>
        result.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });
});

describe("add and import with --tag and --pin", () => {
  async function files() {
    const dir = await tempDir("tweetwall-curate-");
    const env = { TWEETS_FILE: path.join(dir, "tweets.json"), SITE_FILE: path.join(dir, "site.json") };
    await writeFile(
      env.TWEETS_FILE,
      JSON.stringify({ tweets: [{ text: "already here", date: "2020-01-01" }] }),
    );
    await writeFile(env.SITE_FILE, JSON.stringify(seedSite));
    const stored = async (): Promise<TweetInput[]> =>
      JSON.parse(await readFile(env.TWEETS_FILE, "utf8")).tweets;
    return { env, stored };
  }

  test("add tags and pins the tweet it adds, tags repeated or separated by commas, once each", async () => {
    const { env, stored } = await files();
    const args = [
      "add",
      "--text",
      "new one",
      "--date",
      "2022-01-01",
      "--tag",
      "ai,fun",
      "--tag",
      "ai",
      "--pin",
    ];
    const run = await runCli(args, env);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [before, added] = await stored();
    expect(before).toEqual({ text: "already here", date: "2020-01-01" });
    expect(added).toMatchObject({ text: "new one", tags: ["ai", "fun"], pinned: true });
  });

  test("import tags and pins every tweet it adds", async () => {
    const { env, stored } = await files();
    const run = await runCli(
      ["import", `${REPO_ROOT}tests/fixtures/embed-html/page.html`, "--tag", "from-embeds", "--pin"],
      env,
    );
    expect(run.status).toBe(0);
    const [before, ...imported] = await stored();
    expect(before!.tags).toBeUndefined();
    expect(imported.length).toBeGreaterThan(0);
    for (const tweet of imported) expect(tweet).toMatchObject({ tags: ["from-embeds"], pinned: true });
  });

  test.each([
    ["add", "Machine_Learning", 'add: --tag "Machine_Learning": expected a tag of lowercase letters'],
    ["import", "ai,,fun", "import: --tag expects tags separated by commas"],
  ])("%s refuses the tag %j, as the schema would, and writes nothing", async (command, tag, message) => {
    const { env, stored } = await files();
    const args =
      command === "add"
        ? ["add", "--text", "x", "--date", "2022-01-01", "--tag", tag]
        : ["import", `${REPO_ROOT}tests/fixtures/embed-html/page.html`, "--tag", tag];
    const run = await runCli(args, env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(await stored()).toHaveLength(1);
  });
});

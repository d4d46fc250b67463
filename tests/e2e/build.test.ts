import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { JS_FLAG } from "../../src/site/assets.ts";
import { sha256Source } from "../../src/site/csp.ts";
import { parseTweetDate } from "../../src/tweet/dates.ts";
import type { TweetInput } from "../../src/curator/schema.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";

const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;

/** The text as the curator wrote it: each "photo" chip stands for the pic.twitter.com address it links. */
function textAsWritten($: cheerio.CheerioAPI, paragraph: ReturnType<cheerio.CheerioAPI>): string {
  const copy = paragraph.clone();
  copy.find("a.photo-chip").each((_, chip) => {
    $(chip).replaceWith(
      $(chip)
        .attr("href")!
        .replace(/^https:\/\//, ""),
    );
  });
  return copy.text();
}

/** Every folder a test made, removed when the file's tests are done. */
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

async function buildInto(env: Record<string, string> = {}) {
  const dir = await tempFolder("tweetwall-build-");
  const output = path.join(dir, "site");
  const run = await runCli(["build", "--output", output], env);
  return { dir, output, run };
}

async function writeTweets(tweets: unknown): Promise<string> {
  const dir = await tempFolder("tweetwall-data-");
  const file = path.join(dir, "tweets.json");
  await writeFile(file, typeof tweets === "string" ? tweets : JSON.stringify(tweets, null, 2));
  return file;
}

describe("the seed wall, built", () => {
  let html: string;
  let $: cheerio.CheerioAPI;
  let site: string;
  let stdout: string;

  beforeAll(async () => {
    const { output, run } = await buildInto();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    site = output;
    stdout = run.stdout;
    html = await readFile(path.join(output, "index.html"), "utf8");
    $ = cheerio.load(html);
  });

  test("without a url in data/site.json, writes no feeds or sitemap, links none, and says so in one line", async () => {
    for (const file of ["feed.xml", "feed.json", "sitemap.xml"]) {
      expect(existsSync(path.join(site, file)), file).toBe(false);
    }
    expect(await readFile(path.join(site, "robots.txt"), "utf8")).toBe("User-agent: *\nAllow: /\n");
    expect($('link[rel="alternate"]')).toHaveLength(0);
    expect($("footer.site-footer").text().trim()).toBe(
      "70 tweets, chosen by hand. No trackers, no third-party scripts. Stats",
    );
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "No url in data/site.json: no feeds, sitemap or share images written (they need absolute addresses).",
    );
    expect(lines[1]).toMatch(/^Built the wall from data\/tweets.json into .* in \d+\.\d\d s\.$/);
  });

  test("has one article per tweet, in the curator's order, with the exact text", () => {
    const articles = $("main article.tweet");
    expect(articles).toHaveLength(70);
    const texts = articles.map((_, article) => textAsWritten($, $(article).find(".tweet-text"))).get();
    expect(texts).toEqual(seedTweets.map((tweet) => tweet.text.trim()));
  });

  test("dates each tweet with a machine-readable <time> and the readable label", () => {
    $("article.tweet").each((index, article) => {
      const expected = parseTweetDate(seedTweets[index]!.date);
      if (!expected.ok) throw new Error(expected.expected);
      const time = $(article).find("time[datetime]");
      expect(time.attr("datetime")).toBe(expected.date.iso);
      expect(time.text()).toBe(expected.date.label);
    });
    expect($("article.tweet").first().find("time").text()).toBe("December 3, 2022");
    expect($("article.tweet").last().find("time").attr("datetime")).toBe("2014-10-04");
  });

  test("gives every tweet a unique stable anchor and a visible link to its own page", () => {
    const ids = $("article.tweet")
      .map((_, article) => $(article).attr("id"))
      .get();
    expect(new Set(ids).size).toBe(70);
    expect(ids[0]).toBe("tweet-2022-12-03-plan-is-to");
    $("article.tweet").each((_, article) => {
      const permalink = $(article).find("a.tweet-permalink");
      expect(permalink.attr("href")).toBe(
        `/t/${$(article)
          .attr("id")!
          .replace(/^tweet-/, "")}/`,
      );
      expect(permalink.find("time").attr("datetime")).toMatch(/^\d{4}-\d\d-\d\d/);
    });
  });

  test("links the author's profile once, in the header, when the original URL is unknown", () => {
    expect($("article.tweet a.tweet-source")).toHaveLength(0);
    expect($(".site-header .site-author a").attr("href")).toBe("https://x.com/karpathy");
  });

  test("links the URLs, t.co and pic.twitter.com of the seed, leaving the punctuation outside", () => {
    const benEater = $("article.tweet").filter((_, a) => $(a).text().includes("Ben Eater"));
    const links = benEater
      .find(".tweet-text a")
      .map((_, a) => [[$(a).attr("href"), $(a).text()]])
      .get();
    expect(links).toEqual([
      ["https://t.co/iDw8gqNnGT", "https://t.co/iDw8gqNnGT"],
      [
        "https://pic.twitter.com/E8NTdfQp43",
        "photo attached to the tweet, on X (pic.twitter.com/E8NTdfQp43)",
      ],
    ]);
    expect(benEater.find(".tweet-text a.photo-chip").contents().first().text()).toBe("photo");
    expect(textAsWritten($, benEater.find(".tweet-text"))).toContain(
      "https://t.co/iDw8gqNnGT) pic.twitter.com",
    );
  });

  test("keeps line breaks as written", () => {
    const transformer = $("article.tweet .tweet-text").filter((_, p) =>
      $(p).text().startsWith("The Transformer"),
    );
    expect(transformer.text().split("\n")).toHaveLength(4);
  });

  test("takes the title and intro from data/site.json, with the 'here' sentence linking to the author's profile", () => {
    expect($("head > title").text()).toBe("fave tweets wall");
    expect($("h1").text()).toBe("fave tweets wall");
    const intro = $(".intro");
    expect(intro.text()).toMatch(/^Sometimes tweets get lost/);
    expect(intro.find("a").attr("href")).toBe("https://x.com/karpathy");
    expect(intro.find("a").text()).toBe("The full collection of my tweets, of course, is here");
  });

  test("has only its own module and the hashed .js flag as scripts, no inline handler, only http(s) or site links", () => {
    expect(
      $("script")
        .map((_, script) => ({ ...script.attribs, inline: $(script).text() }))
        .get(),
    ).toEqual([{ inline: JS_FLAG }, { type: "module", src: "/wall.js", inline: "" }]);
    $("*").each((_, element) => {
      const attributes = Object.keys((element as { attribs?: Record<string, string> }).attribs ?? {});
      expect(attributes.filter((name) => name.startsWith("on"))).toEqual([]);
    });
    $("a[href]").each((_, link) => {
      expect($(link).attr("href")).toMatch(/^(https?:\/\/|#|\/)/);
    });
  });

  test("declares a Content-Security-Policy that allows only its own stylesheet, script and index", () => {
    const policy = $('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "";
    const directives = Object.fromEntries(
      policy.split(";").map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toEqual(["'self'", sha256Source(JS_FLAG)]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["style-src"]).toHaveLength(1);
    expect(directives["style-src"][0]).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    expect($("style")).toHaveLength(1);
  });

  test("is valid HTML", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    const report = await validator.validateString(html, "index.html");
    const messages = report.results.flatMap((result) =>
      result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
    expect(messages).toEqual([]);
  });
});

describe("hostile tweets", () => {
  test("are shown as text, never as markup, script or template", async () => {
    const hostile = [
      '<script>alert("pwned")</script><img src=x onerror=alert(1)>',
      "javascript:alert(1) and JaVaScRiPt:alert(2) and data:text/html;base64,PHNjcmlwdD4=",
      "{{ 7 * 7 }} {% raw %}x{% endraw %} {{ site | dump }} ${1+1}",
      'https://example.com/"onmouseover="alert(1) end',
      "שלום עולם #שלום and مرحبا @someone",
      "🤦‍♂️ emoji 👩‍👩‍👧‍👦 and astral 𝒳",
      `${"long ".repeat(5000)}https://example.com/end`,
    ];
    const file = await writeTweets(hostile.map((text) => ({ text, date: "2022-12-03" })));
    const { output, run } = await buildInto({ TWEETS_FILE: file });
    expect(run.status).toBe(0);
    const $ = cheerio.load(await readFile(path.join(output, "index.html"), "utf8"));
    expect($("img, iframe, object")).toHaveLength(0);
    expect(
      $("script")
        .toArray()
        .map((script) => script.attribs.src ?? $(script).text()),
    ).toEqual([JS_FLAG, "/wall.js"]);
    const texts = $("article.tweet .tweet-text")
      .map((_, p) => $(p).text())
      .get();
    expect(texts).toEqual(hostile.map((text) => text.trim()));
    $("a[href]").each((_, link) => expect($(link).attr("href")).toMatch(/^(https?:\/\/|#|\/)/));
    expect($("[onmouseover], [onerror]")).toHaveLength(0);
    expect($("article.tweet").last().find(".tweet-text a").last().attr("href")).toBe(
      "https://example.com/end",
    );
  });
});

describe("a wall of one tweet whose words and title hold quotes, an ampersand and angle brackets", () => {
  const title = `Ben & Jerry's "best" <tweets>`;
  const text = `It's "fine" & <ok>`;
  let site: string;
  const page = async (file: string) => cheerio.load(await readFile(path.join(site, file), "utf8"));
  const metaOf = ($: cheerio.CheerioAPI) => ({
    title: $("head > title").text(),
    "og:title": $('meta[property="og:title"]').attr("content"),
    "twitter:title": $('meta[name="twitter:title"]').attr("content"),
    description: $('meta[name="description"]').attr("content"),
    "og:description": $('meta[property="og:description"]').attr("content"),
    "twitter:description": $('meta[name="twitter:description"]').attr("content"),
  });

  beforeAll(async () => {
    const dir = await tempFolder("tweetwall-data-");
    const siteFile = path.join(dir, "site.json");
    const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));
    await writeFile(siteFile, JSON.stringify({ ...seedSite, title, intro: text }));
    const tweetsFile = await writeTweets([{ text, date: "2022-12-03" }]);
    const { output, run } = await buildInto({ SITE_FILE: siteFile, TWEETS_FILE: tweetsFile });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    site = output;
  });

  test("the tweet's page is titled and described by its words, escaped once", async () => {
    const title = `“${text}” (@karpathy)`;
    expect(metaOf(await page("t/2022-12-03-it-s-fine/index.html"))).toEqual({
      title,
      "og:title": title,
      "twitter:title": title,
      description: text,
      "og:description": text,
      "twitter:description": text,
    });
  });

  test("the wall's page is titled by the site and described by its intro, escaped once", async () => {
    const $ = await page("index.html");
    expect(metaOf($)).toEqual({
      title,
      "og:title": title,
      "twitter:title": title,
      description: text,
      "og:description": text,
      "twitter:description": text,
    });
    expect($('meta[property="og:site_name"]').attr("content")).toBe(title);
    expect($("h1").text()).toBe(title);
  });

  test('counts "1 tweet", never "1 tweets", in the footer and the heading over the tweets', async () => {
    for (const file of ["index.html", "t/2022-12-03-it-s-fine/index.html"]) {
      const $ = await page(file);
      expect($("footer.site-footer").text().trim(), file).toMatch(/^1 tweet, chosen by hand\. /);
    }
    expect((await page("index.html"))("main > h2.visually-hidden").text()).toBe("1 tweet");
  });
});

describe("bad data", () => {
  test("fails with one located line per problem, no stack trace, and leaves the last good site untouched", async () => {
    const good = await buildInto();
    expect(good.run.status).toBe(0);
    const index = path.join(good.output, "index.html");
    const before = { html: await readFile(index, "utf8"), mtime: (await stat(index)).mtimeMs };

    const file = await writeTweets(
      '[\n  { "text": "fine", "date": "2022-12-03" },\n  { "text": "", "date": "February 30, 2022", "autor": "me" }\n]\n',
    );
    const run = await runCli(["build", "--output", good.output], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("  "))).toEqual([
      `  ${file}:3:13: tweet 2, field "text": expected the tweet's text, not blank`,
      `  ${file}:3:25: tweet 2, field "date": expected a real calendar date ("February 30, 2022" does not exist)`,
      `  ${file}:3:46: tweet 2, field "autor": unknown field: did you mean "author"? known fields are "text", "date", "url", "author", "lang", "added", "media", "quote", "replyTo", "card", "likes", "fetched", "pinned", "hidden", "tags"`,
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe("");

    expect(await readFile(index, "utf8")).toBe(before.html);
    expect((await stat(index)).mtimeMs).toBe(before.mtime);
    expect(await readdir(good.dir)).toEqual(["site"]);
  });

  test("check lists every problem in both files at once and exits non-zero", async () => {
    const file = await writeTweets(
      '[{ "text": "a", "date": "2022-12-03", "url": "javascript:alert(1)" }, { "date": "soon" }]',
    );
    const run = await runCli(["check"], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("3 problems:");
    expect(run.stderr).toContain(`${file}:1:46: tweet 1, field "url"`);
    expect(run.stderr).toContain(`${file}:1:71: tweet 2, field "text": missing`);
    expect(run.stderr).toContain(`${file}:1:81: tweet 2, field "date"`);
  });

  test("check passes the committed data", async () => {
    const run = await runCli(["check"]);
    expect(run).toMatchObject({ status: 0, stdout: "data/tweets.json: 70 tweets, all valid.\n" });
  });

  test("a missing tweets file is named, with where it was looked for", async () => {
    const run = await runCli(["build", "--output", path.join(tmpdir(), "never-built")], {
      TWEETS_FILE: "nowhere/tweets.json",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("nowhere/tweets.json:1:1: file not found");
  });
});

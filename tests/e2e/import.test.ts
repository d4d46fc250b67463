import { existsSync } from "node:fs";
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { DateTime } from "luxon";
import { afterAll, describe, expect, test } from "vitest";
import { FIXTURE_ARCHIVE, zipFolder } from "../support/archive.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { hasSeed, SEED_FILE } from "../support/seed.ts";

const EMBED_PAGE = `${REPO_ROOT}tests/fixtures/embed-html/page.html`;

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function workspace() {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-import-"));
  made.push(dir);
  return { dir, tweetsFile: path.join(dir, "tweets.json") };
}

async function importInto(tweetsFile: string, ...args: string[]) {
  return runCli(["import", ...args], { TWEETS_FILE: tweetsFile });
}

async function buildPage(tweetsFile: string, dir: string, env: Record<string, string> = {}) {
  const run = await runCli(["build", "--output", path.join(dir, "site")], {
    TWEETS_FILE: tweetsFile,
    ...env,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return cheerio.load(await readFile(path.join(dir, "site", "index.html"), "utf8"));
}

describe("importing an X archive, end to end", () => {
  test.each([
    ["its folder", async () => FIXTURE_ARCHIVE],
    [
      "its .zip",
      async (dir: string) => {
        const zip = path.join(dir, "archive.zip");
        await zipFolder(FIXTURE_ARCHIVE, zip);
        return zip;
      },
    ],
  ])("from %s: the tweets appear on the wall with their links and photos", async (_, sourceOf) => {
    const { dir, tweetsFile } = await workspace();
    const source = await sourceOf(dir);
    const run = await importInto(tweetsFile, source);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("added 9 tweets to");
    expect(run.stdout).toContain("copied 2 images into");

    const $ = await buildPage(tweetsFile, dir);
    expect($("article.tweet")).toHaveLength(9);
    const pictures = $("article.tweet picture")
      .toArray()
      .map((picture) => ({
        sources: $(picture)
          .find("source")
          .toArray()
          .map((source) => [source.attribs.type, source.attribs.srcset]),
        img: { ...$(picture).find("img").get(0)!.attribs },
      }));
    // Both are the first card's, in the first screen: they load at once, not lazily.
    expect(pictures.map(({ img }) => [img.alt, img.width, img.height, img.loading])).toEqual([
      ["A plain grey rectangle", "3", "2", undefined],
      ["Image attached to the tweet", "2", "1", undefined],
    ]);
    for (const { sources, img } of pictures) {
      expect(sources.map(([type]) => type)).toEqual(["image/avif", "image/webp"]);
      for (const url of [img.src!, ...sources.map(([, srcset]) => srcset!.split(" ")[0]!)]) {
        expect(url).toMatch(/^\/media\/[\w-]+\.(avif|webp|jpeg|png)$/);
        expect(existsSync(path.join(dir, "site", url))).toBe(true);
      }
    }
    const hrefs = $("article.tweet .tweet-text a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(hrefs.some((href) => href.startsWith("https://t.co/"))).toBe(false);
    expect($("article.tweet a.tweet-source").first().attr("href")).toBe(
      "https://x.com/wallbuilder/status/1600537548036857856",
    );
  });

  test("under a sub-path, the photos' sources carry the path prefix", async () => {
    const { dir, tweetsFile } = await workspace();
    expect((await importInto(tweetsFile, FIXTURE_ARCHIVE)).status).toBe(0);
    const siteFile = path.join(dir, "site.json");
    const site = JSON.parse(await readFile(path.join(REPO_ROOT, "data", "site.json"), "utf8"));
    await writeFile(siteFile, JSON.stringify({ ...site, url: "https://example.org/tweets/" }));
    const $ = await buildPage(tweetsFile, dir, { SITE_FILE: siteFile });
    const urls = $("article.tweet picture")
      .find("img, source")
      .toArray()
      .map((node) => (node.attribs.src ?? node.attribs.srcset!).split(" ")[0]!);
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      expect(url).toMatch(/^\/tweets\/media\/[\w-]+\.(avif|webp|jpeg|png)$/);
      expect(existsSync(path.join(dir, "site", url.replace(/^\/tweets\//, "")))).toBe(true);
    }
  });

  test("re-running the import adds nothing and leaves the file byte for byte", async () => {
    const { tweetsFile } = await workspace();
    expect((await importInto(tweetsFile, FIXTURE_ARCHIVE)).status).toBe(0);
    const first = await readFile(tweetsFile, "utf8");
    const again = await importInto(tweetsFile, FIXTURE_ARCHIVE);
    expect(again.stdout).toContain("added 0 tweets to");
    expect(again.stdout).toContain("skipped 9");
    expect(await readFile(tweetsFile, "utf8")).toBe(first);
  });

  test("selection flags narrow the import, and --dry-run changes nothing", async () => {
    const { dir, tweetsFile } = await workspace();
    const dry = await importInto(
      tweetsFile,
      FIXTURE_ARCHIVE,
      "--no-replies",
      "--no-retweets",
      "--since",
      "2021-01-01",
      "--dry-run",
    );
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would add \d+ tweets? to/);
    expect(existsSync(tweetsFile)).toBe(false);
    expect(await readdir(dir)).toEqual([]);

    const run = await importInto(
      tweetsFile,
      FIXTURE_ARCHIVE,
      "--no-replies",
      "--no-retweets",
      "--since",
      "2021-01-01",
    );
    const { tweets } = JSON.parse(await readFile(tweetsFile, "utf8"));
    expect(tweets.length).toBeGreaterThan(0);
    for (const tweet of tweets) {
      expect(tweet.text.startsWith("RT @")).toBe(false);
      expect(tweet.text.startsWith("@")).toBe(false);
      expect(tweet.date >= "2021-01-01").toBe(true);
    }
    expect(run.stdout).toMatch(/^  not selected \(reply\): \d+ tweets?$/m);
  });
});

describe("importing a page of embeds, end to end", () => {
  test("keeps the curator's tweets first and links each imported one to its original", async () => {
    const { dir, tweetsFile } = await workspace();
    await writeFile(tweetsFile, '[{ "text": "my own, hand-edited", "date": "2020-01-01" }]\n');
    const run = await importInto(tweetsFile, EMBED_PAGE);
    expect(run.status).toBe(0);
    const { tweets } = JSON.parse(await readFile(tweetsFile, "utf8"));
    expect(tweets[0]).toEqual({ text: "my own, hand-edited", date: "2020-01-01" });
    expect(tweets).toHaveLength(7);

    const $ = await buildPage(tweetsFile, dir);
    const sources = $("article.tweet a.tweet-source")
      .map((_, a) => $(a).attr("href"))
      .get();
    // The curator's own tweet has no address: its card links no original (the profile is in the header).
    expect(sources).toHaveLength(tweets.length - 1);
    for (const href of sources) expect(href).toMatch(/^https:\/\/x\.com\/\w+\/status\/\d+$/);
    expect((await importInto(tweetsFile, EMBED_PAGE)).stdout).toContain("added 0 tweets to");
  });
});

describe.skipIf(!hasSeed)("importing the seed's plain-text wall", () => {
  test("reproduces data/tweets.json exactly, each tweet marked as added today", async () => {
    const { tweetsFile } = await workspace();
    const today = [DateTime.now().toISODate()];
    expect((await importInto(tweetsFile, SEED_FILE)).status).toBe(0);
    today.push(DateTime.now().toISODate());
    const imported = JSON.parse(await readFile(tweetsFile, "utf8")).tweets;
    const committed = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;
    expect(imported).toEqual(
      committed.map((tweet: object) => ({ ...tweet, added: expect.toBeOneOf(today) })),
    );
  });
});

describe("the tweets file, while importing", () => {
  test("one tweet is counted as one tweet", async () => {
    const { tweetsFile } = await workspace();
    const run = await importInto(tweetsFile, FIXTURE_ARCHIVE, "--ids", "1600537548036857856");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(": 1 tweet to import\n");
    expect(run.stdout).toContain("\nadded 1 tweet to");
    expect(run.stdout).not.toMatch(/\b1 tweets\b/);
  });

  test("an import and adds run at once keep every tweet", async () => {
    const { tweetsFile } = await workspace();
    const texts = ["one", "two", "three", "four", "five"].map((word) => `added by hand, ${word}`);
    const runs = await Promise.all([
      importInto(tweetsFile, EMBED_PAGE),
      ...texts.map((text) =>
        runCli(["add", "--text", text, "--date", "2024-05-01"], { TWEETS_FILE: tweetsFile }),
      ),
    ]);
    for (const run of runs) expect(run).toMatchObject({ status: 0, stderr: "" });
    const { tweets } = JSON.parse(await readFile(tweetsFile, "utf8"));
    expect(tweets).toHaveLength(6 + texts.length);
    for (const text of texts) expect(tweets.map((tweet: { text: string }) => tweet.text)).toContain(text);
  });

  test("through a symlink, the link stays a link and its 600 target stays 600", async () => {
    const { dir, tweetsFile } = await workspace();
    await writeFile(tweetsFile, '[{ "text": "my own", "date": "2020-01-01" }]\n');
    await chmod(tweetsFile, 0o600);
    const link = path.join(dir, "link.json");
    await symlink("tweets.json", link);
    expect((await runCli(["import", EMBED_PAGE], { TWEETS_FILE: link })).status).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(tweetsFile, "utf8")).tweets).toHaveLength(7);
    expect((await stat(tweetsFile)).mode & 0o777).toBe(0o600);
  });
});

describe("the curator's own files in media/", () => {
  test("an image of the archive's name that is already there, different, stops the import before anything is written", async () => {
    const { dir, tweetsFile } = await workspace();
    const before = '[{ "text": "keep me", "date": "2022-12-03" }]\n';
    await writeFile(tweetsFile, before);
    await mkdir(path.join(dir, "media"));
    const taken = path.join(dir, "media", "1600537548036857856-FjXyZdef.png");
    await writeFile(taken, "the curator's own file");
    const run = await importInto(tweetsFile, FIXTURE_ARCHIVE);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${taken}: a different image is already here`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await readFile(tweetsFile, "utf8")).toBe(before);
    expect(await readdir(path.join(dir, "media"))).toEqual(["1600537548036857856-FjXyZdef.png"]);
    expect(await readFile(taken, "utf8")).toBe("the curator's own file");
  });
});

describe("a source that cannot be read", () => {
  const before = '[{ "text": "keep me", "date": "2022-12-03" }]\n';

  async function expectRefused(source: string, message: string) {
    const { dir, tweetsFile } = await workspace();
    await writeFile(tweetsFile, before);
    const run = await importInto(tweetsFile, source);
    expect(run.status).toBe(1);
    const lines = run.stderr.split("\n").filter(Boolean);
    expect(lines).toEqual(["1 problem:", `  ${message}`]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await readFile(tweetsFile, "utf8")).toBe(before);
    expect(await readdir(dir)).toEqual(["tweets.json"]);
  }

  test("a truncated zip", async () => {
    const { dir } = await workspace();
    const zip = path.join(dir, "archive.zip");
    await zipFolder(FIXTURE_ARCHIVE, zip);
    const bytes = await readFile(zip);
    const truncated = path.join(dir, "truncated.zip");
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { tweetsFile } = await workspace();
    await writeFile(tweetsFile, before);
    const run = await importInto(tweetsFile, truncated);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${truncated}: the zip is damaged or incomplete`);
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(2);
    expect(await readFile(tweetsFile, "utf8")).toBe(before);
  });

  test("a tweets.js without the window.YTD prefix", async () => {
    const { dir } = await workspace();
    const file = path.join(dir, "tweets.js");
    const original = await readFile(path.join(FIXTURE_ARCHIVE, "data/tweets.js"), "utf8");
    await writeFile(file, original.replace(/^window\.YTD\.tweets\.part0 = /, ""));
    const run = await runCli(["import", file], { TWEETS_FILE: path.join(dir, "never.json") });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^1 problem:\\n  ${file.replace(/[.]/g, "\\.")}:1:1: .*window\\.YTD`),
    );
  });

  test("HTML with no embeds", async () => {
    await expectRefused(
      `${REPO_ROOT}tests/fixtures/embed-html/no-embeds.html`,
      `${REPO_ROOT}tests/fixtures/embed-html/no-embeds.html:1:1: no tweet embeds found, expected <blockquote class="twitter-tweet"> elements`,
    );
  });

  test("a tweet whose date cannot be read", async () => {
    const { dir } = await workspace();
    const wall = path.join(dir, "wall.txt");
    await writeFile(wall, "My wall\n\nIntro.\n\n\nA tweet.\n\n— Ada (@ada) Febtember 3, 2022\n");
    await expectRefused(
      wall,
      `${wall}:8:14: the date "Febtember 3, 2022" can't be read, expected a date written as "2022-12-03", an ISO date-time like "2022-12-03T17:44:09Z", or "December 3, 2022"`,
    );
  });

  test("an archive tweet whose created_at cannot be read", async () => {
    const { dir } = await workspace();
    const archive = path.join(dir, "archive");
    await mkdir(path.join(archive, "data"), { recursive: true });
    await copyFile(path.join(FIXTURE_ARCHIVE, "data/account.js"), path.join(archive, "data/account.js"));
    const original = await readFile(path.join(FIXTURE_ARCHIVE, "data/tweets.js"), "utf8");
    await writeFile(
      path.join(archive, "data/tweets.js"),
      original.replace(/"created_at" : "Mon Jan 07/, '"created_at" : "Someday Jan 07'),
    );
    const { tweetsFile } = await workspace();
    await writeFile(tweetsFile, before);
    const run = await importInto(tweetsFile, archive);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.join(archive, "data/tweets.js")}:`);
    expect(run.stderr).toContain("created_at");
    expect(await readFile(tweetsFile, "utf8")).toBe(before);
  });
});

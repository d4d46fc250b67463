import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, runCli } from "../support/cli.ts";

let folder: string;
let seed: { $schema: string; tweets: { text: string; date: string }[] };

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tweetwall-check-"));
  seed = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8"));
});

afterAll(() => rm(folder, { recursive: true, force: true }));

/** Writes a tweets file of its own into the test's folder and returns its path. */
async function tweetsFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(folder, name, "tweets.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

const json = (tweets: unknown[]) => `${JSON.stringify({ ...seed, tweets }, null, 2)}\n`;

describe("tweetwall check", () => {
  test("passes the committed data", async () => {
    const run = await runCli(["check"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe("data/tweets.json: 70 tweets, all valid.\n");
  });

  test("finds the same tweet twice, at the copy, naming the first", async () => {
    const file = await tweetsFile("twice", json([...seed.tweets, seed.tweets[1]]));
    const run = await runCli(["check"], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `1 problem:\n  ${file}:285:15: tweet 71, field "text": the same tweet as tweet 2 (line 9), the same text on the same day: remove one\n`,
    );
  });

  test("reports control characters and spaces around values all at once, each where it is", async () => {
    const [first, second] = seed.tweets;
    const file = await tweetsFile(
      "hostile",
      json([
        { ...first, text: `${first!.text}\u0007` },
        {
          ...second,
          date: ` ${second!.date}`,
          url: "https://x.com/karpathy/status/1599152286672248832\u0085",
        },
      ]),
    );
    const run = await runCli(["check"], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "3 problems:",
      `  ${file}:5:129: tweet 1, field "text": expected no control characters other than line breaks and tabs, but there is U+0007 here: remove it (the feeds cannot carry it)`,
      `  ${file}:10:15: tweet 2, field "date": expected no space before or after it: write "2022-12-06"`,
      `  ${file}:11:64: tweet 2, field "url": expected no control characters, but there is U+0085 here: remove it (the feeds cannot carry it)`,
    ]);
  });

  test("refuses an image the build could not read, at its media src", async () => {
    const file = await tweetsFile(
      "media",
      json([
        {
          ...seed.tweets[2],
          media: [
            { src: "media/tesla.png", alt: "A slide from Tesla", width: 1, height: 1 },
            { src: "media/data-engine.jpg", alt: "The data engine", width: 1, height: 1 },
          ],
        },
      ]),
    );
    await mkdir(path.join(path.dirname(file), "media"));
    await copyFile(
      `${REPO_ROOT}tests/fixtures/archive/data/tweets_media/1600537548036857856-FjXyZdef.png`,
      path.join(path.dirname(file), "media", "tesla.png"),
    );
    await writeFile(
      path.join(path.dirname(file), "media", "data-engine.jpg"),
      "<!DOCTYPE html><title>Not Found</title>",
    );
    const run = await runCli(["check"], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `1 problem:\n  ${file}:15:18: tweet 1, field "media.1.src": expected a JPEG, PNG, GIF, WebP or AVIF image at ${path.dirname(file)}/media/data-engine.jpg, but the file is not an image in any of these formats\n`,
    );
  });

  test("places the first byte of a site file that is not UTF-8, and says a UTF-16 tweets file is one", async () => {
    const site = path.join(folder, "site-latin-1.json");
    const siteText = await readFile(`${REPO_ROOT}data/site.json`, "utf8");
    // "Andrej Karpathy" as "Andréj Karpathy", saved in Latin-1: é is the one byte 0xE9.
    await writeFile(site, Buffer.from(siteText.replace("Andrej", "Andréj"), "latin1"));
    const tweets = await tweetsFile("utf-16", Buffer.from(`\ufeff${json(seed.tweets)}`, "utf16le"));
    const run = await runCli(["check"], { SITE_FILE: site, TWEETS_FILE: tweets });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "2 problems:",
      `  ${site}:5:18: the file is not UTF-8: byte 0xE9 here is not part of any character (Latin-1 or Windows-1252?): save it as UTF-8`,
      `  ${tweets}:1:1: the file is UTF-16: save it as UTF-8`,
    ]);
  });
});

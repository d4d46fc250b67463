import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readTweetsFile } from "../../src/curator/read.ts";
import { FIXTURE_ARCHIVE, zipFolder } from "../support/archive.ts";
import { runCli } from "../support/cli.ts";

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function workspace() {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-likes-"));
  made.push(dir);
  const siteFile = path.join(dir, "site.json");
  await writeFile(
    siteFile,
    JSON.stringify({ title: "Liked", author: { name: "Wall Owner", handle: "wall_owner" } }),
  );
  return { dir, tweetsFile: path.join(dir, "tweets.json"), siteFile };
}

describe("import ARCHIVE --likes --no-fetch", () => {
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
    ["its data/like.js alone", async () => path.join(FIXTURE_ARCHIVE, "data", "like.js")],
  ])("adds the liked tweets from %s, never crediting the curator", async (_name, sourceOf) => {
    const { dir, tweetsFile, siteFile } = await workspace();
    const run = await runCli(["import", await sourceOf(dir), "--likes", "--no-fetch"], {
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("read 5 likes from the archive, selected 5");
    expect(run.stdout).toContain(
      "left out https://x.com/i/status/1586473190839590913: the archive has no text for it (a deleted or protected tweet)",
    );
    expect(run.stdout).toContain(
      "left out https://x.com/i/status/20: its id holds no date (a tweet from before November 2010)",
    );
    const read = await readTweetsFile(tweetsFile);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.tweets.map(({ added: _added, ...tweet }) => tweet)).toEqual([
      {
        text: "The best way to learn is to build & explain <it> https://t.co/AbCdEf1234",
        date: "2022-12-03T21:23:10Z",
        url: "https://x.com/i/status/1599152286672248832",
        author: null,
      },
      {
        text: "A liked tweet of the owner's own, liked again",
        date: "2022-12-07T17:07:42Z",
        url: "https://x.com/i/status/1600537548036857856",
        author: null,
      },
      {
        text: "日本語のツイート 🎉 with an emoji",
        date: "2021-03-27T19:28:13Z",
        url: "https://x.com/i/status/1375892432211169281",
        author: null,
      },
    ]);

    const again = await runCli(["import", await sourceOf(dir), "--likes", "--no-fetch"], {
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("added 0 tweets");
  });

  test("refuses flags for the owner's own tweets, and reads nothing into the file", async () => {
    const { tweetsFile, siteFile } = await workspace();
    const run = await runCli(["import", FIXTURE_ARCHIVE, "--likes", "--no-fetch", "--min-likes", "3"], {
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toBe(
      `1 problem:\n  ${FIXTURE_ARCHIVE}: --min-likes only applies to the archive's own tweets, not its likes, expected --ids, --since, --until or --limit with --likes\n`,
    );
    await expect(readFile(tweetsFile)).rejects.toThrow(/ENOENT/);
  });

  test("a likes file imported without --likes says so", async () => {
    const { tweetsFile, siteFile } = await workspace();
    const likesFile = path.join(FIXTURE_ARCHIVE, "data", "like.js");
    const run = await runCli(["import", likesFile], { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toBe(
      `1 problem:\n  ${likesFile}: this is the archive's likes, not its tweets, expected --likes to import the liked tweets\n`,
    );
  });

  test("--ids and --limit select among the likes", async () => {
    const { tweetsFile, siteFile } = await workspace();
    const run = await runCli(
      ["import", FIXTURE_ARCHIVE, "--likes", "--no-fetch", "--ids", "1375892432211169281,42"],
      { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no like of 42 in the archive");
    const read = await readTweetsFile(tweetsFile);
    expect(read.ok && read.value.tweets.map((tweet) => tweet.url)).toEqual([
      "https://x.com/i/status/1375892432211169281",
    ]);
  });
});

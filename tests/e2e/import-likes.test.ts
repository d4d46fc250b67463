import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { mediaBesideFile, readTweetsFile } from "../../src/curator/read.ts";
import { FIXTURE_ARCHIVE, zipFolder } from "../support/archive.ts";
import { runCli } from "../support/cli.ts";
import { startXServer, X_TWEETS, type XServer } from "../support/x-server.ts";

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

  test("the built wall says the author is unknown, not the curator", async () => {
    const { dir, tweetsFile, siteFile } = await workspace();
    const env = { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile };
    expect((await runCli(["import", FIXTURE_ARCHIVE, "--likes", "--no-fetch"], env)).status).toBe(0);
    const output = path.join(dir, "site");
    const build = await runCli(["build", "--output", output], env);
    expect(build.stderr).toBe("");
    const $ = cheerio.load(await readFile(path.join(output, "index.html"), "utf8"));
    const cards = $("article.tweet");
    expect(cards).toHaveLength(3);
    expect($.html()).not.toContain("Wall Owner</span>");
    expect($.html()).not.toContain("@wall_owner");
    expect(cards.first().find(".tweet-author").text()).toContain("Unknown author");
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

describe("import ARCHIVE --likes, each liked tweet fetched from a stand-in for X", () => {
  let server: XServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** An archive whose likes are recorded tweets: two X gives, one it tombstoned, one it lost. */
  async function likesArchive(dir: string) {
    const archive = path.join(dir, "archive");
    await mkdir(path.join(archive, "data"), { recursive: true });
    await copyFile(path.join(FIXTURE_ARCHIVE, "data", "tweets.js"), path.join(archive, "data", "tweets.js"));
    const like = (tweetId: string, fullText?: string) => ({
      like: {
        tweetId,
        ...(fullText && { fullText }),
        expandedUrl: `https://twitter.com/i/web/status/${tweetId}`,
      },
    });
    const likes = [
      like(X_TWEETS.photo, "the archive's shorter words https://t.co/abc"),
      like(X_TWEETS.video, "a video https://t.co/def"),
      like(X_TWEETS.tombstone, "words only the archive still has"),
      like(X_TWEETS.missing),
    ];
    await writeFile(
      path.join(archive, "data", "like.js"),
      `window.YTD.like.part0 = ${JSON.stringify(likes, null, 2)}`,
    );
    return archive;
  }

  test("completes what X gives, keeps the archive's words for the rest, and asks X nothing twice", async () => {
    const { dir, tweetsFile, siteFile } = await workspace();
    const archive = await likesArchive(dir);
    server = await startXServer();
    const env = {
      ...server.env,
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
      TWEETWALL_TIMEOUT_MS: "400",
      TWEETWALL_BACKOFF_MS: "20",
    };
    const run = await runCli(["import", archive, "--likes"], env);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines).toContain("fetched 2 of 4 liked tweets from X");
    expect(
      lines.some((line) =>
        line.startsWith(
          `  kept the archive's words for https://x.com/i/status/${X_TWEETS.tombstone}, as X did not give it: `,
        ),
      ),
    ).toBe(true);
    expect(
      lines.some((line) =>
        line.startsWith(
          `  left out https://x.com/i/status/${X_TWEETS.missing}: the archive has no text for it (a deleted or protected tweet), and X did not give it: `,
        ),
      ),
    ).toBe(true);

    const read = await readTweetsFile(tweetsFile, mediaBesideFile(tweetsFile));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const [photo, video, tombstoned, ...rest] = read.value.tweets;
    expect(rest).toEqual([]);
    expect(photo!.author).toMatchObject({
      handle: expect.any(String),
      avatar: expect.stringMatching(/^media\/avatars\//),
    });
    expect(photo!.text).not.toBe("the archive's shorter words https://t.co/abc");
    expect(photo!.media?.length).toBe(1);
    expect(video!.media?.[0]).toMatchObject({ type: "video" });
    expect(tombstoned).toMatchObject({ text: "words only the archive still has", author: null });

    const before = await readFile(tweetsFile, "utf8");
    const fetchedBefore = server.requests.filter((url) => url.pathname === "/tweet-result").length;
    const again = await runCli(["import", archive, "--likes"], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("added 0 tweets");
    // Only the like that is not in the file (X lost it, and the archive has no words) is asked for again.
    const asked = server.requests
      .filter((url) => url.pathname === "/tweet-result")
      .slice(fetchedBefore)
      .map((url) => url.searchParams.get("id"));
    expect(asked).toEqual([X_TWEETS.missing]);
    expect(await readFile(tweetsFile, "utf8")).toBe(before);
  });

  test("--dry-run fetches but writes neither the tweets file nor any media", async () => {
    const { dir, tweetsFile, siteFile } = await workspace();
    const archive = await likesArchive(dir);
    server = await startXServer();
    const run = await runCli(["import", archive, "--likes", "--dry-run"], {
      ...server.env,
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
      TWEETWALL_TIMEOUT_MS: "400",
      TWEETWALL_BACKOFF_MS: "20",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("would add 3 tweets");
    expect((await readdir(dir)).sort()).toEqual(["archive", "site.json"]);
  });

  test("--no-fetch asks X nothing, and credits every like to an unknown author", async () => {
    const { dir, tweetsFile, siteFile } = await workspace();
    const archive = await likesArchive(dir);
    server = await startXServer();
    const run = await runCli(["import", archive, "--likes", "--no-fetch"], {
      ...server.env,
      TWEETS_FILE: tweetsFile,
      SITE_FILE: siteFile,
    });
    expect(run.status).toBe(0);
    expect(server.requests).toEqual([]);
    const { tweets } = JSON.parse(await readFile(tweetsFile, "utf8")) as { tweets: { author: unknown }[] };
    expect(tweets.map((tweet) => tweet.author)).toEqual([null, null, null]);
  });
});

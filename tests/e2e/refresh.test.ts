import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { mediaBesideFile, readTweetsFile } from "../../src/curator/read.ts";
import { runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";
import { startXServer, X_FIXTURES, X_TWEETS, type XServer } from "../support/x-server.ts";

let server: XServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function refresh(tweetsFile: string, ...args: string[]) {
  server ??= await startXServer();
  return runCli(["refresh", ...args], {
    ...server.env,
    TWEETS_FILE: tweetsFile,
    TWEETWALL_TIMEOUT_MS: "400",
  });
}

/** Entries a curator typed by hand: their own words, no media, no picture. */
const HAND_MADE = {
  tweets: [
    {
      text: "Ada's engine, in my words",
      date: "2023-03-14",
      url: `https://x.com/analytical_ada/status/${X_TWEETS.photo}`,
      author: { name: "Ada", handle: "analytical_ada" },
    },
    { text: "No link, nothing to fetch", date: "2024-01-01" },
    {
      text: "Worth reading",
      date: "2023-09-15",
      url: `https://x.com/kernel_notes/status/${X_TWEETS.card}`,
      author: null,
      likes: 5,
    },
  ],
};

describe("tweetwall refresh, against a stand-in for X", () => {
  test("--dry-run says what it would fill in and changes nothing", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    await writeFile(tweetsFile, JSON.stringify(HAND_MADE, null, 1));
    const before = await readFile(tweetsFile);
    const run = await refresh(tweetsFile, "--dry-run");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `would update tweet 1 (${HAND_MADE.tweets[0]!.url}): author, lang, media, likes`,
    );
    expect(run.stdout).toContain(`would update tweet 3 (${HAND_MADE.tweets[2]!.url}): author, lang, card`);
    expect(run.stdout).toContain("would update 2 tweets of 2 with a status URL");
    expect(await readFile(tweetsFile)).toEqual(before);
    expect(server!.requests.some((url) => url.pathname.startsWith("/media/"))).toBe(false);
  });

  test("fills in what a hand-made entry lacks, keeps the curator's words, and --text takes X's", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    await writeFile(tweetsFile, JSON.stringify(HAND_MADE, null, 1));
    const run = await refresh(tweetsFile);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`updated tweet 1 (${HAND_MADE.tweets[0]!.url}): author, lang, media, likes`);

    const read = await readTweetsFile(tweetsFile, mediaBesideFile(tweetsFile));
    expect(read.ok).toBe(true);
    const [engine, plain, linked] = read.ok ? read.value.tweets : [];
    expect(engine).toMatchObject({
      text: "Ada's engine, in my words",
      date: "2023-03-14",
      author: { name: "Ada", handle: "analytical_ada", avatar: expect.stringMatching(/^media\/avatars\//) },
      media: [{ src: `media/${X_TWEETS.photo}-1.jpg`, width: 1200, height: 800 }],
      likes: 1843,
    });
    expect(engine!.fetched).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await readFile(path.join(dir, engine!.media![0]!.src))).toEqual(
      await readFile(path.join(X_FIXTURES, "files/media/Fr3xQ1aWAAE8kPz.jpg")),
    );
    expect(plain).toEqual(HAND_MADE.tweets[1]);
    expect(linked).toMatchObject({ text: "Worth reading", likes: 5, author: { handle: "kernel_notes" } });
    expect(linked!.card?.image?.src).toBe(`media/${X_TWEETS.card}-card.jpg`);

    const again = await refresh(tweetsFile, "--ids", X_TWEETS.photo, "--text");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`updated tweet 1 (${HAND_MADE.tweets[0]!.url}): text, author`);
    const after = await readTweetsFile(tweetsFile);
    const [retold] = after.ok ? after.value.tweets : [];
    expect(retold!.text).toMatch(/^🧮✨ Notes on the engine & its cards/);
    expect(retold!.author?.name).toBe("Ada Byron 🧮");
  });

  test("a tweet X can't give is named, and the exit code says so", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const url = `https://x.com/gone/status/${X_TWEETS.tombstone}`;
    await writeFile(tweetsFile, JSON.stringify([{ text: "Gone now", date: "2023-10-01", url }]));
    const before = await readFile(tweetsFile);
    const run = await refresh(tweetsFile);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`tweet 1 (${url}): deleted or protected`);
    expect(await readFile(tweetsFile)).toEqual(before);
  });
});

import { mkdtemp, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { loadWall, type WallFiles } from "../../../src/curator/files.ts";

const SITE = JSON.stringify({ title: "T", author: { name: "A", handle: "a" } });
const tweets = (...texts: string[]) => JSON.stringify(texts.map((text) => ({ text, date: "2022-12-03" })));

async function wallFiles(): Promise<WallFiles> {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-wall-"));
  const files = { tweetsFile: path.join(dir, "tweets.json"), siteFile: path.join(dir, "site.json") };
  await writeFile(files.siteFile, SITE);
  await writeFile(files.tweetsFile, tweets("first"));
  return files;
}

/** As if the files were saved a minute ago. */
async function settle({ tweetsFile, siteFile }: WallFiles): Promise<void> {
  const minuteAgo = new Date(Date.now() - 60_000);
  for (const file of [tweetsFile, siteFile]) await utimes(file, minuteAgo, minuteAgo);
}

test("a second load of files not written since reuses the first result", async () => {
  const files = await wallFiles();
  await settle(files);
  const first = await loadWall(files);
  expect(await loadWall(files)).toBe(first);
});

test("files written in the last two seconds are read again: their time may not have ticked yet", async () => {
  const files = await wallFiles();
  const first = await loadWall(files);
  const second = await loadWall(files);
  expect(second).not.toBe(first);
  expect(second).toEqual(first);
});

test("a save is read again, and so is a broken one, every time", async () => {
  const files = await wallFiles();
  await settle(files);
  const first = await loadWall(files);
  await writeFile(files.tweetsFile, tweets("first", "second"));
  const second = await loadWall(files);
  expect(second.ok && second.value.tweets.map((tweet) => tweet.text)).toEqual(["first", "second"]);
  await writeFile(files.tweetsFile, "[");
  expect((await loadWall(files)).ok).toBe(false);
  await writeFile(files.tweetsFile, tweets("first"));
  const recovered = await loadWall(files);
  expect(recovered).not.toBe(first);
  expect(recovered.ok && recovered.value.tweets).toHaveLength(1);
});

test("other files are not mistaken for the last ones", async () => {
  const [a, b] = [await wallFiles(), await wallFiles()];
  await writeFile(b.tweetsFile, tweets("from b"));
  await settle(a);
  await settle(b);
  const fromA = await loadWall(a);
  const fromB = await loadWall(b);
  expect(fromA.ok && fromA.value.tweets[0]!.text).toBe("first");
  expect(fromB.ok && fromB.value.tweets[0]!.text).toBe("from b");
});

test("a missing file is reported on every load", async () => {
  const files = { ...(await wallFiles()), tweetsFile: "/nonexistent/tweets.json" };
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await loadWall(files);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.file).toBe("/nonexistent/tweets.json");
  }
});

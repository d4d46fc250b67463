import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import type { WallFiles } from "../../../src/curator/files.ts";
import { loadWallView } from "../../../src/view/load.ts";

const SITE = JSON.stringify({ title: "T", author: { name: "A", handle: "a" } });
const tweets = (...texts: string[]) => JSON.stringify(texts.map((text) => ({ text, date: "2022-12-03" })));
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function wallFiles(): Promise<WallFiles> {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-wall-"));
  folders.push(dir);
  const files = { tweetsFile: path.join(dir, "tweets.json"), siteFile: path.join(dir, "site.json") };
  await writeFile(files.siteFile, SITE);
  await writeFile(files.tweetsFile, tweets("first"));
  return files;
}

test("every load reads the files as they are now: a save, a broken save, a fix", async () => {
  const files = await wallFiles();
  const first = await loadWallView(files);
  expect(first.ok && first.value.tweets.map((tweet) => tweet.text)).toEqual(["first"]);
  await writeFile(files.tweetsFile, tweets("first", "second"));
  const second = await loadWallView(files);
  expect(second.ok && second.value.tweets.map((tweet) => tweet.text)).toEqual(["first", "second"]);
  await writeFile(files.tweetsFile, "[");
  expect((await loadWallView(files)).ok).toBe(false);
  await writeFile(files.tweetsFile, tweets("first"));
  const recovered = await loadWallView(files);
  expect(recovered.ok && recovered.value.tweets).toHaveLength(1);
});

test("problems in both files are reported together", async () => {
  const files = await wallFiles();
  await writeFile(files.siteFile, "{}");
  await writeFile(files.tweetsFile, "[1]");
  const result = await loadWallView(files);
  expect(!result.ok && [...new Set(result.problems.map((problem) => problem.file))]).toEqual([
    files.siteFile,
    files.tweetsFile,
  ]);
});

test("a missing file is reported with where it was looked for", async () => {
  const files = { ...(await wallFiles()), tweetsFile: "/nonexistent/tweets.json" };
  const result = await loadWallView(files);
  expect(!result.ok && result.problems[0]!.message).toContain(
    "file not found (looked in /nonexistent/tweets.json)",
  );
});

test("the view is frozen: nothing after it can change what was checked", async () => {
  const result = await loadWallView(await wallFiles());
  if (!result.ok) throw new Error("the wall should load");
  const wall = result.value;
  expect(Object.isFrozen(wall) && Object.isFrozen(wall.tweets) && Object.isFrozen(wall.tweets[0])).toBe(true);
  expect(Object.isFrozen(wall.tweets[0]!.date) && Object.isFrozen(wall.pages[0]!.tweets)).toBe(true);
  expect(() => {
    (wall.tweets[0] as { html: string }).html = "<script>";
  }).toThrow(TypeError);
});

import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../tests/support/port.ts";

/**
 * From a save of the tweets file to the preview serving the page that holds the change: the
 * curator's loop while editing. The preview runs as `npm start` runs it, on a copy of the seed
 * wall; each save changes the first tweet's text, and the page is fetched every 5 ms until it
 * shows the new words.
 */
export async function previewLatencies(scratch: string, saves: number): Promise<number[]> {
  const folder = path.join(scratch, "preview");
  await mkdir(folder, { recursive: true });
  const tweetsFile = path.join(folder, "tweets.json");
  const siteFile = path.join(folder, "site.json");
  await copyFile("data/site.json", siteFile);
  const seed = JSON.parse(await readFile("data/tweets.json", "utf8")) as { tweets: { text: string }[] };
  await writeFile(tweetsFile, JSON.stringify(seed, null, 2));
  const port = await freePort();
  const url = `http://localhost:${port}/`;
  const server = spawn(
    process.execPath,
    ["bin/tweetwall.js", "serve", "--port", String(port), "--output", path.join(folder, "site")],
    {
      env: { ...process.env, TWEETS_FILE: tweetsFile, SITE_FILE: siteFile },
      stdio: "ignore",
      detached: true,
    },
  );
  try {
    await pageHolding(url, seed.tweets[0]!.text.slice(0, 20).replace(/&/g, "&amp;"), 60_000);
    const latencies: number[] = [];
    for (let save = 1; save <= saves; save++) {
      const words = `edited in save ${save} of the bench`;
      seed.tweets[0]!.text = `${words}: ${seed.tweets[0]!.text}`;
      const started = performance.now();
      await writeFile(tweetsFile, JSON.stringify(seed, null, 2));
      await pageHolding(url, words, 10_000);
      latencies.push(performance.now() - started);
      // Let the preview settle (the search index is written after the pages) before the next save.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return latencies;
  } finally {
    stop(server);
  }
}

async function pageHolding(url: string, words: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const body = await fetch(url)
      .then((response) => response.text())
      .catch(() => "");
    if (body.includes(words)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the preview never showed "${words}" within ${timeoutMs / 1000} s`);
}

function stop(server: ChildProcess): void {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
}

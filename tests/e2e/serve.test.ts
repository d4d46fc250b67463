import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LAUNCHER, REPO_ROOT } from "../support/cli.ts";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const tweets = (count: number) =>
  JSON.stringify(
    Array.from({ length: count }, (_, i) => ({ text: `tweet number ${i + 1}`, date: "2022-12-03" })),
  );

describe("npm start: the dev server", () => {
  let server: ChildProcess;
  let url: string;
  let tweetsFile: string;
  let siteFile: string;
  let log = "";

  /** Polls the page until `ready` accepts it: the server rebuilds asynchronously after a save. */
  async function pageWhen(ready: ($: cheerio.CheerioAPI) => boolean, path = ""): Promise<cheerio.CheerioAPI> {
    const deadline = Date.now() + 30_000;
    let last = "";
    while (Date.now() < deadline) {
      const response = await fetch(new URL(path, url)).catch(() => undefined);
      if (response?.ok) {
        last = await response.text();
        const $ = cheerio.load(last);
        if (ready($)) return $;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the page never became ready; last page:\n${last.slice(-800)}\nserver log:\n${log}`);
  }

  /** The served search index: written after the pages of each rebuild, so read once they show. */
  async function searchIndex() {
    const response = await fetch(new URL("search-index.json", url));
    expect(response.status).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-serve-"));
    tweetsFile = path.join(dir, "tweets.json");
    await writeFile(tweetsFile, tweets(2));
    siteFile = path.join(dir, "site.json");
    await writeFile(siteFile, await readFile(path.join(REPO_ROOT, "data", "site.json")));
    const port = await freePort();
    url = `http://localhost:${port}/`;
    server = spawn(
      process.execPath,
      [...LAUNCHER, "serve", "--port", String(port), "--output", path.join(dir, "site")],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, TWEETS_FILE: tweetsFile, SITE_FILE: siteFile },
        detached: true,
      },
    );
    server.stdout?.on("data", (chunk) => (log += chunk));
    server.stderr?.on("data", (chunk) => (log += chunk));
  });

  afterAll(() => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  });

  test("serves the wall, shows a broken save on the page, keeps running and recovers", async () => {
    let $ = await pageWhen(($) => $("article.tweet").length === 2);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("script-src 'self'");
    expect((await searchIndex()).tweets).toHaveLength(2);

    await writeFile(tweetsFile, '[{ "text": "oops", "date": "2022-02-30" }');
    $ = await pageWhen(($) => $(".build-problems").length === 1);
    expect($(".build-problems li").text()).toBe(
      `${tweetsFile}:1:42: invalid JSON: expected "]" to close the array`,
    );
    expect(log).toContain(`${tweetsFile}:1:42: invalid JSON`);
    expect(await searchIndex()).toEqual({ authors: [], tweets: [] });

    await writeFile(tweetsFile, '[{ "text": "oops", "date": "2022-02-30" }]');
    $ = await pageWhen(($) => $(".build-problems li").text().includes("does not exist"));
    expect($(".build-problems li").text()).toBe(
      `${tweetsFile}:1:28: tweet 1, field "date": expected a real calendar date ("2022-02-30" does not exist)`,
    );

    await writeFile(tweetsFile, tweets(3));
    $ = await pageWhen(($) => $("article.tweet").length === 3);
    expect($("article.tweet .tweet-text").last().text()).toBe("tweet number 3");
    expect((await searchIndex()).tweets.map((row: unknown[]) => row[1])).toEqual([
      "tweet number 1",
      "tweet number 2",
      "tweet number 3",
    ]);
    expect(server.exitCode).toBeNull();
  });

  test("moving the wall under a sub-path restarts the server there, links and all", async () => {
    const site = JSON.parse(await readFile(siteFile, "utf8"));
    await writeFile(siteFile, JSON.stringify({ ...site, url: "https://example.org/tweets/" }));
    const $ = await pageWhen(($) => $("article.tweet").length === 3, "tweets/");
    const script = $("script[src]").attr("src")!;
    expect(script).toBe("/tweets/wall.js");
    expect((await fetch(new URL(script, url))).status).toBe(200);
    expect(log).toContain("the path prefix (now /tweets/) changed: restarting the dev server");
  });
});

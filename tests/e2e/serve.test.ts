import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../support/port.ts";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projectCopy } from "../support/project.ts";

const tweets = (count: number) =>
  JSON.stringify(
    Array.from({ length: count }, (_, i) => ({ text: `tweet number ${i + 1}`, date: "2022-12-03" })),
  );

const PUBLISHED = "<!doctype html><title>the published site</title>";

describe("npm start: the preview", () => {
  let project: string;
  let server: ChildProcess;
  let url: string;
  let tweetsFile: string;
  let siteFile: string;
  let log = "";

  /** Polls the page until `ready` accepts it: the preview rebuilds asynchronously after a save. */
  async function pageWhen(
    ready: ($: cheerio.CheerioAPI, status: number) => boolean,
    page = "",
  ): Promise<{ $: cheerio.CheerioAPI; status: number }> {
    const deadline = Date.now() + 30_000;
    let last = "";
    while (Date.now() < deadline) {
      const response = await fetch(new URL(page, url)).catch(() => undefined);
      if (response) {
        last = await response.text();
        const $ = cheerio.load(last);
        if (ready($, response.status)) return { $, status: response.status };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the page never became ready; last page:\n${last.slice(-800)}\nserver log:\n${log}`);
  }

  const errorPage = () =>
    pageWhen(($, status) => status === 500 && $("h1").text() === "The wall could not be built");
  const problemsOn = ($: cheerio.CheerioAPI) =>
    $("main li code")
      .map((_, code) => $(code).text())
      .get();
  const wallOf = (count: number) =>
    pageWhen(($, status) => status === 200 && $("article.tweet").length === count);

  beforeAll(async () => {
    project = await projectCopy("tweetwall-serve-");
    tweetsFile = path.join(project, "data", "tweets.json");
    siteFile = path.join(project, "data", "site.json");
    // The tweets file is a symlink to a file elsewhere: saves through it must be seen too.
    await mkdir(path.join(project, "elsewhere"));
    await writeFile(path.join(project, "elsewhere", "tweets.json"), tweets(2));
    await rm(tweetsFile);
    await symlink(path.join(project, "elsewhere", "tweets.json"), tweetsFile);
    await mkdir(path.join(project, "_site"));
    await writeFile(path.join(project, "_site", "index.html"), PUBLISHED);
    const port = await freePort();
    url = `http://localhost:${port}/`;
    server = spawn(process.execPath, ["bin/tweetwall.js", "serve", "--port", String(port)], {
      cwd: project,
      detached: true,
    });
    server.stdout?.on("data", (chunk) => (log += chunk));
    server.stderr?.on("data", (chunk) => (log += chunk));
  });

  afterAll(async () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await rm(project, { recursive: true, force: true });
  });

  test("serves the wall from its own folder, never the published _site/", async () => {
    const { $ } = await wallOf(2);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("script-src 'self'");
    expect((await stat(path.join(project, "_preview", "index.html"))).isFile()).toBe(true);
    expect(await readFile(path.join(project, "_site", "index.html"), "utf8")).toBe(PUBLISHED);
    expect(log).toContain(`previewing at ${url}`);
  });

  test("a broken data save shows its problems on the page and in the terminal; the next good save recovers", async () => {
    await writeFile(tweetsFile, '[{ "text": "oops", "date": "2022-02-30" }');
    let { $ } = await errorPage();
    expect(problemsOn($)).toEqual([`data/tweets.json:1:42: invalid JSON: expected "]" to close the array`]);
    expect(log).toContain(`data/tweets.json:1:42: invalid JSON`);

    await writeFile(tweetsFile, '[{ "text": "oops", "date": "2022-02-30" }]');
    ({ $ } = await pageWhen(($) => problemsOn($).some((line) => line.includes("does not exist"))));
    expect(problemsOn($)).toEqual([
      `data/tweets.json:1:28: tweet 1, field "date": expected a real calendar date ("2022-02-30" does not exist)`,
    ]);

    // As the CLI and many editors save: a new file renamed over the link's target.
    const target = await realpath(tweetsFile);
    await writeFile(`${target}.tmp`, tweets(3));
    await rename(`${target}.tmp`, target);
    ({ $ } = await wallOf(3));
    expect($("article.tweet .tweet-text").last().text()).toBe("tweet number 3");
    const index = await (await fetch(new URL("search-index.json", url))).json();
    expect(index.tweets).toHaveLength(3);
  });

  test("a deleted tweets file is an error page naming it, not a stale wall", async () => {
    await rm(tweetsFile);
    const { $ } = await errorPage();
    expect(problemsOn($)[0]).toMatch(/^data\/tweets\.json:1:1: file not found/);
    await symlink(path.join(project, "elsewhere", "tweets.json"), tweetsFile);
    await wallOf(3);
  });

  test("a template error shows the template's file, line and column", async () => {
    const header = path.join(project, "templates", "partials", "header.njk");
    const good = await readFile(header, "utf8");
    await writeFile(header, good.replace("{{ wall.site.title }}", "{{ wall.site.title "));
    const { $ } = await errorPage();
    expect(problemsOn($)).toEqual([expect.stringMatching(/^templates\/partials\/header\.njk:3:\d+: /)]);
    await writeFile(header, good);
    await wallOf(3);
  });

  test("code in src/ that does not compile is an error page too, and a fix brings the wall back", async () => {
    const pages = path.join(project, "src", "view", "pages.ts");
    const good = await readFile(pages, "utf8");
    await writeFile(pages, `${good}\nexport const broken = (;\n`);
    const { $ } = await errorPage();
    expect(problemsOn($)).toEqual([expect.stringMatching(/^src\/view\/pages\.ts:\d+:\d+: /)]);
    expect(log).not.toMatch(/\n\s+at /);
    await writeFile(pages, good);
    await wallOf(3);
    expect(server.exitCode).toBeNull();
  });

  test("a wall moved under a sub-path is served there, links and all", async () => {
    const site = JSON.parse(await readFile(siteFile, "utf8"));
    await writeFile(siteFile, JSON.stringify({ ...site, url: "https://example.org/tweets/" }));
    const { $ } = await pageWhen(($) => $("article.tweet").length === 3, "tweets/");
    const script = $(`script[src$="wall.js"]`).attr("src")!;
    expect(script).toBe("/tweets/wall.js");
    expect((await fetch(new URL(script, url))).status).toBe(200);
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  hasChromium,
  launchChromium,
  serveFolder,
  type LaunchedChromium,
  type StaticServer,
} from "../support/browser.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";

/*
 * What the browser's tab shows: the title as chromium reads it from a built page, every
 * character of the text once, however many of them HTML escapes.
 */

const TITLE = `Ben & Jerry's "best" <tweets>`;
const TEXT = `It's "fine" & <ok>`;

describe.skipIf(!hasChromium)("page titles in chromium, for text that HTML escapes", () => {
  let workDir: string;
  let server: StaticServer;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "tweetwall-titles-"));
    const seedSite = JSON.parse(await readFile(path.join(REPO_ROOT, "data/site.json"), "utf8"));
    const siteFile = path.join(workDir, "site.json");
    const tweetsFile = path.join(workDir, "tweets.json");
    await writeFile(siteFile, JSON.stringify({ ...seedSite, title: TITLE }));
    await writeFile(tweetsFile, JSON.stringify([{ text: TEXT, date: "2022-12-03" }]));
    const siteDir = path.join(workDir, "_site");
    const build = await runCli(["build", "--output", siteDir], {
      SITE_FILE: siteFile,
      TWEETS_FILE: tweetsFile,
    });
    expect(build.status, `build failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
    server = await serveFolder(siteDir);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test.each([
    ["the tweet's page", "/t/2022-12-03-it-s-fine/", `“${TEXT}” (@karpathy)`],
    ["the wall", "/", TITLE],
  ])("%s: document.title reads the words exactly", async (_name, url, expected) => {
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}${url}`, { waitUntil: "load" });
      expect(await page.evaluate(() => document.title)).toBe(expected);
    } finally {
      await context.close();
    }
  });
});

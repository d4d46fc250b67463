import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../support/port.ts";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHROMIUM_PATH, hasChromium, launchChromium, type LaunchedChromium } from "../support/browser.ts";
import { projectCopy } from "../support/project.ts";

/*
 * The curator's loop, in the browser: a page of the preview left open follows every save by
 * itself, to the error page and back to the wall, with no console error and nothing blocked by
 * the page's Content-Security-Policy.
 */

if (!hasChromium) console.warn(`SKIPPED preview browser tests: ${CHROMIUM_PATH} not found`);

describe.skipIf(!hasChromium)("the preview in chromium", () => {
  let project: string;
  let server: ChildProcess;
  let chromium: LaunchedChromium;
  let page: Page;
  let tweetsFile: string;
  let seed: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    project = await projectCopy("tweetwall-preview-browser-");
    tweetsFile = path.join(project, "data", "tweets.json");
    seed = await readFile(tweetsFile, "utf8");
    const port = await freePort();
    server = spawn(process.execPath, ["bin/tweetwall.js", "serve", "--port", String(port)], {
      cwd: project,
      detached: true,
      stdio: "ignore",
    });
    chromium = await launchChromium();
    page = await (await chromium.browser.newContext()).newPage();
    // The error page is served as what it is, a 500, which Chromium logs; anything else is an error.
    page.on("console", (message) => {
      const text = message.text();
      if (message.type() === "error" && !text.includes("status of 500")) consoleErrors.push(text);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await page.goto(`http://localhost:${port}/`).catch(() => null);
      if (response?.ok()) break;
      if (Date.now() > deadline) throw new Error("the preview never served the wall");
      await page.waitForTimeout(200);
    }
  });

  afterAll(async () => {
    await chromium?.close();
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await rm(project, { recursive: true, force: true });
  });

  test("an open page turns into the error page on a broken save, and back into the wall on the fix", async () => {
    await expect.poll(() => page.locator("article.tweet").count()).toBe(70);

    await writeFile(tweetsFile, seed.replace('"date": "2022-12-03"', '"date": "2022-02-30"'));
    await expect
      .poll(() => page.locator("h1").textContent(), { timeout: 15_000 })
      .toBe("The wall could not be built");
    expect(await page.locator("main li code").first().textContent()).toMatch(
      /^data\/tweets\.json:\d+:\d+: tweet 1, field "date": expected a real calendar date/,
    );

    await writeFile(tweetsFile, seed.replace("Plan is to throw a party", "Plan is to throw a bigger party"));
    await expect
      .poll(() => page.locator("article.tweet .tweet-text").first().textContent(), { timeout: 15_000 })
      .toContain("Plan is to throw a bigger party");
    expect(await page.locator("article.tweet").count()).toBe(70);
    expect(consoleErrors).toEqual([]);
  });
});

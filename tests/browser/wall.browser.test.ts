import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveFolder,
  type LaunchedChromium,
  type StaticServer,
} from "../support/browser.ts";
import { readTweetsFile } from "../../src/curator/read.ts";
import { formatProblem } from "../../src/curator/problems.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";

/*
 * The real wall, built from data/tweets.json, served over HTTP and read in chromium the way a
 * visitor would: on a phone and on a desktop, in light and in dark mode.
 */

if (!hasChromium) {
  console.warn(
    `SKIPPED browser tests: ${CHROMIUM_PATH} not found — install Debian's chromium (apt-get install chromium) to run them`,
  );
}

/** The seed wall has 70 tweets; the counts below are also checked against the data itself. */
const SEED_TWEET_COUNT = 70;
const MULTI_LINE_TWEET = "The Transformer is a magnificient";
/** Not the repo: screenshots are for a human to look at, never compared. */
const SHOTS_DIR = path.join(os.tmpdir(), "tweetwall-shots");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Setup {
  name: string;
  viewport: { width: number; height: number };
  colorScheme: "light" | "dark";
}

const SETUPS: Setup[] = [
  { name: "phone, light", viewport: { width: 360, height: 800 }, colorScheme: "light" },
  { name: "desktop, light", viewport: { width: 1440, height: 900 }, colorScheme: "light" },
  { name: "desktop, dark", viewport: { width: 1440, height: 900 }, colorScheme: "dark" },
];

/** Everything one page load did that a visitor should never see or cause. */
interface Visit {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  badResponses: string[];
  failedRequests: string[];
  requests: string[];
}

declare global {
  interface Window {
    __cspRecorder?: boolean;
    __cspViolations?: string[];
  }
}

describe.skipIf(!hasChromium)("the built wall in chromium", () => {
  let dataTexts: string[];
  let workDir: string;
  let server: StaticServer;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    dataTexts = await readDataTexts(path.join(REPO_ROOT, "data/tweets.json"));
    workDir = await mkdtemp(path.join(os.tmpdir(), "tweetwall-browser-"));
    const siteDir = path.join(workDir, "_site");
    const build = await runCli(["build", "--output", siteDir]);
    expect(build.status, `build failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
    server = await serveFolder(siteDir);
    chromium = await launchChromium();
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test("the data holds the seed wall", () => {
    expect(dataTexts).toHaveLength(SEED_TWEET_COUNT);
    expect(dataTexts.filter((text) => text.startsWith(MULTI_LINE_TWEET))).toHaveLength(1);
  });

  test.each([
    ["2020-06-20-it-s-been", 45, `“It's been a while since I last played…” (@karpathy)`],
    ["2021-05-04-wsj-front-page", 29, `“WSJ front page every day is like >>> "Stock…” (@karpathy)`],
    ["2017-02-04-loss-addiction-self", 65, "“Loss addiction: self-destructive behavior of…” (@karpathy)"],
  ])("the tweet page /t/%s/ is titled and described by its words, read once", async (slug, index, title) => {
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/t/${slug}/`, { waitUntil: "load" });
      const metaContent = (name: string) =>
        page.evaluate((name) => document.querySelector<HTMLMetaElement>(`meta[${name}]`)?.content, name);
      expect(await page.evaluate(() => document.title)).toBe(title);
      expect(await metaContent('property="og:title"')).toBe(title);
      expect(await metaContent('name="twitter:title"')).toBe(title);
      // The whole text, or its first 200 characters or so cut at a word.
      const words = dataTexts[index]!;
      const described = (await metaContent('name="description"')) ?? "";
      expect(described).toBe(words.length <= 200 ? words : `${words.slice(0, described.length - 1)}…`);
    } finally {
      await context.close();
    }
  });

  describe.each(SETUPS)("$name", (setup) => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await chromium.browser.newContext({
        viewport: setup.viewport,
        colorScheme: setup.colorScheme,
      });
      // Nothing may leave the machine, even if the page asked: foreign requests are recorded, then aborted.
      await context.route(
        (url) => url.origin !== server.origin,
        (route) => route.abort("blockedbyclient"),
      );
      // Injected over the devtools protocol, so the page's own CSP does not block it.
      await context.addInitScript(() => {
        window.__cspRecorder = true;
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
        });
      });
    });

    afterAll(async () => {
      await context?.close();
    });

    async function visit(hash = ""): Promise<Visit> {
      const page = await context.newPage();
      const seen: Visit = {
        page,
        consoleErrors: [],
        pageErrors: [],
        badResponses: [],
        failedRequests: [],
        requests: [],
      };
      page.on("console", (message) => {
        if (message.type() === "error") seen.consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => seen.pageErrors.push(error.message));
      page.on("request", (request) => seen.requests.push(request.url()));
      page.on("requestfailed", (request) =>
        seen.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`),
      );
      page.on("response", (response) => {
        if (response.status() >= 400) seen.badResponses.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${server.origin}/${hash}`, { waitUntil: "load" });
      return seen;
    }

    test("shows every tweet, in the data's order, inside the page's width", async () => {
      const { page } = await visit();
      // A "photo" chip stands for the pic.twitter.com address the curator wrote: read it back as that.
      const texts = await page.locator("main#main #wall > article.tweet .tweet-text").evaluateAll((nodes) =>
        nodes.map((node) => {
          const chips = [...node.querySelectorAll<HTMLAnchorElement>("a.photo-chip")];
          const saved = chips.map((chip) => chip.innerHTML);
          chips.forEach((chip) => (chip.textContent = chip.href.replace(/^https:\/\//, "")));
          const text = (node as HTMLElement).innerText;
          chips.forEach((chip, index) => (chip.innerHTML = saved[index]!));
          return text;
        }),
      );
      expect(texts).toHaveLength(SEED_TWEET_COUNT);
      expect(texts).toEqual(dataTexts);

      const boxes = await page.locator("main#main #wall > article.tweet").evaluateAll((articles) => {
        const pageWidth = document.documentElement.clientWidth;
        return articles.map((article) => {
          const box = article.getBoundingClientRect();
          const visible = article.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          const fits = box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= pageWidth;
          return visible && fits
            ? "ok"
            : `${article.id}: ${JSON.stringify(box)} visible=${visible} page=${pageWidth}`;
        });
      });
      expect(boxes.filter((box) => box !== "ok")).toEqual([]);

      await page.screenshot({
        path: path.join(SHOTS_DIR, `wall-${setup.viewport.width}-${setup.colorScheme}.png`),
        fullPage: true,
      });
    });

    test("never scrolls sideways", async () => {
      const { page } = await visit();
      const widths = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(widths.scrollWidth, JSON.stringify(widths)).toBeLessThanOrEqual(widths.innerWidth);
    });

    test("keeps a tweet's line breaks, on screen and in its text", async () => {
      const { page } = await visit();
      const index = dataTexts.findIndex((text) => text.startsWith(MULTI_LINE_TWEET));
      const expectedLines = dataTexts[index]!.split("\n");
      expect(expectedLines).toHaveLength(4);
      const text = page.locator("article.tweet").nth(index).locator(".tweet-text");
      expect((await text.innerText()).split("\n")).toEqual(expectedLines);

      const layout = await text.evaluate((paragraph) => {
        const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
        const box = paragraph.getBoundingClientRect();
        const contentLeft = box.left + parseFloat(getComputedStyle(paragraph).paddingLeft);
        // Where each line's first character is drawn: a real break puts it at the left edge, lower down.
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        const lineStarts: { left: number; top: number }[] = [];
        let atLineStart = true;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const value = node.nodeValue ?? "";
          for (let offset = 0; offset < value.length; offset++) {
            if (value[offset] === "\n") {
              atLineStart = true;
            } else if (atLineStart) {
              atLineStart = false;
              const range = document.createRange();
              range.setStart(node, offset);
              range.setEnd(node, offset + 1);
              const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
              lineStarts.push({ left: rect.left - contentLeft, top: rect.top });
            }
          }
        }
        return { lineHeight, height: box.height, lineStarts };
      });
      expect(layout.height).toBeGreaterThan(4 * layout.lineHeight);
      expect(layout.lineStarts).toHaveLength(4);
      layout.lineStarts.forEach((start, line) => {
        expect(Math.abs(start.left), `line ${line + 1} starts at the left edge`).toBeLessThan(1);
        if (line > 0)
          expect(start.top, `line ${line + 1} is below line ${line}`).toBeGreaterThan(
            layout.lineStarts[line - 1]!.top,
          );
      });
    });

    test("loads cleanly: no errors, nothing missing, nothing foreign, no CSP violation", async () => {
      const seen = await visit();
      await seen.page.waitForLoadState("networkidle");
      const csp = await seen.page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute("content");
      expect(csp).toContain("default-src 'none'");
      expect(
        await seen.page.evaluate(() => [...document.scripts].map((script) => script.getAttribute("src"))),
        "the wall's scripts: the inline .js flag and its own small module",
      ).toEqual([null, "/wall.js"]);
      const recorder = await seen.page.evaluate(() => ({
        on: window.__cspRecorder,
        violations: window.__cspViolations,
      }));
      expect(recorder).toEqual({ on: true, violations: [] });
      expect(seen.consoleErrors).toEqual([]);
      expect(seen.pageErrors).toEqual([]);
      expect(seen.badResponses).toEqual([]);
      expect(seen.failedRequests).toEqual([]);
      expect(seen.requests.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
      expect(seen.requests).toContain(`${server.origin}/favicon.svg`);
    });

    test("enforces its CSP: an injected inline style is refused and reported", async () => {
      const { page } = await visit();
      const outcome = await page.evaluate(async () => {
        const style = document.createElement("style");
        style.textContent = "body { outline: 7px solid red; }";
        document.head.append(style);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { outline: getComputedStyle(document.body).outlineWidth, violations: window.__cspViolations };
      });
      expect(outcome.outline).not.toBe("7px");
      expect(outcome.violations).toEqual(["style-src-elem blocked inline"]);
    });

    test("has no WCAG 2.1 A/AA violations that axe can find", async () => {
      const { page } = await visit();
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      const found = results.violations.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      );
      expect(found, found.join("\n")).toEqual([]);
    });

    test("the first Tab reaches the skip link, and Enter jumps to the tweets", async () => {
      const { page } = await visit();
      await page.keyboard.press("Tab");
      const skipLink = page.locator("a.skip-link");
      expect(await skipLink.evaluate((link) => link === document.activeElement)).toBe(true);
      const box = await skipLink.boundingBox();
      expect(
        box && box.y >= 0 && box.y + box.height <= setup.viewport.height,
        "the focused skip link is on screen",
      ).toBe(true);

      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => location.hash)).toBe("#main");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => document.activeElement?.id);
      expect(next, "the next Tab lands in the search box, the first thing in the wall").toBe("finder-q");
    });

    test("a tweet's anchor opens the wall on it, highlighted and in view; #N links to its own page", async () => {
      const tenth = (await visit()).page.locator("article.tweet").nth(9);
      const anchor = await tenth.getAttribute("id");
      expect(anchor).toBeTruthy();
      expect(await tenth.locator("a.tweet-permalink").getAttribute("href")).toBe(
        `/t/${anchor!.replace(/^tweet-/, "")}/`,
      );

      const { page } = await visit(`#${anchor}`);
      expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(anchor);
      const article = page.locator(`article.tweet[id="${anchor}"]`);
      await expect
        .poll(() =>
          article.evaluate((node) => {
            const box = node.getBoundingClientRect();
            // Scrolled to the article's top edge, give or take the sub-pixel rounding of the columns.
            return box.top > -1 && box.top < window.innerHeight;
          }),
        )
        .toBe(true);
      // The highlight fades in, so wait until the target no longer looks like its neighbour.
      await expect
        .poll(() =>
          article.evaluate((node) => {
            const neighbour = node.nextElementSibling ?? node.previousElementSibling;
            if (!neighbour) return false;
            const [target, other] = [getComputedStyle(node), getComputedStyle(neighbour)];
            return (
              target.backgroundColor !== other.backgroundColor || target.outlineStyle !== other.outlineStyle
            );
          }),
        )
        .toBe(true);
    });
  });
});

/** Each tweet's text as a visitor should read it: `data/tweets.json` is a list or `{ tweets: [...] }`. */
async function readDataTexts(file: string): Promise<string[]> {
  const data = await readTweetsFile(file);
  if (!data.ok) throw new Error(data.problems.map(formatProblem).join("\n"));
  return data.value.tweets.map((tweet) => tweet.text.replace(/\r\n/g, "\n").trim());
}

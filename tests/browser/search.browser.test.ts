import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { parse as parseJsonc } from "jsonc-parser";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
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
 * The wall's finder and "Copy link" buttons (templates/assets/wall.js), used the way a visitor
 * would: typing, picking a year, following a timeline bar, pressing Escape, copying a link, by
 * keyboard alone. First on the seed wall (one page, filtered in place), then on a built wall of
 * 250 synthetic tweets (three pages, searched through /search-index.json).
 */

if (!hasChromium) {
  console.warn(
    `SKIPPED search browser tests: ${CHROMIUM_PATH} not found — install Debian's chromium (apt-get install chromium) to run them`,
  );
}

const SEED_TWEET_COUNT = 70;
const SYNTHETIC_TWEET_COUNT = 250;
/** Only in tweets 201 to 250, so only on page 3 of a wall of 100 tweets a page. */
const PAGE_THREE_WORD = "zeppelin";
/** The seed word to search for; the expected tweets are computed from the data, never hard-coded. */
const SEED_WORD = "neural";
const SHOTS_DIR = path.join(os.tmpdir(), "tweetwall-shots");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 900 };
const INDEX_PATH = "/search-index.json";

/** A tweet as the finder should see it: what it searches in, and when it was posted. */
interface DataTweet {
  haystack: string;
  year: number;
  /** 1 to 12. */
  month: number;
}

/**
 * One browser tab, reused from test to test (a new page costs a second or more on a busy machine),
 * and what its latest page load did that a visitor should never see or cause.
 */
interface Tab {
  server: StaticServer;
  context: BrowserContext;
  page: Page;
  problems: string[];
  requests: URL[];
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** The same folding as wall.js: case- and accent-insensitive. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Indexes of the tweets that every word of `query`, and the year and month when given, match. */
function expectedMatches(tweets: DataTweet[], query: string, year?: number, month?: number): number[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return tweets.flatMap((tweet, index) =>
    (year === undefined || tweet.year === year) &&
    (month === undefined || tweet.month === month) &&
    words.every((word) => tweet.haystack.includes(word))
      ? [index]
      : [],
  );
}

describe.skipIf(!hasChromium)("finding tweets in chromium", () => {
  let workDir: string;
  let seedTweets: DataTweet[];
  let syntheticTweets: DataTweet[];
  let synthetic: { text: string; date: string }[];
  let seed: StaticServer;
  let multi: StaticServer;
  let chromium: LaunchedChromium;
  let seedTab: Tab;
  let multiTab: Tab;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "tweetwall-search-"));
    const site = parseJsonc(await readFile(path.join(REPO_ROOT, "data/site.json"), "utf8")) as {
      author: { name: string; handle: string };
    };
    seedTweets = await readDataTweets(path.join(REPO_ROOT, "data/tweets.json"), site.author);
    const syntheticFile = path.join(workDir, "tweets.json");
    synthetic = syntheticWall();
    await writeFile(syntheticFile, JSON.stringify({ tweets: synthetic }, null, 2));
    syntheticTweets = await readDataTweets(syntheticFile, site.author);

    const [seedBuild, multiBuild] = await Promise.all([
      runCli(["build", "--output", path.join(workDir, "seed")]),
      runCli(["build", "--output", path.join(workDir, "multi")], { TWEETS_FILE: syntheticFile }),
    ]);
    expect(seedBuild.status, `seed build failed:\n${seedBuild.stdout}\n${seedBuild.stderr}`).toBe(0);
    expect(multiBuild.status, `synthetic build failed:\n${multiBuild.stdout}\n${multiBuild.stderr}`).toBe(0);
    [seed, multi, chromium] = await Promise.all([
      serveFolder(path.join(workDir, "seed")),
      serveFolder(path.join(workDir, "multi")),
      launchChromium(),
    ]);
    [seedTab, multiTab] = await Promise.all([openTab(seed), openTab(multi)]);
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await Promise.all([seedTab?.context.close(), multiTab?.context.close()]);
    await chromium?.close();
    await Promise.all([seed?.close(), multi?.close()]);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** A tab on `server` in its own context, allowed to use the clipboard, recording what it loads. */
  async function openTab(server: StaticServer, options: BrowserContextOptions = {}): Promise<Tab> {
    const context = await chromium.browser.newContext({ viewport: DESKTOP, ...options });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    // Nothing may leave the machine, even if the page asked: foreign requests are aborted.
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => route.abort("blockedbyclient"),
    );
    // Injected over the devtools protocol, so the page's own CSP does not block it.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    const page = await context.newPage();
    const tab: Tab = { server, context, page, problems: [], requests: [] };
    page.on("console", (message) => {
      if (message.type() === "error") tab.problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => tab.problems.push(`page error: ${error.message}`));
    page.on("request", (request) => tab.requests.push(new URL(request.url())));
    page.on("requestfailed", (request) =>
      tab.problems.push(`failed: ${request.url()}: ${request.failure()?.errorText}`),
    );
    page.on("response", (response) => {
      if (response.status() >= 400) tab.problems.push(`${response.status()} ${response.url()}`);
    });
    return tab;
  }

  /** Loads `address` afresh in `tab`, on a light desktop screen, forgetting the previous visit. */
  async function visit(tab: Tab, address: string): Promise<Tab> {
    // Leaving first, so whatever the previous page still had in flight is not blamed on this one.
    await tab.page.goto("about:blank");
    tab.problems = [];
    tab.requests = [];
    await tab.page.setViewportSize(DESKTOP);
    await tab.page.emulateMedia({ colorScheme: "light" });
    await tab.page.goto(`${tab.server.origin}${address}`, { waitUntil: "load" });
    return tab;
  }

  /** No console error, uncaught exception, failed or refused request, or CSP violation so far. */
  async function expectClean(seen: Tab): Promise<void> {
    const violations = await seen.page.evaluate(() => window.__cspViolations ?? ["no CSP recorder"]);
    expect([...seen.problems, ...violations]).toEqual([]);
  }

  function indexFetches(seen: Tab): number {
    return seen.requests.filter((url) => url.pathname === INDEX_PATH).length;
  }

  async function articleIds(page: Page): Promise<string[]> {
    return page
      .locator("#wall > article.tweet")
      .evaluateAll((articles) => articles.map((article) => article.id));
  }

  async function visibleIds(page: Page): Promise<string[]> {
    return page
      .locator("#wall > article.tweet")
      .evaluateAll((articles) =>
        articles.filter((article) => article.checkVisibility()).map((article) => article.id),
      );
  }

  async function expectAxeClean(page: Page): Promise<void> {
    // Judge the page at rest: a colour scheme switched a moment ago is still fading in.
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    const found = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
    expect(found, found.join("\n")).toEqual([]);
  }

  const count = (page: Page) => page.locator("#finder-count").textContent();
  const search = (page: Page) => new URL(page.url()).search;

  describe("the seed wall: one page, filtered in place", () => {
    test("the data holds the seed wall", () => {
      expect(seedTweets).toHaveLength(SEED_TWEET_COUNT);
      const found = expectedMatches(seedTweets, SEED_WORD);
      expect(found.length, `some but not all seed tweets mention "${SEED_WORD}"`).toBeGreaterThan(1);
      expect(found.length).toBeLessThan(SEED_TWEET_COUNT);
    });

    test("without JavaScript the whole wall shows and the finder stays hidden", async () => {
      const tab = await openTab(seed, { javaScriptEnabled: false });
      try {
        const { page } = await visit(tab, `/?q=${SEED_WORD}`);
        expect(await page.locator("#finder").isHidden()).toBe(true);
        expect(await visibleIds(page)).toHaveLength(SEED_TWEET_COUNT);
        expect(await page.locator("button.copy-link").count()).toBe(0);
        await expectClean(tab);
      } finally {
        await tab.context.close();
      }
    });

    test("with JavaScript the finder shows, and loading fetches only the page's own files", async () => {
      const seen = await visit(seedTab, "/");
      await seen.page.waitForLoadState("networkidle");
      expect(await seen.page.locator("#finder").isVisible()).toBe(true);
      expect(await seen.page.locator("#finder-q").inputValue()).toBe("");
      expect(await seen.page.locator("#finder-year").inputValue()).toBe("");
      expect(await count(seen.page)).toBe("");
      expect(await visibleIds(seen.page)).toHaveLength(SEED_TWEET_COUNT);
      expect(await seen.page.locator("#wall article.tweet .tweet-meta button.copy-link").count()).toBe(
        SEED_TWEET_COUNT,
      );
      const paths = new Set(
        seen.requests.map((url) => (url.origin === seed.origin ? url.pathname : url.href)),
      );
      expect(paths).toContain("/");
      expect(paths).toContain("/wall.js");
      // The favicon too, unless this tab already has it.
      expect([...paths].filter((file) => !["/", "/wall.js", "/favicon.svg"].includes(file))).toEqual([]);
      await expectClean(seen);
    });

    test(`typing "${SEED_WORD}" filters the wall as one types, counts, and keeps the query in the URL`, async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      const ids = await articleIds(page);
      const expected = expectedMatches(seedTweets, SEED_WORD).map((index) => ids[index]);

      await page.locator("#finder-q").pressSequentially(SEED_WORD, { delay: 40 });
      await expect.poll(() => count(page)).toBe(`${expected.length} of ${SEED_TWEET_COUNT} tweets`);
      expect(await visibleIds(page)).toEqual(expected);
      // The address follows the box after a short pause, not at every key.
      await expect.poll(() => search(page)).toBe(`?q=${SEED_WORD}`);
      expect(await page.evaluate(() => document.activeElement?.id), "focus stays in the search box").toBe(
        "finder-q",
      );

      // Case and accents do not matter; every word must match.
      await page.locator("#finder-q").fill("NEURÁL");
      await expect.poll(() => visibleIds(page)).toEqual(expected);
      await page.locator("#finder-q").fill(`${SEED_WORD} qwertyuiop`);
      await expect.poll(() => count(page)).toBe("No tweets match");
      expect(await visibleIds(page)).toEqual([]);

      // Enter does not submit the form: the page's CSP would refuse it, loudly.
      await page.locator("#finder-q").press("Enter");
      await expect.poll(() => search(page)).toBe(`?q=${SEED_WORD}+qwertyuiop`);
      await page.waitForTimeout(200);
      expect(indexFetches(seen), "a one-page wall never needs the search index").toBe(0);
      await expectClean(seen);
    });

    test("a shared link with a query and a year applies both on load", async () => {
      const seen = await visit(seedTab, `/?q=${SEED_WORD}&year=2021`);
      const { page } = seen;
      const ids = await articleIds(page);
      const expected = expectedMatches(seedTweets, SEED_WORD, 2021).map((index) => ids[index]);
      expect(await page.locator("#finder-q").inputValue()).toBe(SEED_WORD);
      expect(await page.locator("#finder-year").inputValue()).toBe("2021");
      expect(await visibleIds(page)).toEqual(expected);
      expect(await count(page)).toBe(
        expected.length ? `${expected.length} of ${SEED_TWEET_COUNT} tweets` : "No tweets match",
      );
      await expectClean(seen);
    });

    test("the year alone filters, and choosing All years restores the wall", async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      const ids = await articleIds(page);
      const expected = expectedMatches(seedTweets, "", 2021).map((index) => ids[index]);
      await page.locator("#finder-year").selectOption("2021");
      await expect.poll(() => count(page)).toBe(`${expected.length} of ${SEED_TWEET_COUNT} tweets`);
      expect(await visibleIds(page)).toEqual(expected);
      expect(search(page)).toBe("?year=2021");

      await page.locator("#finder-year").selectOption("");
      await expect.poll(() => count(page)).toBe("");
      expect(await visibleIds(page)).toHaveLength(SEED_TWEET_COUNT);
      expect(search(page)).toBe("");
      await expectClean(seen);
    });

    test("a timeline bar opens the wall filtered to its year", async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      const ids = await articleIds(page);
      const expected = expectedMatches(seedTweets, "", 2020).map((index) => ids[index]);
      await page.locator('nav.timeline a[href="/?year=2020"]').click();
      await page.waitForURL(`${seed.origin}/?year=2020`);
      await expect.poll(() => count(page)).toBe(`${expected.length} of ${SEED_TWEET_COUNT} tweets`);
      expect(await page.locator("#finder-year").inputValue()).toBe("2020");
      expect(await visibleIds(page)).toEqual(expected);
      await expectClean(seen);
    });

    test("a month from the timeline narrows the year, and changing the year drops it", async () => {
      const seen = await visit(seedTab, "/?year=2022&month=12");
      const { page } = seen;
      const ids = await articleIds(page);
      const december = expectedMatches(seedTweets, "", 2022, 12).map((index) => ids[index]);
      expect(december.length).toBeGreaterThan(0);
      expect(await count(page)).toBe(`${december.length} of ${SEED_TWEET_COUNT} tweets from December 2022`);
      expect(await visibleIds(page)).toEqual(december);

      await page.locator("#finder-year").selectOption("2021");
      const all2021 = expectedMatches(seedTweets, "", 2021).map((index) => ids[index]);
      await expect.poll(() => count(page)).toBe(`${all2021.length} of ${SEED_TWEET_COUNT} tweets`);
      expect(await visibleIds(page)).toEqual(all2021);
      expect(search(page)).toBe("?year=2021");
      await expectClean(seen);
    });

    test("Escape in the search box clears the query and the URL", async () => {
      const seen = await visit(seedTab, `/?q=${SEED_WORD}`);
      const { page } = seen;
      const matches = expectedMatches(seedTweets, SEED_WORD).length;
      // The query applies once the finder has loaded; wait for it rather than race it.
      await expect.poll(async () => (await visibleIds(page)).length).toBe(matches);
      await page.locator("#finder-q").press("Escape");
      await expect.poll(() => count(page)).toBe("");
      expect(await page.locator("#finder-q").inputValue()).toBe("");
      await expect.poll(async () => (await visibleIds(page)).length).toBe(SEED_TWEET_COUNT);
      await expect.poll(() => search(page)).toBe("");
      await expectClean(seen);
    });

    test("Copy link puts the tweet page's absolute address on the clipboard and says so", async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      const article = page.locator("#wall > article.tweet").nth(4);
      const href = await article.locator("a.tweet-permalink").getAttribute("href");
      expect(href).toMatch(/^\/t\/[^/]+\/$/);
      const button = article.locator("button.copy-link");
      await button.click();
      await expect.poll(() => button.textContent()).toBe("Link copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${seed.origin}${href}`);
      expect(await count(page)).toBe("Link copied");
      await expect.poll(() => button.textContent(), { timeout: 4000 }).toBe("Copy link");
      expect(await count(page), "the status goes back to the count (none: no filter)").toBe("");
      await expectClean(seen);
    });

    test("without a clipboard, Copy link shows the address selected, ready to copy", async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      await page.evaluate(() =>
        Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined, configurable: true }),
      );
      const article = page.locator("#wall > article.tweet").first();
      const href = await article.locator("a.tweet-permalink").getAttribute("href");
      await article.locator("button.copy-link").click();
      const field = article.locator("input.copy-link");
      expect(await field.inputValue()).toBe(`${seed.origin}${href}`);
      expect(await field.getAttribute("readonly")).not.toBeNull();
      expect(await field.getAttribute("aria-label")).toBe("Link to this tweet");
      const selection = await field.evaluate((input: HTMLInputElement) => ({
        focused: document.activeElement === input,
        selected: input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
      }));
      expect(selection).toEqual({ focused: true, selected: `${seed.origin}${href}` });
      expect(await count(page)).toMatch(/Ctrl\+C/);
      await expectClean(seen);
    });

    test("by keyboard alone: Tab reaches the search box, the year and a Copy link button", async () => {
      const seen = await visit(seedTab, "/");
      const { page } = seen;
      const focused = () =>
        page.evaluate(() => {
          const active = document.activeElement;
          return (
            active?.id || (active?.classList.contains("copy-link") ? "copy-link" : active?.tagName) || ""
          );
        });
      const tabUntil = async (target: string, limit: number) => {
        for (let presses = 0; presses < limit; presses++) {
          await page.keyboard.press("Tab");
          if ((await focused()) === target) return presses + 1;
        }
        throw new Error(`${target} not reached in ${limit} presses of Tab`);
      };
      await tabUntil("finder-q", 30);
      await page.keyboard.type(SEED_WORD);
      // The whole word's matches, not those of its first letters, which can show first.
      const matches = expectedMatches(seedTweets, SEED_WORD).length;
      await expect.poll(() => count(page)).toBe(`${matches} of ${SEED_TWEET_COUNT} tweets`);
      // The clear button that searching showed, then the year.
      expect(await tabUntil("finder-year", 2)).toBe(2);
      // Then the finder's Search button and the first matching tweet: the links in its text, its
      // date (its permalink), and its Copy link button (its author is named for screen readers only).
      const ids = await articleIds(page);
      const first = ids[expectedMatches(seedTweets, SEED_WORD)[0]!];
      const stops =
        1 +
        (await page
          .locator(`article.tweet[id="${first}"]`)
          .evaluate(
            (article) =>
              [...article.querySelectorAll("a, button")].findIndex((node) => node.matches(".copy-link")) + 1,
          ));
      expect(await tabUntil("copy-link", stops)).toBe(stops);
      expect(await page.evaluate(() => document.activeElement?.closest("article")?.id)).toBe(first);
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect.poll(() => count(page)).toBe("Link copied");
      expect(await focused(), "focus stays on the button").toBe("copy-link");
      await expectClean(seen);
    });

    test("a filtered view has no axe violations, in light and dark", async () => {
      const seen = await visit(seedTab, `/?q=${SEED_WORD}`);
      for (const colorScheme of ["light", "dark"] as const) {
        await seen.page.emulateMedia({ colorScheme });
        await expectAxeClean(seen.page);
      }
      await expectClean(seen);
    });

    test("a filtered view fits a phone and a desktop (screenshots for a human)", async () => {
      const seen = await visit(seedTab, `/?q=${SEED_WORD}`);
      for (const width of [360, 1440]) {
        await seen.page.setViewportSize({ width, height: 800 });
        const widths = await seen.page.evaluate(() => [
          document.documentElement.scrollWidth,
          window.innerWidth,
        ]);
        expect(widths[0], `never scrolls sideways at ${width} px`).toBeLessThanOrEqual(widths[1]!);
        await seen.page.screenshot({ path: path.join(SHOTS_DIR, `search-${width}.png`), fullPage: true });
      }
      await expectClean(seen);
    });
  });

  describe("a wall of three pages, searched through the index", () => {
    test("the synthetic wall has three pages, and loading one fetches no index", async () => {
      const seen = await visit(multiTab, "/");
      await seen.page.waitForLoadState("networkidle");
      expect(syntheticTweets).toHaveLength(SYNTHETIC_TWEET_COUNT);
      expect(await seen.page.locator("nav.page-nav").last().count()).toBe(1);
      expect(await seen.page.locator('nav.page-nav a[href="/page/3/"]').count()).toBe(1);
      expect(await articleIds(seen.page)).toHaveLength(100);
      expect(indexFetches(seen)).toBe(0);
      await expectClean(seen);
    });

    test("a word only on page 3 shows result cards on page 1, fetching the index once", async () => {
      const seen = await visit(multiTab, "/");
      const { page } = seen;
      const expected = expectedMatches(syntheticTweets, PAGE_THREE_WORD);
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.every((index) => index >= 200)).toBe(true);

      // Slower than the typing pause, so the finder runs on several keystrokes.
      await page.locator("#finder-q").pressSequentially(PAGE_THREE_WORD, { delay: 160 });
      await expect.poll(() => count(page)).toBe(`${expected.length} of ${SYNTHETIC_TWEET_COUNT} tweets`);
      expect(indexFetches(seen)).toBe(1);
      expect(search(page)).toBe(`?q=${PAGE_THREE_WORD}`);

      const cards = page.locator("#finder-results > article.tweet");
      expect(await cards.count()).toBe(expected.length);
      expect(await page.locator("#wall").isHidden()).toBe(true);
      expect(await page.locator("nav.page-nav").last().isHidden()).toBe(true);
      expect(await cards.first().locator(".tweet-text").textContent()).toBe(synthetic[expected[0]!]!.text);
      const links = await cards
        .locator("a")
        .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
      expect(links.every((href) => /^\/page\/3\/#tweet-/.test(href ?? ""))).toBe(true);

      // More typing and a year change reuse the index already fetched.
      await page.locator("#finder-q").pressSequentially(" synthetic", { delay: 160 });
      await page.locator("#finder-year").selectOption(String(synthetic[expected[0]!]!.date.slice(0, 4)));
      await expect.poll(() => count(page)).not.toBe(`${expected.length} of ${SYNTHETIC_TWEET_COUNT} tweets`);
      expect(indexFetches(seen)).toBe(1);

      // Clearing the filters gives the page back.
      await page.locator("#finder-year").selectOption("");
      await page.locator("#finder-q").press("Escape");
      await expect.poll(() => count(page)).toBe("");
      expect(await page.locator("#wall").isVisible()).toBe(true);
      expect(await page.locator("nav.page-nav").last().isVisible()).toBe(true);
      expect(await page.locator("#finder-results").isHidden()).toBe(true);
      expect(search(page)).toBe("");
      expect(indexFetches(seen)).toBe(1);
      await expectClean(seen);
    });

    test("a result's link opens its tweet on page 3", async () => {
      const seen = await visit(multiTab, `/?q=${PAGE_THREE_WORD}`);
      const { page } = seen;
      const link = page.locator("#finder-results > article.tweet a").first();
      const href = await link.getAttribute("href");
      await link.click();
      await page.waitForURL(`${multi.origin}${href}`);
      const anchor = href!.split("#")[1];
      expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(anchor);
      expect(await page.locator(`#wall > article.tweet[id="${anchor}"] .tweet-text`).textContent()).toContain(
        PAGE_THREE_WORD,
      );
      await expectClean(seen);
    });

    test("a word in every tweet shows the first 200 and says so", async () => {
      const seen = await visit(multiTab, "/page/2/?q=SYNTHÉTIC");
      const { page } = seen;
      await expect
        .poll(() => count(page))
        .toBe(`${SYNTHETIC_TWEET_COUNT} of ${SYNTHETIC_TWEET_COUNT} tweets, showing the first 200`);
      expect(await page.locator("#finder-results > article.tweet").count()).toBe(200);
      await expectClean(seen);
    });

    // Light only: the cards use the wall's own classes, whose dark colours the seed test checks.
    test("the results view has no axe violations", async () => {
      const seen = await visit(multiTab, `/?q=${PAGE_THREE_WORD}`);
      await expect
        .poll(() => seen.page.locator("#finder-results > article.tweet").count())
        .toBeGreaterThan(0);
      await expectAxeClean(seen.page);
      await seen.page.setViewportSize({ width: 1440, height: 900 });
      await seen.page.screenshot({ path: path.join(SHOTS_DIR, "search-results-1440.png"), fullPage: true });
      await expectClean(seen);
    });
  });
});

/** What the finder searches in: the text and the author's name and handle, as on the wall. */
async function readDataTweets(
  file: string,
  siteAuthor: { name: string; handle: string },
): Promise<DataTweet[]> {
  const data = await readTweetsFile(file);
  if (!data.ok) throw new Error(data.problems.map(formatProblem).join("\n"));
  return data.value.tweets.map((tweet) => {
    const author = tweet.author ?? siteAuthor;
    // "2022-12-03", "2022-12-03T17:44:09Z" or "December 3, 2022"
    const iso = /^(\d{4})-(\d{2})/.exec(tweet.date);
    const year = Number(iso ? iso[1] : tweet.date.slice(-4));
    const month = iso ? Number(iso[2]) : MONTHS.indexOf(tweet.date.split(" ")[0]!) + 1;
    return { haystack: fold(`${tweet.text}\n${author.name}\n@${author.handle}`), year, month };
  });
}

const MONTHS = Array.from({ length: 12 }, (_, month) =>
  new Date(Date.UTC(2000, month)).toLocaleDateString("en-US", { month: "long", timeZone: "UTC" }),
);

const WORDS = [
  "gradient",
  "café",
  "tensor",
  "robot",
  "kernel",
  "sunset",
  "latency",
  "piano",
  "orbit",
  "compiler",
];

/** 250 tweets over ten years in all three date forms; the page-3 word only in tweets 201 to 250. */
function syntheticWall(): { text: string; date: string }[] {
  return Array.from({ length: SYNTHETIC_TWEET_COUNT }, (_, index) => {
    const number = index + 1;
    const year = 2015 + (number % 10);
    const month = String((number % 12) + 1).padStart(2, "0");
    const day = String((number % 28) + 1).padStart(2, "0");
    const words = `${WORDS[number % WORDS.length]} ${WORDS[(number * 7 + 3) % WORDS.length]}`;
    const extra = number > 200 && number % 5 === 0 ? ` ${PAGE_THREE_WORD} ahoy` : "";
    const text = `Synthetic tweet ${number} about ${words}${extra}.${number % 9 === 0 ? "\nSecond line." : ""}`;
    const date =
      number % 3 === 0
        ? `${year}-${month}-${day}T12:30:00Z`
        : number % 3 === 1
          ? `${year}-${month}-${day}`
          : new Date(Date.UTC(year, Number(month) - 1, Number(day))).toLocaleDateString("en-US", {
              dateStyle: "long",
              timeZone: "UTC",
            });
    return { text, date };
  });
}

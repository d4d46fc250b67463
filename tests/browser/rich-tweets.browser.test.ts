import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  openWatched,
  serveFolder,
  type LaunchedChromium,
  type StaticServer,
} from "../support/browser.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";

/*
 * The rich wall (tests/fixtures/rich-wall) in chromium: accessible in light and dark, on a
 * phone and a desktop; nothing moves as it loads; a GIF loops only when motion is allowed; the
 * keyboard reaches every new link and control.
 */

if (!hasChromium) {
  console.warn(`SKIPPED rich tweet browser tests: ${CHROMIUM_PATH} not found`);
}

const FIXTURE = path.join(REPO_ROOT, "tests/fixtures/rich-wall");
/** Not the repo: screenshots are for a human to look at, never compared. */
const SHOTS_DIR = process.env.SHOTS_DIR ?? path.join(os.tmpdir(), "tweetwall-shots");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

describe.skipIf(!hasChromium)("the rich wall in chromium", () => {
  let server: StaticServer;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    const site = path.join(await tempDir("tweetwall-rich-browser-"), "_site");
    const build = await runCli(["build", "--output", site], {
      TWEETS_FILE: path.join(FIXTURE, "tweets.json"),
      SITE_FILE: path.join(FIXTURE, "site.json"),
    });
    expect(build.status, `build failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
    server = await serveFolder(site);
    chromium = await launchChromium();
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** The wall's first page, offline, recording layout shifts and CSP violations (tests/support/browser.ts). */
  const open = (options: BrowserContextOptions, run: (page: Page) => Promise<void>): Promise<void> =>
    openWatched(chromium.browser, server, "/", options, run);

  /** Scrolls to the bottom a screen at a time, so every lazy image loads, and back to the top. */
  async function scrollThrough(page: Page): Promise<void> {
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      // Any image a quick scroll passed before it started loading.
      for (const img of document.images) {
        if (img.complete) continue;
        img.scrollIntoView();
        await img.decode().catch(() => {});
      }
      window.scrollTo(0, 0);
    });
    await page.waitForLoadState("networkidle");
  }

  describe.each([
    { width: 360, colorScheme: "light" },
    { width: 360, colorScheme: "dark" },
    { width: 1440, colorScheme: "light" },
    { width: 1440, colorScheme: "dark" },
  ] as const)("$width px, $colorScheme", ({ width, colorScheme }) => {
    const options = { viewport: { width, height: 900 }, colorScheme };

    test("axe finds nothing, with every image loaded", async () => {
      await open(options, async (page) => {
        await scrollThrough(page);
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const found = results.violations.map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        );
        expect(found, found.join("\n")).toEqual([]);
      });
    });

    test("nothing shifts as the page, its images and its GIF load and scroll, and nothing is refused", async () => {
      await open(options, async (page) => {
        await scrollThrough(page);
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => window.__layoutShift)).toBe(0);
        expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
        const broken = await page.evaluate(() =>
          [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src),
        );
        expect(broken).toEqual([]);
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(sideways).toBeLessThanOrEqual(0);
      });
    });
  });

  test("a GIF loops in view when the visitor allows motion, and a button pauses it", async () => {
    await open({ reducedMotion: "no-preference" }, async (page) => {
      const gif = page.locator("video.tweet-gif");
      await gif.scrollIntoViewIfNeeded();
      await expect
        .poll(() => gif.evaluate((video: HTMLVideoElement) => video.currentTime))
        .toBeGreaterThan(0);
      expect(await gif.evaluate((video: HTMLVideoElement) => [video.paused, video.controls])).toEqual([
        false,
        false,
      ]);
      const button = page.locator("button.gif-badge");
      expect(await button.getAttribute("aria-label")).toBe("Pause GIF");
      await button.click();
      expect(await gif.evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
      await expect.poll(() => button.getAttribute("aria-label")).toBe("Play GIF");
      // Paused by the visitor, it stays paused when it comes back into view.
      await page.evaluate(() => window.scrollTo(0, 0));
      await gif.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      expect(await gif.evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
    });
  });

  test("a GIF stays still, with its controls, when the visitor asks for reduced motion", async () => {
    await open({ reducedMotion: "reduce" }, async (page) => {
      const gif = page.locator("video.tweet-gif");
      await gif.scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      expect(
        await gif.evaluate((video: HTMLVideoElement) => [video.paused, video.currentTime, video.controls]),
      ).toEqual([true, 0, true]);
      expect(await page.locator("button.gif-badge").count()).toBe(0);
    });
  });

  test("Tab reaches the quoted tweet's link, the link cards and the video's controls", async () => {
    await open({ viewport: { width: 1440, height: 900 } }, async (page) => {
      const reached = new Set<string>();
      for (let step = 0; step < 200; step++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return "";
          return `${element.tagName.toLowerCase()}.${element.className}`;
        });
        reached.add(focused);
      }
      expect(reached).toContain("a.quote-source");
      expect(reached).toContain("a.tweet-card");
      expect(reached).toContain("a.media-item");
      expect(reached).toContain("video.");
      expect(reached).toContain("button.gif-badge");
    });
  });

  test.each([360, 768, 1440, 2560])(
    "a screenshot at %i px, light and dark, for a person to look at",
    async (width) => {
      for (const colorScheme of ["light", "dark"] as const) {
        await open(
          { viewport: { width, height: 900 }, colorScheme, reducedMotion: "reduce" },
          async (page) => {
            await scrollThrough(page);
            await page.screenshot({
              path: path.join(SHOTS_DIR, `rich-${width}-${colorScheme}.png`),
              fullPage: true,
            });
          },
        );
      }
    },
  );
});

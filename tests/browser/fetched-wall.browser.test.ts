import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveFolder,
  type LaunchedChromium,
  type StaticServer,
} from "../support/browser.ts";
import { buildFetchedWall, FETCHED } from "../support/fetched-wall.ts";

/*
 * Tweets added by their URL from the stand-in for X, built offline, in chromium: every picture,
 * poster and avatar shows from the site itself, nothing is asked of another host, axe finds
 * nothing. The screenshots are for a person to look at, never compared.
 */

if (!hasChromium) console.warn(`SKIPPED fetched wall browser tests: ${CHROMIUM_PATH} not found`);

const SHOTS_DIR = process.env.SHOTS_DIR ?? path.join(os.tmpdir(), "tweetwall-shots");

describe.skipIf(!hasChromium)("a wall of fetched tweets in chromium", () => {
  let server: StaticServer;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    server = await serveFolder((await buildFetchedWall()).site);
    chromium = await launchChromium();
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  test.each([
    { width: 360, colorScheme: "light" },
    { width: 1440, colorScheme: "dark" },
  ] as const)(
    "at $width px, $colorScheme: every piece shows, from the site alone",
    async ({ width, colorScheme }) => {
      const context = await chromium.browser.newContext({
        viewport: { width, height: 900 },
        colorScheme,
        reducedMotion: "reduce",
      });
      const elsewhere: string[] = [];
      await context.route(
        (url) => url.origin !== server.origin,
        (route) => {
          elsewhere.push(route.request().url());
          return route.abort("blockedbyclient");
        },
      );
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/`, { waitUntil: "load" });
        await page.evaluate(async () => {
          for (const img of document.images) {
            img.scrollIntoView();
            await img.decode().catch(() => {});
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState("networkidle");
        const broken = await page.evaluate(() =>
          [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.src),
        );
        expect(broken).toEqual([]);
        expect(await page.locator("article.tweet").count()).toBe(FETCHED.length);
        // Photos (1 + 4 + the quote's), avatars, a card image and two posters' worth of pictures.
        expect(await page.evaluate(() => document.images.length)).toBeGreaterThanOrEqual(12);
        const posters = await page.evaluate(() =>
          [...document.querySelectorAll("video")].map((video) => video.poster.startsWith(location.origin)),
        );
        expect(posters).toEqual([true, true]);
        expect(elsewhere).toEqual([]);
        const axe = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();
        expect(axe.violations.map((violation) => violation.id)).toEqual([]);
        await page.screenshot({
          path: path.join(SHOTS_DIR, `fetched-${width}-${colorScheme}.png`),
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    },
  );
});

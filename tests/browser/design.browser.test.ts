import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
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

/*
 * The wall's design in chromium: a filtered address draws no tweet it then hides (layout shift
 * 0), and every kind of page (the wall, page 2 of a longer one, a filtered view, a tweet page)
 * passes axe on a phone and a desktop, light and dark. Full-page screenshots go to SHOTS_DIR
 * for a human to look at.
 */

if (!hasChromium) console.warn(`SKIPPED design browser tests: ${CHROMIUM_PATH} not found`);

const SHOTS_DIR = process.env.SHOTS_DIR ?? path.join(os.tmpdir(), "tweetwall-shots");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1440, height: 900 };

describe.skipIf(!hasChromium)("the wall's design in chromium", () => {
  let workDir: string;
  let seed: StaticServer;
  let multi: StaticServer;
  let rich: StaticServer;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "tweetwall-design-"));
    const syntheticFile = path.join(workDir, "tweets.json");
    await writeFile(syntheticFile, JSON.stringify({ tweets: syntheticWall(250) }));
    const fixture = path.join(REPO_ROOT, "tests/fixtures/rich-wall");
    const builds = await Promise.all([
      runCli(["build", "--output", path.join(workDir, "seed")]),
      runCli(["build", "--output", path.join(workDir, "multi")], { TWEETS_FILE: syntheticFile }),
      runCli(["build", "--output", path.join(workDir, "rich")], {
        TWEETS_FILE: path.join(fixture, "tweets.json"),
        SITE_FILE: path.join(fixture, "site.json"),
      }),
    ]);
    for (const build of builds) expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    [seed, multi, rich, chromium] = await Promise.all([
      serveFolder(path.join(workDir, "seed")),
      serveFolder(path.join(workDir, "multi")),
      serveFolder(path.join(workDir, "rich")),
      launchChromium(),
    ]);
    await mkdir(SHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([seed?.close(), multi?.close(), rich?.close()]);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** `address` on `server`, offline, its layout shifts summed (tests/support/browser.ts). */
  const open = <T>(
    server: StaticServer,
    address: string,
    options: BrowserContextOptions,
    run: (page: Page) => Promise<T>,
  ): Promise<T> => openWatched(chromium.browser, server, address, options, run);

  async function settledShift(page: Page): Promise<number> {
    await page.waitForFunction(() => !document.documentElement.classList.contains("filtering"));
    await page.waitForTimeout(300);
    return page.evaluate(() => window.__layoutShift ?? -1);
  }

  describe.each([PHONE, DESKTOP])("at $width px", (viewport) => {
    test.each(["/?q=neural", "/?year=2020"])(
      "the seed wall at %s is filtered before it is drawn",
      async (address) => {
        await open(seed, address, { viewport }, async (page) => {
          expect(await settledShift(page)).toBe(0);
          const shown = await page.locator("#wall article.tweet:visible").count();
          expect(shown).toBeGreaterThan(0);
          expect(shown).toBeLessThan(70);
        });
      },
    );

    test("a paged wall searched from its address shifts nothing either", async () => {
      await open(multi, "/?q=synthetic+tweet+7", { viewport }, async (page) => {
        expect(await settledShift(page)).toBe(0);
        expect(await page.locator("#finder-results article.tweet").count()).toBeGreaterThan(0);
      });
    });

    test("without scripts, a filtered address still shows the whole wall", async () => {
      await open(seed, "/?q=neural", { viewport, javaScriptEnabled: false }, async (page) => {
        expect(await page.locator("#wall article.tweet:visible").count()).toBe(70);
      });
    });

    describe.each(["light", "dark"] as const)("%s", (colorScheme) => {
      test.each([
        ["seed", "the wall", "/"],
        ["seed", "a filtered view", "/?q=neural"],
        ["seed", "a tweet page", "/t/2022-12-03-plan-is-to/"],
        ["multi", "page 2", "/page/2/"],
        ["rich", "the rich wall", "/"],
      ] as const)("%s: %s has no axe violations", async (which, _name, address) => {
        const server = { seed, multi, rich }[which];
        await open(server, address, { viewport, colorScheme }, async (page) => {
          await page.waitForFunction(() => !document.documentElement.classList.contains("filtering"));
          const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
          expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual(
            [],
          );
        });
      });
    });
  });

  test.each([
    ["seed", "/", "seed"],
    ["rich", "/", "rich"],
  ] as const)("screenshots of the %s wall", async (which, address, name) => {
    const server = { seed, rich }[which];
    for (const width of [360, 768, 1440, 2560])
      for (const colorScheme of ["light", "dark"] as const)
        await open(server, address, { viewport: { width, height: 900 }, colorScheme }, (page) =>
          page.screenshot({
            path: path.join(SHOTS_DIR, `design-${name}-${width}-${colorScheme}.png`),
            fullPage: true,
          }),
        );
    await open(server, "/?q=neural", { viewport: PHONE }, async (page) => {
      await page.waitForFunction(() => !document.documentElement.classList.contains("filtering"));
      await page.screenshot({ path: path.join(SHOTS_DIR, `design-${name}-q-360.png`), fullPage: true });
    });
    await open(server, address, { viewport: DESKTOP, forcedColors: "active" }, (page) =>
      page.screenshot({ path: path.join(SHOTS_DIR, `design-${name}-forced-1440.png`), fullPage: true }),
    );
  });
});

function syntheticWall(count: number): { text: string; date: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const date = `${2015 + (number % 10)}-${String((number % 12) + 1).padStart(2, "0")}-${String((number % 28) + 1).padStart(2, "0")}`;
    return { text: `Synthetic tweet ${number} about walls and words.`, date };
  });
}

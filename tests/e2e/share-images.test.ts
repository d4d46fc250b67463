import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { imageSize } from "image-size";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, runCli } from "../support/cli.ts";

/** Every page's share image, as a crawler reads it from the built site. */
describe("share images: the seed wall built with and without a url", () => {
  let dir: string;
  let withUrl: string;
  let without: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tweetwall-share-"));
    const siteFile = path.join(dir, "site.json");
    const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));
    await writeFile(siteFile, JSON.stringify({ ...seedSite, url: "https://example.org/wall/" }));
    withUrl = path.join(dir, "with-url");
    without = path.join(dir, "without");
    for (const [output, env] of [
      [withUrl, { SITE_FILE: siteFile }],
      [without, { SITE_FILE: path.join(dir, "no-url.json") }],
    ] as const) {
      if (output === without) await writeFile(env.SITE_FILE, JSON.stringify({ ...seedSite, url: undefined }));
      const run = await runCli(["build", "--output", output], env);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const pagesOf = async (site: string) => [
    "index.html",
    ...(await readdir(path.join(site, "t"))).map((id) => `t/${id}/index.html`),
  ];

  test("with a url, the wall and every tweet page name their own 1200×630 PNG under /share/", async () => {
    const pages = await pagesOf(withUrl);
    expect(pages).toHaveLength(71);
    const images = new Set<string>();
    for (const page of pages) {
      const $ = cheerio.load(await readFile(path.join(withUrl, page), "utf8"));
      const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");
      const url = meta("og:image")!;
      expect(url, page).toMatch(/^https:\/\/example\.org\/wall\/share\/[\w-]{16}\.png$/);
      expect(meta("twitter:image"), page).toBe(url);
      expect(meta("twitter:card"), page).toBe("summary_large_image");
      expect([meta("og:image:width"), meta("og:image:height")], page).toEqual(["1200", "630"]);
      expect(meta("og:image:alt"), page).toMatch(/\S/);
      const file = path.join(withUrl, new URL(url).pathname.replace(/^\/wall\//, ""));
      const size = imageSize(await readFile(file));
      expect([size.type, size.width, size.height], page).toEqual(["png", 1200, 630]);
      images.add(url);
    }
    expect(images.size).toBe(71);
    expect(await readdir(path.join(withUrl, "share"))).toHaveLength(71);
  });

  test("a tweet page's alt text says who wrote what, and when", async () => {
    const $ = cheerio.load(
      await readFile(path.join(withUrl, "t/2022-12-06-how-long-until/index.html"), "utf8"),
    );
    expect($('meta[property="og:image:alt"]').attr("content")).toBe(
      "Andrej Karpathy (@karpathy), December 6, 2022: How long until we measure wealth inequality in FLOPS",
    );
  });

  test("without a url, no share image is made or linked and the card stays a summary", async () => {
    expect(existsSync(path.join(without, "share"))).toBe(false);
    for (const page of await pagesOf(without)) {
      const html = await readFile(path.join(without, page), "utf8");
      expect(html, page).not.toMatch(/og:image|twitter:image/);
      expect(cheerio.load(html)('meta[name="twitter:card"]').attr("content"), page).toBe("summary");
    }
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, runCli } from "../support/cli.ts";

/**
 * The seed wall deployed under a sub-path (https://example.org/tweets/) in pages of 10: every
 * page, feed and link of the built site is read back with a real parser.
 */
describe("the seed wall deployed at https://example.org/tweets/, 10 tweets a page", () => {
  let dir: string;
  let site: string;
  const read = (file: string) => readFile(path.join(site, file), "utf8");
  const html = async (file: string) => cheerio.load(await read(file));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tweetwall-site-"));
    const siteFile = path.join(dir, "site.json");
    const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));
    await writeFile(
      siteFile,
      JSON.stringify({ ...seedSite, url: "https://example.org/tweets/", pageSize: 10 }),
    );
    site = path.join(dir, "out");
    const run = await runCli(["build", "--output", site], { SITE_FILE: siteFile });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("splits the wall into 7 pages with an accessible page navigation", async () => {
    expect((await readdir(path.join(site, "page"))).sort()).toEqual(["2", "3", "4", "5", "6", "7"]);
    const $ = await html("page/3/index.html");
    expect($("article.tweet")).toHaveLength(10);
    expect($("article.tweet .tweet-permalink").first().attr("href")).toMatch(/^\/tweets\/t\//);
    const nav = $('nav.page-nav[aria-label="Wall pages"]');
    expect(nav.find('a[aria-current="page"]').text()).toBe("3");
    expect(nav.find('a[rel="prev"]').attr("href")).toBe("/tweets/page/2/");
    expect(nav.find('a[rel="next"]').attr("href")).toBe("/tweets/page/4/");
    expect($("head > title").text()).toBe("fave tweets wall (page 3 of 7)");
    expect($("link[rel=canonical]").attr("href")).toBe("https://example.org/tweets/page/3/");
  });

  test("the first page's navigation leaves out pages 4 to 6 as one gap screen readers skip", async () => {
    const $ = await html("index.html");
    const items = $('nav.page-nav[aria-label="Wall pages"] li')
      .toArray()
      .map((item) => ($(item).attr("aria-hidden") === "true" ? "…" : $(item).find("a").first().text()));
    expect(items).toEqual(["1", "2 (page)", "3 (page)", "…", "7 (page)"]);
  });

  test("prefixes every site link and the script with the sub-path", async () => {
    const $ = await html("index.html");
    expect($("script[src]").attr("src")).toBe("/tweets/wall.js");
    expect($("a.tweet-permalink").first().attr("href")).toBe("/tweets/t/2022-12-03-plan-is-to/");
    expect($("nav.timeline a").first().attr("href")).toBe("/tweets/?year=2014");
    expect($('link[rel="icon"]').attr("href")).toBe("/tweets/favicon.svg");
    $("a[href^='/']").each((_, link) => expect($(link).attr("href")).toMatch(/^\/tweets\//));
    for (const file of ["page/3/index.html", "t/2022-12-03-plan-is-to/index.html"]) {
      const other = await html(file);
      const links = other("[href], [src], [action]")
        .toArray()
        .map((node) => other(node).attr("href") ?? other(node).attr("src") ?? other(node).attr("action")!);
      const rootRelative = links.filter((link) => link.startsWith("/"));
      expect(rootRelative.length, file).toBeGreaterThan(5);
      for (const link of rootRelative) expect(link, file).toMatch(/^\/tweets\//);
    }
  });

  test("draws the timeline with a named link per year", async () => {
    const $ = await html("index.html");
    // A link's name is its text less the aria-hidden parts: the visible year, then the count in words.
    const bars = $("nav.timeline a")
      .toArray()
      .map((bar) => {
        const named = $(bar).clone();
        named.find("[aria-hidden]").remove();
        return named.text();
      });
    expect(bars).toEqual([
      // 2015 has none: an empty period is not a link.
      "2014: 2 tweets",
      "2016: 2 tweets",
      "2017: 5 tweets",
      "2018: 6 tweets",
      "2019: 7 tweets",
      "2020: 15 tweets",
      "2021: 13 tweets",
      "2022: 20 tweets",
    ]);
  });

  test("gives each tweet its own page with canonical URL, Open Graph and card meta, and neighbours", async () => {
    expect(await readdir(path.join(site, "t"))).toHaveLength(70);
    const $ = await html("t/2022-12-06-how-long-until/index.html");
    expect($("link[rel=canonical]").attr("href")).toBe(
      "https://example.org/tweets/t/2022-12-06-how-long-until/",
    );
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");
    expect(meta("og:type")).toBe("article");
    expect(meta("og:title")).toBe("“How long until we measure wealth inequality…” (@karpathy)");
    expect($("head > title").text().length).toBeLessThanOrEqual(70);
    expect(meta("og:description")).toBe("How long until we measure wealth inequality in FLOPS");
    expect(meta("twitter:card")).toBe("summary_large_image");
    expect($("article.tweet .tweet-text").text()).toBe(
      "How long until we measure wealth inequality in FLOPS",
    );
    expect($('a[rel="prev"]').attr("href")).toBe("/tweets/t/2022-12-03-plan-is-to/");
    expect($('a[rel="next"]').attr("href")).toBe("/tweets/t/2022-12-05-potentially-nitpicky-but/");
    expect(
      $("a")
        .filter((_, a) => $(a).text() === "Back to the wall")
        .attr("href"),
    ).toBe("/tweets/#tweet-2022-12-06-how-long-until");
  });

  test("tweet pages and wall pages are valid HTML", async () => {
    // Eleventy's <base> transform re-serialises boolean attributes as hidden="": valid HTML, other style.
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "attribute-boolean-style": "off", "attribute-empty-style": "off" },
    });
    for (const file of ["page/7/index.html", "t/2022-12-06-how-long-until/index.html"]) {
      const report = await validator.validateString(await read(file), file);
      expect(
        report.results.flatMap((result) =>
          result.messages.map((m) => `${file} ${m.line}:${m.column} ${m.message}`),
        ),
      ).toEqual([]);
    }
  });

  test("ships _headers with the page's CSP, frame-ancestors and cache rules for hosts that read it", async () => {
    const headers = await read("_headers");
    const $ = await html("index.html");
    const csp = $('meta[http-equiv="Content-Security-Policy"]').attr("content");
    expect(headers).toContain(`Content-Security-Policy: ${csp}; frame-ancestors 'none'`);
    expect(headers).toContain("/media/*\n  Cache-Control: public, max-age=31536000, immutable");
  });

  test("indexes every tweet for search, across all pages", async () => {
    const index = JSON.parse(await read("search-index.json"));
    expect(index.tweets).toHaveLength(70);
    expect(index.tweets[69][0]).toMatch(/^\/tweets\/page\/7\/#tweet-2014-10-04-/);
    expect(index.authors[index.tweets[69][3]]).toEqual(["karpathy", "Andrej Karpathy"]);
  });
});

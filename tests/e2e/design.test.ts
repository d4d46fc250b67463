import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { sha256Source } from "../../src/site/csp.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";

/**
 * The wall's design as built: cards as h-entries, the one author named once in the header, an
 * <h1> and "Page N of M" navigation above and below the cards on every page, even rows, the
 * curator's accent and list layout. The seed wall in pages of 10, the rich wall, and the seed
 * with an accent and one column.
 */
describe("the design of the built wall", () => {
  let seed: string;
  let rich: string;
  let themed: string;
  const html = async (site: string, file: string) =>
    cheerio.load(await readFile(path.join(site, file), "utf8"));

  beforeAll(async () => {
    const dir = await tempDir("tweetwall-design-");
    const seedSite = JSON.parse(await readFile(path.join(REPO_ROOT, "data/site.json"), "utf8"));
    const pagedFile = path.join(dir, "paged.json");
    const themedFile = path.join(dir, "themed.json");
    await writeFile(pagedFile, JSON.stringify({ ...seedSite, pageSize: 10 }));
    await writeFile(themedFile, JSON.stringify({ ...seedSite, accent: "#ffad1f", layout: "list" }));
    const fixture = path.join(REPO_ROOT, "tests/fixtures/rich-wall");
    [seed, rich, themed] = ["seed", "rich", "themed"].map((name) => path.join(dir, name)) as [
      string,
      string,
      string,
    ];
    const runs = await Promise.all([
      runCli(["build", "--output", seed], { SITE_FILE: pagedFile }),
      runCli(["build", "--output", rich], {
        TWEETS_FILE: path.join(fixture, "tweets.json"),
        SITE_FILE: path.join(fixture, "site.json"),
      }),
      runCli(["build", "--output", themed], { SITE_FILE: themedFile }),
    ]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
  });

  test("every card is an h-entry: its author an h-card, its words, its date, its address", async () => {
    const $ = await html(seed, "index.html");
    const cards = $("#wall > article.tweet");
    expect(cards).toHaveLength(10);
    cards.each((_, card) => {
      const entry = $(card);
      expect(entry.hasClass("h-entry")).toBe(true);
      expect(entry.find(".p-author.h-card .p-name").text()).toBe("Andrej Karpathy");
      expect(entry.find(".e-content").length).toBe(1);
      expect(entry.find("time.dt-published").attr("datetime")).toMatch(/^\d{4}-\d\d-\d\d/);
      expect(entry.find("a.u-url").attr("href")).toMatch(/^\/t\/[^/]+\/$/);
    });
    const page = await html(seed, "t/2022-12-03-plan-is-to/index.html");
    expect(page("article.h-entry .e-content").text()).toContain("Andromeda");
    expect(page("article.h-entry .dt-published").attr("datetime")).toBe("2022-12-03");
  });

  test("a one-author wall names its author once in the header, and in each card for screen readers only", async () => {
    const $ = await html(seed, "index.html");
    expect($(".site-header .site-author.h-card a").attr("href")).toBe("https://x.com/karpathy");
    expect($(".site-header .site-author").text()).toBe("Andrej Karpathy @karpathy");
    expect($("#wall header")).toHaveLength(0);
    expect($("#wall article > footer > .p-author.visually-hidden")).toHaveLength(10);
    expect($("#wall .p-author a")).toHaveLength(0);
    // A tweet page has no wall header: its card shows the author.
    const page = await html(seed, "t/2022-12-03-plan-is-to/index.html");
    expect(page("header.tweet-author").hasClass("visually-hidden")).toBe(false);
  });

  test("a wall of several authors shows each card's author and no author in the header", async () => {
    const $ = await html(rich, "index.html");
    expect($(".site-author")).toHaveLength(0);
    expect($("#wall .p-author.visually-hidden")).toHaveLength(0);
    expect($("#wall .tweet-source").first().text()).toBe("View on X");
  });

  test("every wall page has an <h1>, and pages of a paged wall a navigation above and below saying Page N of M", async () => {
    const pages = [
      "index.html",
      ...(await readdir(path.join(seed, "page"))).map((n) => `page/${n}/index.html`),
    ];
    expect(pages).toHaveLength(7);
    for (const file of pages) {
      const $ = await html(seed, file);
      const number = file === "index.html" ? 1 : Number(file.split("/")[1]);
      expect($("h1"), file).toHaveLength(1);
      const navs = $("nav.page-nav");
      expect(navs, file).toHaveLength(2);
      expect(navs.first().next().is("#wall"), `${file}: the first nav is just above the cards`).toBe(true);
      expect(navs.last().prev().is("#wall"), `${file}: the last nav is just below them`).toBe(true);
      navs.each((_, nav) => {
        expect($(nav).find(".page-steps > span").text()).toBe(`Page ${number} of 7`);
        expect($(nav).find('a[rel="prev"]').text()).toBe(number > 1 ? "← Newer page" : "");
        expect($(nav).find('a[rel="next"]').text()).toBe(number < 7 ? "Older page →" : "");
      });
      expect(new Set(navs.map((_, nav) => $(nav).attr("aria-label")).get()).size).toBe(2);
      if (number > 1) {
        expect($("h1").text()).toBe(`fave tweets wall Page ${number} of 7`);
        expect($("head > title").text()).toContain(`page ${number} of 7`);
      }
    }
  });

  test("a tweet page names its neighbours by date where the wall's order agrees: the one before is newer", async () => {
    const $ = await html(seed, "t/2022-11-18-if-previous-neural/index.html");
    expect($("h1")).toHaveLength(1);
    expect($('a[rel="prev"]').attr("href")).toBe("/t/2022-12-05-potentially-nitpicky-but/");
    expect($('a[rel="prev"] > span').first().text()).toBe("← Newer");
    expect($('a[rel="next"] > span').first().text()).toBe("Older →");
    // The seed's second tweet (December 6) follows its first (December 3): not "newer" by date.
    const moved = await html(seed, "t/2022-12-06-how-long-until/index.html");
    expect(moved('a[rel="prev"] > span').first().text()).toBe("← Previous");
  });

  test("the timeline links only the periods that have tweets, each with its count", async () => {
    const $ = await html(seed, "index.html");
    const bars = $("nav.timeline li");
    expect(bars.length).toBeGreaterThan(1);
    const empty = bars.filter((_, bar) => $(bar).find("span[aria-hidden]").first().text() === "0");
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.find("a")).toHaveLength(0);
    // Named by what it shows, the count said in words after it (aria-hidden parts are not read).
    const link = $("nav.timeline a").first().clone();
    link.find("[aria-hidden]").remove();
    expect(link.text()).toBe("2014: 2 tweets");
    expect(empty.first().text()).toBe("02015: 0 tweets");
  });

  test("the stylesheet keeps rows even: cards stretch, their footer at the bottom", async () => {
    const css = (await html(seed, "index.html"))("style").text();
    const rule = (selector: string) =>
      css.match(new RegExp(`(?:^|})${selector.replace(/[.]/g, "\\.")}\\{([^}]*)`))?.[1];
    expect(rule(".wall")).not.toContain("align-items");
    expect(rule(".tweet")).toContain("display:flex");
    expect(rule(".tweet")).toContain("flex-direction:column");
    expect(rule(".tweet-meta")).toContain("margin-top:auto");
  });

  test("an accent becomes the link colour, allowed by the page's policy and the host's; list is one column", async () => {
    const $ = await html(themed, "index.html");
    const css = $("style").text();
    expect(css).toMatch(
      /:root\{--link:#[0-9a-f]{6}\}@media\(prefers-color-scheme:dark\)\{:root\{--link:#[0-9a-f]{6}\}\}$/,
    );
    const hash = sha256Source(css);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain(hash);
    expect(await readFile(path.join(themed, "_headers"), "utf8")).toContain(hash);
    expect($("#wall").hasClass("wall-list")).toBe(true);
    expect((await html(seed, "index.html"))("#wall").hasClass("wall-list")).toBe(false);
  });
});

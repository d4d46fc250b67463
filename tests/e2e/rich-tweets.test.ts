import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";

/*
 * The rich wall (tests/fixtures/rich-wall: photos, a video, a GIF, a quote, replies, link cards,
 * avatars, an unknown author, hostile text in every field) built by the real CLI and read back
 * as a browser would get it.
 */

const FIXTURE = path.join(REPO_ROOT, "tests/fixtures/rich-wall");
const HOSTILE_TEXT = `<script>alert("text")</script> & "quotes" javascript:alert(1)`;

let site: string;
let html: string;
let $: cheerio.CheerioAPI;

/** The card of the tweet whose status id ends with `ending`, or whose anchor is `anchor`. */
const card = (id: string) => $(`article#tweet-${id}`);
const byStatus = (n: number) => card(`10000000000000000${String(n).padStart(2, "0")}`);

/** The file a site link names, inside the built site. */
const fileOf = (link: string) =>
  path.join(site, decodeURIComponent(new URL(link, "https://self.invalid").pathname));

beforeAll(async () => {
  const dir = await tempDir("tweetwall-rich-");
  site = path.join(dir, "_site");
  const run = await runCli(["build", "--output", site], {
    TWEETS_FILE: path.join(FIXTURE, "tweets.json"),
    SITE_FILE: path.join(FIXTURE, "site.json"),
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  html = await readFile(path.join(site, "index.html"), "utf8");
  $ = cheerio.load(html);
});

describe("photos", () => {
  test.each([
    ["1000000000000000001", 1, ["Blue hills under a pale sun"]],
    ["1000000000000000002", 2, ["An orange valley at dusk", "A green valley at noon"]],
    ["2024-04-20-three-from-the", 3, ["A tall purple mountain", "Pink hills", "Yellow fields"]],
    [
      "1000000000000000004",
      4,
      ["Winter: red hills", "Spring: green hills", "Summer: teal hills", "Autumn: violet hills"],
    ],
  ])("tweet %s shows %i in X's grid for that many, each with its alt text", (id, count, alts) => {
    const media = card(id).find(".tweet-media");
    expect(media).toHaveLength(1);
    expect(media.attr("class")).toBe(`tweet-media media-${count}`);
    const images = media.find("a.media-item > picture > img");
    expect(images.map((_, img) => $(img).attr("alt")).get()).toEqual(alts);
  });

  test("each photo is responsive, sized, lazy but for the first card's, and links to its full-size file in the site", () => {
    const photos = $(".tweet-media a.media-item");
    expect(photos.length).toBeGreaterThanOrEqual(11);
    // The first card is in the first screen: its photo is the largest paint, and loads at once.
    expect($("article.tweet").first().find(".tweet-media img").attr("loading")).toBeUndefined();
    photos.each((index, link) => {
      const img = $(link).find("img");
      if (index > 0) expect(img.attr("loading")).toBe("lazy");
      expect(img.attr("decoding")).toBe("async");
      expect(Number(img.attr("width"))).toBeGreaterThan(0);
      expect(Number(img.attr("height"))).toBeGreaterThan(0);
      expect(
        $(link)
          .find("source")
          .map((_, source) => $(source).attr("type"))
          .get(),
      ).toEqual(["image/avif", "image/webp"]);
      expect(existsSync(fileOf($(link).attr("href")!)), $(link).attr("href")).toBe(true);
      expect(existsSync(fileOf(img.attr("src")!))).toBe(true);
    });
    // The largest file, at the photo's own size: 1200 × 800.
    expect(byStatus(1).find("a.media-item").attr("href")).toMatch(/^\/media\/[\w-]+-1200\.jpeg$/);
    expect(byStatus(1).find("img").last().attr("width")).toBe("1200");
  });

  test("a pic.twitter.com link whose photo the wall shows leaves the text, everywhere", async () => {
    expect(byStatus(1).find(".tweet-text").text()).toBe("Sunrise over the hills this morning, no filter.");
    expect(html).not.toContain("pic.twitter.com");
    const page = await readFile(path.join(site, "t/1000000000000000001/index.html"), "utf8");
    expect(page).not.toContain("pic.twitter.com");
    expect(cheerio.load(page)("title").text()).toBe("“Sunrise over the hills this morning, no…” (@ada)");
    for (const feed of ["feed.xml", "feed.json", "search-index.json"])
      expect(await readFile(path.join(site, feed), "utf8")).not.toContain("pic.twitter.com");
  });
});

describe("videos and GIFs", () => {
  test("a video has the browser's controls, its poster, its size, and never plays by itself", async () => {
    const video = byStatus(5).find(".tweet-media.media-1 video");
    expect(video).toHaveLength(1);
    const attributes = video.get(0)!.attribs;
    expect(Object.keys(attributes).sort()).toEqual(
      ["aria-label", "controls", "height", "playsinline", "poster", "preload", "width"].sort(),
    );
    expect(attributes).toMatchObject({
      preload: "none",
      width: "320",
      height: "180",
      "aria-label": "A white square slides across a blue screen",
    });
    expect(existsSync(fileOf(attributes.poster!))).toBe(true);
    const source = video.find("source");
    expect(source.attr("type")).toBe("video/mp4");
    expect(source.attr("src")).toMatch(/^\/media\/video-[\w-]{10}\.mp4$/);
    expect(await readFile(fileOf(source.attr("src")!))).toEqual(
      await readFile(path.join(FIXTURE, "media/video.mp4")),
    );
    expect(byStatus(5).find(".gif-badge")).toHaveLength(0);
  });

  test("a GIF is a muted, looping video with controls until the script sees motion is allowed, and a badge", () => {
    const video = byStatus(6).find("video");
    expect(video.attr("class")).toBe("tweet-gif");
    for (const name of ["muted", "loop", "controls", "playsinline"])
      expect(video.is(`[${name}]`), name).toBe(true);
    expect(video.attr("autoplay")).toBeUndefined();
    expect(video.attr("preload")).toBe("none");
    expect(video.attr("aria-label")).toBe("GIF: A square dancing");
    expect(existsSync(fileOf(video.find("source").attr("src")!))).toBe(true);
    expect(byStatus(6).find(".media-item .gif-badge").text()).toBe("GIF");
  });

  test("no page autoplays anything", () => {
    expect($("[autoplay]")).toHaveLength(0);
  });
});

describe("quotes, replies and link cards", () => {
  test("the quoted tweet is a card inside the card: author, date linking to it, text, media and card", () => {
    const quote = byStatus(7).find("blockquote.tweet-quote");
    expect(quote).toHaveLength(1);
    expect(quote.attr("cite")).toBe("https://x.com/ada/status/1000000000000000070");
    expect(quote.find(".quote-author img.avatar").attr("alt")).toBe("");
    expect(quote.find(".tweet-name").text()).toBe("Ada Lovelace");
    expect(quote.find(".tweet-handle").attr("href")).toBe("https://x.com/ada");
    const source = quote.find("a.quote-source");
    expect(source.attr("href")).toBe("https://x.com/ada/status/1000000000000000070");
    expect(source.find("time").attr("datetime")).toBe("2024-03-20");
    expect(source.text()).toBe("March 20, 2024: the quoted tweet, the original on X");
    // Its link ends the text and is the card's: shown once, as the card, as on X.
    expect(quote.find(".quote-text").text()).toBe("Notes from the workshop, with the slides linked below.");
    expect(quote.find(".tweet-media.media-1 img").attr("alt")).toBe("The workshop room at sunset");
    expect(quote.find("a.tweet-card").attr("href")).toBe("https://example.com/slides");
    expect(quote.find(".card-title").text()).toBe("Workshop slides");
    // The quoting tweet's own text and date are its own.
    expect(byStatus(7).children(".tweet-text").text()).toMatch(/^This is the best thread/);
    expect(byStatus(7).find("footer time").attr("datetime")).toBe("2024-03-21");
  });

  test("a reply says whom it answers, linking the tweet replied to, and quotes its words above the text", () => {
    const reply = byStatus(8).find("figure.tweet-reply");
    expect(reply.find("figcaption").text()).toBe("Replying to @ada’s tweet");
    expect(reply.find("figcaption a").attr("href")).toBe("https://x.com/ada/status/1000000000000000080");
    expect(reply.find("blockquote").text()).toBe(
      "Two things matter: the light,\nand the time you wait for it.",
    );
    expect(reply.next().is(".tweet-text")).toBe(true);
  });

  test("a reply without the words replied to links the profile", () => {
    const reply = byStatus(9).find(".tweet-reply");
    expect(reply.is("p")).toBe(true);
    expect(reply.text()).toBe("Replying to @grace");
    expect(reply.find("a").attr("href")).toBe("https://x.com/grace");
  });

  test("a link card is one link: its image on top (decorative), the domain, title and description", () => {
    const withImage = card("2024-03-10-wrote-up-how").find("a.tweet-card");
    expect(withImage.attr("href")).toBe("https://example.org/posts/how-the-wall-is-built");
    expect(withImage.find("img").attr("alt")).toBe("");
    expect(withImage.find("img").attr("width")).toBe("1200");
    expect(withImage.find(".card-domain").text()).toBe("example.org");
    expect(withImage.find(".card-title").text()).toBe("How the wall is built");
    expect(withImage.find(".card-description").text()).toBe(
      "Eleventy, a frozen view, and one card mechanism.",
    );
    const withoutImage = byStatus(11).find("a.tweet-card");
    expect(withoutImage.find("img")).toHaveLength(0);
    // No domain given: the link's host, without www.
    expect(withoutImage.find(".card-domain").text()).toBe("w3.org");
  });

  test("the schema refuses a link card to anything but http(s), at its field", async () => {
    const dir = await tempDir("tweetwall-rich-card-");
    const tweets = path.join(dir, "tweets.json");
    await writeFile(
      tweets,
      JSON.stringify([{ text: "x", date: "2024-01-01", card: { url: "javascript:alert(1)", title: "t" } }]),
    );
    const run = await runCli(["check"], { TWEETS_FILE: tweets, SITE_FILE: path.join(FIXTURE, "site.json") });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `tweet 1, field "card.url": expected the card's link: an absolute http:// or https:// URL`,
    );
  });
});

describe("authors", () => {
  test("each known author shows a round 48-pixel avatar, without alt text beside the name", () => {
    const avatars = $("article.tweet > header.tweet-author.with-avatar img.avatar");
    expect(avatars).toHaveLength($("article.tweet").length - 1);
    avatars.each((_, img) => {
      expect(img.attribs).toMatchObject({ alt: "", width: "48", height: "48", loading: "lazy" });
      expect(existsSync(fileOf(img.attribs.src!))).toBe(true);
    });
    // The site's author, on the tweets that name no author.
    expect(card("2024-04-20-three-from-the").find(".tweet-name").text()).toBe("Site Author");
  });

  test("an unknown author is said to be unknown, links to no profile and is never @undefined", async () => {
    const unknown = byStatus(12);
    expect(unknown.find("header").text()).toBe("Unknown author");
    expect(unknown.find("header a, header img")).toHaveLength(0);
    expect(unknown.find(".tweet-source").attr("href")).toBe("https://x.com/i/status/1000000000000000012");
    expect(unknown.find(".tweet-source .visually-hidden").text()).toBe("View on X");
    const page = cheerio.load(await readFile(path.join(site, "t/1000000000000000012/index.html"), "utf8"));
    expect(page("title").text()).toBe("“A liked tweet whose author was never fetched.” (unknown author)");
    const files = (await readdir(site, { recursive: true })).filter((file) =>
      /\.(html|xml|json)$/.test(file),
    );
    for (const file of files) {
      const text = await readFile(path.join(site, file), "utf8");
      expect(text, file).not.toMatch(/@undefined|x\.com\/undefined|>undefined</);
    }
    const index = JSON.parse(await readFile(path.join(site, "search-index.json"), "utf8"));
    expect(index.authors).toContainEqual(["", "Unknown author"]);
  });
});

describe("safety", () => {
  test("hostile text in every new field stays text, escaped exactly once", () => {
    const hostile = byStatus(13);
    expect(hostile.children(".tweet-text").text()).toBe(HOSTILE_TEXT);
    expect(hostile.find("> header .tweet-name").text()).toBe(`<b>Grace</b> "&" Hopper`);
    expect(hostile.find(".tweet-reply blockquote").text()).toBe(`<script>alert("parent")</script> & friends`);
    expect(hostile.find(".tweet-media img").attr("alt")).toBe(`<script>alert("alt")</script> "&"`);
    expect(hostile.find(".tweet-card").attr("href")).toBe(`https://example.com/?q=<script>&a="b"`);
    expect(hostile.find(".card-title").text()).toBe(`<script>alert("title")</script>`);
    expect(hostile.find(".card-description").text()).toBe("<img src=x onerror=alert(1)> & more");
    expect(hostile.find(".card-domain").text()).toBe("<i>example.com</i>");
    expect(hostile.find(".tweet-quote .tweet-name").text()).toBe(`<script>alert("name")</script>`);
    expect(hostile.find(".quote-text").text()).toBe(`<script>alert("quote")</script> & "more"`);
    expect($("article script, article b, article i, article [onerror]")).toHaveLength(0);
    expect(html).toContain("&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;");
    expect(html).not.toMatch(/&amp;(lt|gt|quot|amp|#39);/);
  });

  test("every picture, poster and video comes from the site itself", () => {
    const addresses = [
      ...$("img[src], video[poster], video source[src], a.media-item")
        .map((_, element) => [element.attribs.src ?? element.attribs.poster ?? element.attribs.href!])
        .get(),
      ...$("source[srcset]")
        .map((_, source) => source.attribs.srcset!.split(", ").map((candidate) => candidate.split(" ")[0]!))
        .get(),
    ];
    expect(addresses.length).toBeGreaterThan(50);
    for (const address of addresses) expect(address).toMatch(/^\/media\/[\w-]+\.(avif|webp|jpeg|mp4)$/);
  });

  test("the Content-Security-Policy allows the site's own images and videos, and nothing more", async () => {
    const policy = $('meta[http-equiv="Content-Security-Policy"]').attr("content")!;
    const directives = new Map(policy.split("; ").map((part) => [part.split(" ")[0], part]));
    expect(directives.get("img-src")).toBe("img-src 'self'");
    expect(directives.get("media-src")).toBe("media-src 'self'");
    expect(directives.get("default-src")).toBe("default-src 'none'");
    const headers = await readFile(path.join(site, "_headers"), "utf8");
    expect(headers).toContain(`Content-Security-Policy: ${policy}; frame-ancestors 'none'`);
  });

  test("the wall and a tweet page are valid HTML", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const file of ["index.html", "t/1000000000000000007/index.html"]) {
      const report = await validator.validateString(await readFile(path.join(site, file), "utf8"), file);
      const messages = report.results.flatMap((result) =>
        result.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });
});

describe("the tweet's own page and the feeds", () => {
  test("a tweet page shows the same card as the wall", async () => {
    const page = cheerio.load(await readFile(path.join(site, "t/1000000000000000007/index.html"), "utf8"));
    expect(page("article.tweet").prop("outerHTML")).toBe(byStatus(7).prop("outerHTML"));
  });

  test("the feeds carry the photos at absolute addresses, the videos as posters, quotes and cards", async () => {
    const atom = await readFile(path.join(site, "feed.xml"), "utf8");
    const contents: string[] = [];
    let inContent = false;
    const parser = new SaxesParser({ xmlns: true });
    parser.on("error", (error) => {
      throw error;
    });
    parser.on("opentag", (tag) => {
      if (tag.local === "content") ((inContent = true), contents.push(""));
    });
    parser.on("text", (text) => {
      if (inContent) contents[contents.length - 1] += text;
    });
    parser.on("closetag", (tag) => {
      if (tag.local === "content") inContent = false;
    });
    parser.write(atom).close();
    expect(contents).toHaveLength(13);
    const first = cheerio.load(contents[0]!);
    expect(first("p").first().text()).toBe("Sunrise over the hills this morning, no filter.");
    expect(first("img").attr("src")).toMatch(/^https:\/\/example\.org\/media\/[\w-]+-800\.jpeg$/);
    expect(first("img").attr("alt")).toBe("Blue hills under a pale sun");
    const video = cheerio.load(contents[4]!);
    expect(video("a").last().attr("href")).toMatch(/^https:\/\/example\.org\/media\/video-[\w-]+\.mp4$/);
    expect(video("a img").attr("alt")).toBe("Video: A white square slides across a blue screen");
    const quote = cheerio.load(contents[6]!);
    expect(quote("blockquote a").first().text()).toBe("Ada Lovelace (@ada)");
    expect(quote("blockquote").text()).toContain("Notes from the workshop");
    expect(quote('a[href="https://example.com/slides"]').last().text()).toBe("Workshop slides");
    const json = JSON.parse(await readFile(path.join(site, "feed.json"), "utf8"));
    const unknown = json.items.find((item: { url: string }) => item.url.endsWith("/t/1000000000000000012/"));
    expect(unknown.authors).toEqual([{ name: "Unknown author" }]);
    expect(atom).toContain("<author><name>Unknown author</name></author>");
  });
});

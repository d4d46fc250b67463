import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT, runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";
import { startXServer, statusUrlOf, X_TWEETS, type XServer } from "../support/x-server.ts";

/*
 * The whole way: tweets added by their URL from a stand-in for X, then the wall built with every
 * way onto the network refused. Each piece X gave must be on the page, served from the site.
 */

const NO_NETWORK = path.join(REPO_ROOT, "tests/support/no-network.mjs");
const ADDED = [
  X_TWEETS.photo,
  X_TWEETS.fourPhotos,
  X_TWEETS.video,
  X_TWEETS.gif,
  X_TWEETS.quote,
  X_TWEETS.reply,
  X_TWEETS.card,
];

let dir: string;
let server: XServer;
let $: cheerio.CheerioAPI;
let site: string;
let networkLog: string;
let offline: Record<string, string>;

const card = (id: string) => $(`article#tweet-${id}`);
const fileOf = (link: string) =>
  path.join(site, decodeURIComponent(new URL(link, "https://self.invalid").pathname));

beforeAll(async () => {
  dir = await tempDir("tweetwall-whole-");
  const tweetsFile = path.join(dir, "data", "tweets.json");
  const siteFile = path.join(dir, "data", "site.json");
  await mkdir(path.dirname(tweetsFile), { recursive: true });
  await writeFile(
    siteFile,
    JSON.stringify({ title: "Fetched", author: { name: "Curator", handle: "curator" } }),
  );
  server = await startXServer();
  const files = { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile };
  const added = await runCli(["add", ...ADDED.map(statusUrlOf)], {
    ...server.env,
    ...files,
    TWEETWALL_TIMEOUT_MS: "400",
    TWEETWALL_BACKOFF_MS: "20",
  });
  expect(added.stderr).toBe("");
  expect(added.status).toBe(0);
  await server.close();

  networkLog = path.join(dir, "network.log");
  offline = {
    ...files,
    NODE_OPTIONS: `--import=${NO_NETWORK}`,
    TWEETWALL_NETWORK_LOG: networkLog,
    // Were the build to fetch, it would go to X itself: refused above, and written down.
    TWEETWALL_SYNDICATION_URL: "",
    TWEETWALL_MEDIA_URL: "",
  };
  site = path.join(dir, "_site");
  const built = await runCli(["build", "--output", site], offline);
  expect(built.stderr).toBe("");
  expect(built.status).toBe(0);
  $ = cheerio.load(await readFile(path.join(site, "index.html"), "utf8"));
});

afterAll(() => server?.close());

describe("tweets added by URL, built offline", () => {
  test("the build made no network request, while the same refusal stops a fetch", async () => {
    expect(existsSync(networkLog)).toBe(false);
    const refused = await runCli(["add", statusUrlOf(X_TWEETS.photo)], {
      ...offline,
      TWEETS_FILE: path.join(dir, "other.json"),
      TWEETWALL_BACKOFF_MS: "1",
    });
    expect(refused.status).toBe(1);
    expect(await readFile(networkLog, "utf8")).toMatch(/^fetch https:\/\/cdn\.syndication\.twimg\.com\//);
  });

  test("every picture, video and poster on the page is the site's own file", () => {
    const links = $("img[src], source[srcset], source[src], video[poster], a.media-item[href]")
      .map((_, element) => {
        const { src, srcset, poster, href } = element.attribs;
        return [src, poster, href, ...(srcset ?? "").split(",").map((entry) => entry.trim().split(" ")[0])];
      })
      .get()
      .filter((link): link is string => Boolean(link));
    expect(links.length).toBeGreaterThan(30);
    for (const link of links) {
      expect(link, link).toMatch(/^\/media\//);
      expect(existsSync(fileOf(link)), link).toBe(true);
    }
  });

  test("each tweet shows what X gave: photos, video, GIF, quote, reply, card and avatars", () => {
    expect(card(X_TWEETS.photo).find(".tweet-media.media-1 img")).toHaveLength(1);
    expect(card(X_TWEETS.fourPhotos).find(".tweet-media.media-4 img")).toHaveLength(4);
    const video = card(X_TWEETS.video).find("video");
    expect(video.is("[controls][poster]")).toBe(true);
    expect(video.find("source").attr("type")).toBe("video/mp4");
    expect(card(X_TWEETS.gif).find("video.tweet-gif[loop][muted]")).toHaveLength(1);
    const quote = card(X_TWEETS.quote).find("blockquote.tweet-quote");
    expect(quote.find(".quote-text").text().length).toBeGreaterThan(0);
    expect(quote.find(".tweet-media img").length).toBeGreaterThan(0);
    expect(card(X_TWEETS.reply).find(".tweet-reply").text()).toMatch(/Replying to @\w+/);
    const linkCard = card(X_TWEETS.card).find("a.tweet-card");
    expect(linkCard.attr("href")).toMatch(/^https:\/\//);
    expect(linkCard.find(".card-title").text().length).toBeGreaterThan(0);
    for (const id of ADDED) expect(card(id).find(".tweet-author img.avatar"), id).toHaveLength(1);
  });

  test("no t.co link is left in a fetched tweet's words", () => {
    for (const id of ADDED) expect(card(id).find(".tweet-text").text(), id).not.toMatch(/t\.co\//);
  });
});

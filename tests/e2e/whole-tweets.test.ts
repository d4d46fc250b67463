import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../support/cli.ts";
import { buildFetchedWall, FETCHED, type FetchedWall } from "../support/fetched-wall.ts";
import { statusUrlOf, X_TWEETS } from "../support/x-server.ts";

/*
 * The whole way: tweets added by their URL from a stand-in for X, then the wall built with every
 * way onto the network refused. Each piece X gave must be on the page, served from the site.
 */

let wall: FetchedWall;
let $: cheerio.CheerioAPI;

const card = (id: string) => $(`article#tweet-${id}`);
const fileOf = (link: string) =>
  path.join(wall.site, decodeURIComponent(new URL(link, "https://self.invalid").pathname));

beforeAll(async () => {
  wall = await buildFetchedWall();
  $ = cheerio.load(await readFile(path.join(wall.site, "index.html"), "utf8"));
});

describe("tweets added by URL, built offline", () => {
  test("the build made no network request, while the same refusal stops a fetch", async () => {
    expect(existsSync(wall.networkLog)).toBe(false);
    const refused = await runCli(["add", statusUrlOf(X_TWEETS.photo)], {
      ...wall.offline,
      TWEETS_FILE: path.join(wall.dir, "other.json"),
      TWEETWALL_BACKOFF_MS: "1",
    });
    expect(refused.status).toBe(1);
    expect(await readFile(wall.networkLog, "utf8")).toMatch(
      /^fetch https:\/\/cdn\.syndication\.twimg\.com\//,
    );
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
    for (const id of FETCHED) expect(card(id).find(".tweet-author img.avatar"), id).toHaveLength(1);
  });

  test("no t.co link is left in a fetched tweet's words", () => {
    for (const id of FETCHED) expect(card(id).find(".tweet-text").text(), id).not.toMatch(/t\.co\//);
  });
});

import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { cardsPlaceholder, tweetCard, tweetCards, withCards } from "../../../src/site/cards.ts";
import { normalizeWall } from "../../../src/view/wall.ts";
import { siteSchema } from "../../../src/curator/schema.ts";

const HOSTILE = `"><script>alert('x')</script><img src=x onerror=alert(1)> & {{ 7*7 }}`;

const site = siteSchema.parse({ title: "T", author: { name: "A", handle: "a" } });

function wallOf(tweets: Parameters<typeof normalizeWall>[1]) {
  return normalizeWall(site, tweets).tweets;
}

describe("tweetCard", () => {
  test("escapes every value it is given, so hostile text stays text in every field", () => {
    const [tweet] = wallOf([
      {
        text: HOSTILE,
        date: "2022-12-03",
        url: 'https://example.com/a"b&c=<d>',
        author: { name: HOSTILE, handle: "x_y" },
      },
    ]);
    const $ = cheerio.load(tweetCard(tweet!));
    expect($("script, img, [onerror]")).toHaveLength(0);
    expect($("article.tweet")).toHaveLength(1);
    expect($(".tweet-name").text()).toBe(HOSTILE);
    expect($(".tweet-text").text()).toBe(HOSTILE);
    expect($(".tweet-handle").attr("href")).toBe("https://x.com/x_y");
    expect($(".tweet-source").attr("href")).toBe('https://example.com/a"b&c=<d>');
    expect($(".tweet-source .visually-hidden").text()).toBe(": the original on X");
    expect($("time").attr("datetime")).toBe("2022-12-03");
    expect($(".tweet-permalink").attr("href")).toBe(tweet!.permalink);
    expect($("article").attr("id")).toBe(tweet!.anchor);
  });

  test("shows each image with its responsive sources, size, alt text and lazy loading", () => {
    const [tweet] = wallOf([{ text: "photo", date: "2022-12-03" }]);
    tweet!.media = [
      {
        src: "media/a.jpg",
        alt: `a "quoted" <alt>`,
        width: 1200,
        height: 800,
        sources: [{ type: "image/avif", srcset: "/media/a-400.avif 400w, /media/a-800.avif 800w" }],
        fallback: { src: "/media/a-1200.jpeg", width: 1200, height: 800 },
      },
    ];
    const $ = cheerio.load(tweetCard(tweet!));
    expect($("picture source").attr("srcset")).toBe("/media/a-400.avif 400w, /media/a-800.avif 800w");
    expect({ ...$("picture img").get(0)!.attribs }).toMatchObject({
      src: "/media/a-1200.jpeg",
      alt: `a "quoted" <alt>`,
      width: "1200",
      height: "800",
      loading: "lazy",
    });
  });

  test("refuses an image that was never given its responsive sources", () => {
    const [tweet] = wallOf([{ text: "photo", date: "2022-12-03" }]);
    tweet!.media = [{ src: "media/a.jpg", alt: "a", width: 1, height: 1 }];
    expect(() => tweetCard(tweet!)).toThrow("media/a.jpg reached the page without its responsive sources");
  });
});

describe("tweetCards", () => {
  test("gives one card per tweet, in order", () => {
    const tweets = wallOf(["one", "two", "three"].map((text) => ({ text, date: "2022-12-03" })));
    const $ = cheerio.load(tweetCards(tweets));
    expect(
      $("article .tweet-text")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["one", "two", "three"]);
  });
});

describe("withCards", () => {
  const wall = () =>
    normalizeWall(
      siteSchema.parse({ title: "T", author: { name: "A", handle: "a" }, pageSize: 10 }),
      Array.from({ length: 15 }, (_, index) => ({
        // A tweet that quotes the placeholder shows it as text; it is never replaced.
        text: index === 12 ? `look: ${cardsPlaceholder(1)}` : `tweet ${index + 1}`,
        date: "2022-12-03",
      })),
    );

  test("puts a wall page's cards where its placeholder stands, and only there", () => {
    const { pages } = wall();
    const html = withCards(`<div id="wall">\n  ${cardsPlaceholder(2)}</div><p>after</p>`, pages);
    const $ = cheerio.load(html);
    expect(
      $("#wall > article .tweet-text")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["tweet 11", "tweet 12", `look: ${cardsPlaceholder(1)}`, "tweet 14", "tweet 15"]);
    expect($("p").last().text()).toBe("after");
    expect(withCards(html, pages)).toBe(html);
  });

  test("leaves a page without a placeholder as it is, and refuses one for a page the wall lacks", () => {
    const { pages } = wall();
    const page = "<!doctype html><title>t</title><!-- a comment -->";
    expect(withCards(page, pages)).toBe(page);
    expect(() => withCards(cardsPlaceholder(3), pages)).toThrow("wall page 3, which the wall does not have");
    expect(() => withCards(cardsPlaceholder(1), [])).toThrow("wall page 1");
  });
});

import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { cardsMarker, tweetCard, tweetCards, withCards } from "../../../src/site/cards.ts";
import type { EncodedMedia } from "../../../src/site/images.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { siteSchema } from "../../../src/curator/schema.ts";

const HOSTILE = `"><script>alert('x')</script><img src=x onerror=alert(1)> & {{ 7*7 }}`;

const site = siteSchema.parse({ title: "T", author: { name: "A", handle: "a" } });

const NO_IMAGES: EncodedMedia = { images: new Map(), videos: new Map() };

function wallOf(tweets: Parameters<typeof buildWallView>[1]) {
  return buildWallView(site, tweets).tweets;
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
    const $ = cheerio.load(tweetCard(tweet!, NO_IMAGES));
    expect($("script, img, [onerror]")).toHaveLength(0);
    expect($("article.tweet")).toHaveLength(1);
    expect($(".tweet-name").text()).toBe(HOSTILE);
    expect($(".tweet-text").text()).toBe(HOSTILE);
    expect($(".tweet-handle").attr("href")).toBe("https://x.com/x_y");
    expect($(".tweet-source").attr("href")).toBe('https://example.com/a"b&c=<d>');
    expect($(".tweet-source .visually-hidden").text()).toBe(": the original on example.com");
    expect($("time").attr("datetime")).toBe("2022-12-03");
    expect($(".tweet-permalink").attr("href")).toBe(tweet!.permalink);
    expect($("article").attr("id")).toBe(tweet!.anchor);
  });

  test("shows each image with its responsive sources, size, alt text and lazy loading", () => {
    const [tweet] = wallOf([
      {
        text: "photo",
        date: "2022-12-03",
        media: [{ src: "media/a.jpg", alt: `a "quoted" <alt>`, width: 1200, height: 800 }],
      },
    ]);
    const images: EncodedMedia = {
      images: new Map([
        [
          "media/a.jpg",
          {
            sources: [{ type: "image/avif", srcset: "/media/a-400.avif 400w, /media/a-800.avif 800w" }],
            fallbacks: [{ src: "/media/a-1200.jpeg", width: 1200, height: 800 }],
          },
        ],
      ]),
      videos: new Map(),
    };
    const $ = cheerio.load(tweetCard(tweet!, images));
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
    const [tweet] = wallOf([
      { text: "photo", date: "2022-12-03", media: [{ src: "media/a.jpg", alt: "a", width: 1, height: 1 }] },
    ]);
    expect(() => tweetCard(tweet!, NO_IMAGES)).toThrow(
      "media/a.jpg reached the page without its responsive sources",
    );
  });
});

describe("the text's language and direction", () => {
  test("every text sets its own direction, and carries the language the curator gave", () => {
    const tweets = wallOf([
      { text: "שלום עולם", date: "2022-12-03", lang: "he" },
      { text: "no language given", date: "2022-12-03" },
    ]);
    const $ = cheerio.load(tweetCards(tweets, NO_IMAGES));
    expect(
      $(".tweet-text")
        .map((_, p) => [[$(p).attr("dir"), $(p).attr("lang")]])
        .get(),
    ).toEqual([
      ["auto", "he"],
      ["auto", undefined],
    ]);
  });
});

describe("tweetCards", () => {
  test("gives one card per tweet, in order", () => {
    const tweets = wallOf(["one", "two", "three"].map((text) => ({ text, date: "2022-12-03" })));
    const $ = cheerio.load(tweetCards(tweets, NO_IMAGES));
    expect(
      $("article .tweet-text")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["one", "two", "three"]);
  });
});

describe("withCards", () => {
  const wall = () =>
    buildWallView(
      siteSchema.parse({ title: "T", author: { name: "A", handle: "a" }, pageSize: 10 }),
      Array.from({ length: 15 }, (_, index) => ({
        // A tweet that quotes a marker shows it as text; it is never replaced.
        text: index === 12 ? "look: <!--tweetwall:cards 1-10-->" : `tweet ${index + 1}`,
        date: "2022-12-03",
      })),
    );

  test("puts a wall page's cards where its marker stands, and only there", () => {
    const { pages, tweets } = wall();
    const marker = cardsMarker(pages[1]!.tweets);
    expect(marker).toBe("<!--tweetwall:cards 11-15-->");
    const html = withCards(`<div id="wall">\n  ${marker}</div><p>after</p>`, tweets, NO_IMAGES)!;
    const $ = cheerio.load(html);
    expect(
      $("#wall > article .tweet-text")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["tweet 11", "tweet 12", "look: <!--tweetwall:cards 1-10-->", "tweet 14", "tweet 15"]);
    expect($("p").last().text()).toBe("after");
    expect(withCards(html, tweets, NO_IMAGES)).toBeUndefined();
  });

  test("a tweet page's marker names its one tweet", () => {
    const { tweets } = wall();
    const html = withCards(cardsMarker([tweets[3]!]), tweets, NO_IMAGES)!;
    expect(cheerio.load(html)("article").attr("id")).toBe(tweets[3]!.anchor);
  });

  test("leaves a page without a marker alone, and refuses one for tweets the wall lacks", () => {
    const { tweets } = wall();
    expect(withCards("<!doctype html><title>t</title><!-- a comment -->", tweets, NO_IMAGES)).toBeUndefined();
    expect(() => withCards("<!--tweetwall:cards 11-16-->", tweets, NO_IMAGES)).toThrow(
      "the cards of tweets 11 to 16, which the wall does not have",
    );
  });
});

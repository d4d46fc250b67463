import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { cardsMarker, soleAuthorOf, tweetCard, tweetCards, withCards } from "../../../src/site/cards.ts";
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
    expect($(".tweet-source .visually-hidden").text()).toBe("View the original on example.com");
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

describe("whole tweets", () => {
  /** Each image these tests name, encoded as images.ts would; each video linked at /media/<name>-hash.mp4. */
  const media: EncodedMedia = {
    images: new Map(
      ["p0", "p1", "p2", "p3", "vp", "gp", "ada", "x"].map((name) => [
        `media/${name}.jpg`,
        {
          sources: [{ type: "image/avif", srcset: `/media/${name}-400.avif 400w` }],
          fallbacks: [48, 96, 400, 800, 1200].map((width) => ({
            src: `/media/${name}-${width}.jpeg`,
            width,
            height: width / 2,
          })),
        },
      ]),
    ),
    videos: new Map([
      ["media/v.mp4", "/media/v-hash.mp4"],
      ["media/g.mp4", "/media/g-hash.mp4"],
    ]),
  };
  const photos = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      src: `media/p${index}.jpg`,
      alt: `photo ${index}`,
      width: 2,
      height: 1,
    }));
  const cardOf = (tweet: Parameters<typeof buildWallView>[1][number]) =>
    cheerio.load(tweetCard(wallOf([tweet])[0]!, media));

  test.each([1, 2, 3, 4])(
    "%i photos are laid out as X lays out that many, each linking its full-size file",
    (count) => {
      const $ = cardOf({ text: "t", date: "2022-12-03", media: photos(count) });
      expect($(".tweet-media").attr("class")).toBe(`tweet-media media-${count}`);
      expect(
        $("a.media-item img")
          .map((_, img) => $(img).attr("alt"))
          .get(),
      ).toEqual(photos(count).map((p) => p.alt));
      expect($("a.media-item").first().attr("href")).toBe("/media/p0-1200.jpeg");
      expect($("source").attr("sizes")).toBe(
        count === 1 ? "(min-width: 40rem) 24rem, 100vw" : "(min-width: 40rem) 12rem, 50vw",
      );
    },
  );

  test("a video has controls, its poster and size, and plays only when asked", () => {
    const $ = cardOf({
      text: "t",
      date: "2022-12-03",
      media: [{ type: "video", src: "media/v.mp4", poster: "media/vp.jpg", width: 640, height: 360 }],
    });
    const video = $("video");
    expect({ ...video.get(0)!.attribs }).toEqual({
      controls: "",
      preload: "none",
      playsinline: "",
      poster: "/media/vp-800.jpeg",
      width: "640",
      height: "360",
    });
    expect($("video > source").attr("src")).toBe("/media/v-hash.mp4");
    expect($(".gif-badge")).toHaveLength(0);
  });

  test("a GIF is muted and loops, keeps its controls for the script to take, and wears a badge", () => {
    const $ = cardOf({
      text: "t",
      date: "2022-12-03",
      media: [{ type: "gif", src: "media/g.mp4", poster: "media/gp.jpg", alt: "a cat", width: 2, height: 2 }],
    });
    expect(Object.keys($("video").get(0)!.attribs)).toEqual(
      expect.arrayContaining(["class", "muted", "loop", "controls", "playsinline", "aria-label"]),
    );
    expect($("video").attr("aria-label")).toBe("GIF: a cat");
    expect($(".media-item > .gif-badge").text()).toBe("GIF");
    expect($("[autoplay]")).toHaveLength(0);
  });

  test("refuses a video whose file was never put in the site", () => {
    const [tweet] = wallOf([
      {
        text: "t",
        date: "2022-12-03",
        media: [{ type: "video", src: "media/x.mp4", poster: "media/x.jpg", width: 1, height: 1 }],
      },
    ]);
    expect(() => tweetCard(tweet!, media)).toThrow("the video media/x.mp4 reached the page without its file");
  });

  test("the avatar is 48 pixels, without alt text, beside the name and handle", () => {
    const $ = cardOf({
      text: "t",
      date: "2022-12-03",
      author: { name: "Ada", handle: "ada", avatar: "media/ada.jpg" },
    });
    expect($("header").attr("class")).toBe("tweet-author p-author h-card with-avatar");
    expect({ ...$("header img").get(0)!.attribs }).toMatchObject({
      class: "avatar",
      src: "/media/ada-96.jpeg",
      alt: "",
      width: "48",
      height: "48",
    });
    expect($("header source").attr("sizes")).toBe("48px");
  });

  test("an unknown author's card names no one and links no profile; without an address, the date links to its permalink only", () => {
    const $ = cardOf({ text: "t", date: "2022-12-03", author: null });
    expect($("header").prop("outerHTML")).toBe(
      '<header class="tweet-author p-author h-card"><span class="tweet-name p-name">Unknown author</span></header>',
    );
    expect($("footer > a.tweet-permalink > time").attr("datetime")).toBe("2022-12-03");
    expect($(".tweet-source")).toHaveLength(0);
  });

  test("replies, quotes and link cards are escaped once and link only where they should", () => {
    const $ = cardOf({
      text: "t",
      date: "2022-12-03",
      replyTo: { handle: "bob", text: `<i>"hi"</i>` },
      card: { url: "https://example.com/?a=1&b=<2>", title: `<b>T</b>`, domain: "ex&ample" },
      quote: { text: "<q>", date: "2022-12-01", author: { name: `<s>N</s>`, handle: "n" } },
    });
    expect($(".tweet-reply figcaption a").attr("href")).toBe("https://x.com/bob");
    expect($(".tweet-reply blockquote").text()).toBe(`<i>"hi"</i>`);
    expect($("a.tweet-card").attr("href")).toBe("https://example.com/?a=1&b=<2>");
    expect($(".card-title").text()).toBe("<b>T</b>");
    expect($(".card-domain").text()).toBe("ex&ample");
    expect($(".tweet-card img")).toHaveLength(0);
    expect($(".tweet-quote .tweet-name").text()).toBe("<s>N</s>");
    expect($(".tweet-quote .quote-source").attr("href")).toBe("https://x.com/n");
    expect($(".quote-text").text()).toBe("<q>");
    expect($("i, b, s, q")).toHaveLength(0);
  });
});

describe("the card's design", () => {
  const tweets = () =>
    wallOf([
      { text: "mine, on X", date: "2022-12-03", url: "https://x.com/a/status/1600537548036857856" },
      { text: "mine, no address", date: "2022-12-02" },
    ]);

  test("is an h-entry: author h-card, content, published date and its own address", () => {
    const [tweet] = tweets();
    const $ = cheerio.load(tweetCard(tweet!, NO_IMAGES));
    expect($("article").hasClass("h-entry")).toBe(true);
    expect($("article > .p-author.h-card .p-name").text()).toBe("A");
    expect($("article > .e-content").text()).toBe("mine, on X");
    expect($("a.u-url > time.dt-published").attr("datetime")).toBe("2022-12-03");
    expect($("footer a.u-url").attr("href")).toBe(tweet!.permalink);
  });

  test("links the original on X with an icon named View on X, and never the profile a second time", () => {
    const [onX, profileOnly] = tweets();
    const $ = cheerio.load(tweetCard(onX!, NO_IMAGES));
    expect($(".tweet-source").attr("href")).toBe("https://x.com/a/status/1600537548036857856");
    expect($(".tweet-source").text()).toBe("View on X");
    expect($(".tweet-source svg").attr("aria-hidden")).toBe("true");
    expect(cheerio.load(tweetCard(profileOnly!, NO_IMAGES))(".tweet-source")).toHaveLength(0);
  });

  test("on a one-author wall, the author is for screen readers only, with no link to Tab to", () => {
    const wall = tweets();
    expect(soleAuthorOf(wall)?.handle).toBe("a");
    const $ = cheerio.load(tweetCards(wall, NO_IMAGES, { soleAuthor: soleAuthorOf(wall) }));
    expect($("header")).toHaveLength(0);
    expect($("article > footer > .p-author.h-card.visually-hidden")).toHaveLength(2);
    expect($(".p-author a")).toHaveLength(0);
    expect($(".p-author").first().text()).toBe("A @a, ");
    expect($(".p-author .p-name").first().text()).toBe("A");
  });

  test("a wall of several authors has no sole author, and shows each card's", () => {
    const wall = wallOf([
      { text: "one", date: "2022-12-03" },
      { text: "two", date: "2022-12-02", author: { name: "B", handle: "b" } },
    ]);
    expect(soleAuthorOf(wall)).toBeUndefined();
    expect(cheerio.load(tweetCards(wall, NO_IMAGES))(".visually-hidden.p-author")).toHaveLength(0);
  });

  test("marks a pinned tweet and links its tags", () => {
    const [tweet] = tweets();
    const pinned = {
      ...tweet!,
      pinned: true,
      tags: [{ tag: "ml", title: "Machine learning", url: "/tags/ml/" }],
    };
    const $ = cheerio.load(tweetCard(pinned, NO_IMAGES));
    expect($("article").hasClass("pinned")).toBe(true);
    expect($(".tweet-pinned").text()).toBe("Pinned");
    expect($(".tweet-tags a[rel=tag]").attr("href")).toBe("/tags/ml/");
    expect($(".tweet-tags a").text()).toBe("Machine learning");
    expect(cheerio.load(tweetCard(tweet!, NO_IMAGES))(".tweet-pinned, .tweet-tags")).toHaveLength(0);
  });

  test("a tweet page's marker shows the author even on a one-author wall", () => {
    const wall = tweets();
    const page = withCards(cardsMarker([wall[1]!], "whole"), wall, NO_IMAGES)!;
    expect(cheerio.load(page)(".p-author.visually-hidden")).toHaveLength(0);
    expect(cheerio.load(page)("header.p-author")).toHaveLength(1);
    const onWall = withCards(cardsMarker(wall), wall, NO_IMAGES)!;
    expect(cheerio.load(onWall)(".p-author.visually-hidden")).toHaveLength(2);
  });
});

import { SaxesParser } from "saxes";
import { describe, expect, test } from "vitest";
import { siteSchema } from "../../../src/curator/schema.ts";
import { feedHtml, jsonFeed, withXmlCharactersOnly } from "../../../src/site/feeds.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import type { EncodedMedia } from "../../../src/site/images.ts";

const NO_MEDIA: EncodedMedia = { images: new Map(), videos: new Map() };

/** Whether a strict XML 1.0 parser reads the document without an error. */
function isWellFormed(xml: string): boolean {
  const parser = new SaxesParser();
  let wellFormed = true;
  parser.on("error", () => (wellFormed = false));
  parser.write(xml).close();
  return wellFormed;
}

describe("withXmlCharactersOnly", () => {
  test("leaves out what XML 1.0 forbids, keeping tabs, line breaks, emoji and astral letters", () => {
    const text = "a\u0001b\u0000c\u001Fd\u007F\te\nf\r\ng\uFFFEh\uFFFFi\uD800j\uDFFFk 🤦‍♂️ 𝒳";
    const kept = withXmlCharactersOnly(text);
    expect(kept).toBe("abcd\u007F\te\nf\r\nghijk 🤦‍♂️ 𝒳");
    expect(isWellFormed(`<a>${text}</a>`)).toBe(false);
    expect(isWellFormed(`<a>${kept}</a>`)).toBe(true);
  });

  test("returns a text without such characters as it is", () => {
    const text = "<feed>It's &amp; “quoted”</feed>";
    expect(withXmlCharactersOnly(text)).toBe(text);
  });
});

describe("jsonFeed", () => {
  const site = siteSchema.parse({
    title: "T",
    author: { name: "A", handle: "a" },
    url: "https://example.org/",
  });
  const wall = buildWallView(site, [
    { text: "first\nline", date: "2022-12-03", url: "https://x.com/a/status/20", lang: "en" },
    { text: "second", date: "2022-12-04", added: "2024-01-02" },
  ]);

  test("has JSON Feed 1.1's required fields, and each item an id and its content", () => {
    const feed = jsonFeed(wall.site, wall.feed!, NO_MEDIA);
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", title: "T" });
    expect(feed).not.toHaveProperty("description");
    expect(feed.items).toEqual([
      {
        id: "https://example.org/t/2022-12-04-second/",
        url: "https://example.org/t/2022-12-04-second/",
        content_html: "<p>second</p>",
        content_text: "second",
        date_published: "2022-12-04T00:00:00Z",
        date_modified: "2024-01-02T00:00:00Z",
        authors: [{ name: "A (@a)", url: "https://x.com/a" }],
      },
      {
        id: "https://x.com/i/status/20",
        url: "https://example.org/t/20/",
        external_url: "https://x.com/a/status/20",
        content_html: "<p>first<br>\nline</p>",
        content_text: "first\nline",
        date_published: "2022-12-03T00:00:00Z",
        date_modified: "2022-12-03T00:00:00Z",
        authors: [{ name: "A (@a)", url: "https://x.com/a" }],
        language: "en",
      },
    ]);
    expect(feedHtml(wall.tweets[0]!, NO_MEDIA, "https://example.org")).toBe(feed.items[1]!.content_html);
  });
});

describe("feedHtml of a whole tweet", () => {
  const site = siteSchema.parse({
    title: "T",
    author: { name: "A", handle: "a" },
    url: "https://example.org/",
  });
  const fallbacks = (name: string) =>
    [400, 800, 1200].map((width) => ({ src: `/media/${name}-${width}.jpeg`, width, height: width / 2 }));
  const media: EncodedMedia = {
    images: new Map([
      ["media/p.jpg", { sources: [], fallbacks: fallbacks("p") }],
      ["media/vp.jpg", { sources: [], fallbacks: fallbacks("vp") }],
    ]),
    videos: new Map([["media/v.mp4", "/media/v-hash.mp4"]]),
  };
  const [tweet] = buildWallView(site, [
    {
      text: "mine pic.twitter.com/x",
      date: "2024-01-01",
      replyTo: { handle: "bob", text: "first\nsecond" },
      media: [
        { src: "media/p.jpg", alt: `a "photo"`, width: 1200, height: 600 },
        { type: "video", src: "media/v.mp4", poster: "media/vp.jpg", width: 2, height: 1 },
      ],
      card: { url: "https://example.com/a", title: "A & B" },
      quote: { text: "theirs", date: "2023-12-31", author: { name: "Ada", handle: "ada" } },
    },
  ]).tweets;

  test("says whom it answers, shows the photos and the video's poster at absolute addresses, the card and the quote", () => {
    expect(feedHtml(tweet!, media, "https://example.org")).toBe(
      [
        '<p>Replying to <a href="https://x.com/bob">@bob</a></p>',
        "<blockquote><p>first<br>\nsecond</p></blockquote>",
        "<p>mine</p>",
        '<p><img src="https://example.org/media/p-800.jpeg" alt="a &quot;photo&quot;" width="800" height="400"></p>',
        '<p><a href="https://example.org/media/v-hash.mp4"><img src="https://example.org/media/vp-800.jpeg" alt="Video" width="800" height="400"></a></p>',
        '<p><a href="https://example.com/a">A &amp; B</a> (example.com)</p>',
        '<blockquote><p><a href="https://x.com/ada">Ada (@ada)</a>:</p>',
        "<p>theirs</p></blockquote>",
      ].join("\n"),
    );
  });
});

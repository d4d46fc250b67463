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

import type { Feed, SiteView, TweetView } from "../view/types.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/** Feed readers ignore `white-space: pre-wrap`, so line breaks become `<br>` there. */
export function feedHtml(tweet: TweetView): string {
  return `<p>${tweet.html.replace(/\n/g, "<br>\n")}</p>`;
}

/** https://www.jsonfeed.org/version/1.1/ — the same entries as the Atom feed. */
export function jsonFeed(site: SiteView, feed: Feed) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    ...(site.intro ? { description: site.intro } : {}),
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    language: site.language,
    authors: [{ name: site.author.name, url: site.author.profileUrl }],
    items: feed.entries.map(({ tweet, id, url, published, updated }) => ({
      id,
      url,
      ...(tweet.source.url === tweet.author.profileUrl ? {} : { external_url: tweet.source.url }),
      content_html: feedHtml(tweet),
      content_text: tweet.text,
      date_published: published,
      date_modified: updated,
      authors: [{ name: `${tweet.author.name} (@${tweet.author.handle})`, url: tweet.author.profileUrl }],
      ...(tweet.lang ? { language: tweet.lang } : {}),
    })),
  };
}

/**
 * What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): control characters but tab and
 * line breaks, lone surrogates, U+FFFE and U+FFFF. Escaping cannot carry them: `&#1;` is
 * forbidden too.
 */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text with every character XML 1.0 forbids left out. */
export function withXmlCharactersOnly(text: string): string {
  return text.replace(NOT_XML_CHARACTER, "");
}

/**
 * The Atom and JSON feeds (templates/feed-atom.njk, feed-json.njk). Every `.xml` file is cleared
 * of characters XML forbids as it is written: a tweet can hold them, and one makes the whole
 * document unreadable to every XML parser.
 */
export default function feeds(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("feedHtml", feedHtml);
  eleventyConfig.addFilter("jsonFeed", jsonFeed);
  eleventyConfig.addTransform("xml-characters", function (content) {
    const { outputPath } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".xml") || typeof content !== "string") {
      return content;
    }
    return withXmlCharactersOnly(content);
  });
}

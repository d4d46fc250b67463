import { escapeHtml as escape } from "../tweet/html.ts";
import type { Feed, QuotedTweetView, SiteView, TweetView } from "../view/types.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import { type EncodedMedia, fallbackFor } from "./images.ts";

/**
 * A tweet as a feed entry's HTML: the tweet replied to, the text, its photos (absolute
 * addresses), a poster linking to each video, its link card and the tweet it quotes. Feed readers
 * ignore `white-space: pre-wrap`, so line breaks become `<br>` there.
 */
export function feedHtml(tweet: TweetView, media: EncodedMedia, origin: string): string {
  const reply = tweet.replyTo;
  let html = "";
  if (reply) {
    html += `<p>Replying to <a href="${escape(reply.tweetUrl ?? reply.profileUrl)}">@${escape(reply.handle)}</a></p>\n`;
    if (reply.html) html += `<blockquote><p>${withBreaks(reply.html)}</p></blockquote>\n`;
  }
  html += partHtml(tweet, media, origin);
  const { quote } = tweet;
  if (quote) {
    const byline = `<a href="${escape(quote.source.url)}">${escape(quote.author.byline)}</a>`;
    html += `\n<blockquote><p>${byline}:</p>\n${partHtml(quote, media, origin)}</blockquote>`;
  }
  return html;
}

/** The words, media and card of a tweet or the tweet it quotes. */
function partHtml(part: TweetView | QuotedTweetView, media: EncodedMedia, origin: string): string {
  const absolute = (src: string) => escape(new URL(src, origin).href);
  let html = part.html ? `<p>${withBreaks(part.html)}</p>` : "";
  for (const item of part.media) {
    const image = media.images.get(item.type === "photo" ? item.src : item.poster);
    if (!image) throw new Error(`the image of ${item.src} reached the feed without its files`);
    const { src, width, height } = fallbackFor(image, FEED_IMAGE_WIDTH);
    const size = `width="${width}" height="${height}"`;
    if (item.type === "photo") {
      html += `\n<p><img src="${absolute(src)}" alt="${escape(item.alt)}" ${size}></p>`;
      continue;
    }
    const video = media.videos.get(item.src);
    if (!video) throw new Error(`the video ${item.src} reached the feed without its file`);
    const label = `${item.type === "gif" ? "GIF" : "Video"}${item.alt ? `: ${item.alt}` : ""}`;
    html += `\n<p><a href="${absolute(video)}"><img src="${absolute(src)}" alt="${escape(label)}" ${size}></a></p>`;
  }
  const { card } = part;
  if (card)
    html += `\n<p><a href="${escape(card.url)}">${escape(card.title)}</a> (${escape(card.domain)})</p>`;
  return html;
}

/** Wide enough for a feed reader's column. */
const FEED_IMAGE_WIDTH = 800;

function withBreaks(html: string): string {
  return html.replace(/\n/g, "<br>\n");
}

/** https://www.jsonfeed.org/version/1.1/ — the same entries as the Atom feed. */
export function jsonFeed(site: SiteView, feed: Feed, media: EncodedMedia) {
  const origin = site.origin!;
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
      ...(tweet.source && tweet.source.url !== tweet.author.profileUrl
        ? { external_url: tweet.source.url }
        : {}),
      content_html: feedHtml(tweet, media, origin),
      content_text: tweet.text,
      date_published: published,
      date_modified: updated,
      authors: [
        tweet.author.profileUrl
          ? { name: tweet.author.byline, url: tweet.author.profileUrl }
          : { name: tweet.author.byline },
      ],
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
 * The Atom and JSON feeds (templates/feed-atom.njk, feed-json.njk), for the wall whose media
 * `media()` returns. Every `.xml` file is cleared
 * of characters XML forbids as it is written: a tweet can hold them, and one makes the whole
 * document unreadable to every XML parser.
 */
export default function feeds(eleventyConfig: EleventyConfig, media: () => EncodedMedia | undefined): void {
  const encoded = () => {
    const found = media();
    if (!found) throw new Error("the feeds were written before the wall's media were encoded");
    return found;
  };
  eleventyConfig.addFilter("feedHtml", (tweet: TweetView, origin: string) =>
    feedHtml(tweet, encoded(), origin),
  );
  eleventyConfig.addFilter("jsonFeed", (site: SiteView, feed: Feed) => jsonFeed(site, feed, encoded()));
  eleventyConfig.addTransform("xml-characters", function (content) {
    const { outputPath } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".xml") || typeof content !== "string") {
      return content;
    }
    return withXmlCharactersOnly(content);
  });
}

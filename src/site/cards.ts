import { escapeHtml as escape } from "../tweet/linkify.ts";
import type { TweetImage, TweetView } from "../view/wall.ts";
import type { WallPage } from "../view/pages.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * The tweet card: the one piece of markup a wall repeats for every tweet, so it is a function
 * rather than a Nunjucks macro. On 100,000 tweets the macro's lookups, escapes and output
 * fragments cost about 0.3 s of the build, and left Eleventy thousands of small strings
 * per page to hold and join. A wall page's cards go in just before the page is written (see
 * withCards); a tweet page uses the `tweetCard` filter. Every value is escaped here except
 * `html`, which linkify built from escaped text.
 */
export function tweetCard(tweet: TweetView): string {
  const { author, date, source } = tweet;
  return `<article class="tweet" id="${escape(tweet.anchor)}">
<header class="tweet-author"><span class="tweet-name">${escape(author.name)}</span> <a class="tweet-handle" href="${escape(author.profileUrl)}">@${escape(author.handle)}</a></header>
<p class="tweet-text">${tweet.html}</p>${tweet.media.length > 0 ? mediaHtml(tweet.media) : ""}
<footer class="tweet-meta"><a class="tweet-source" href="${escape(source.url)}"><time datetime="${escape(date.iso)}">${escape(date.label)}</time><span class="visually-hidden">: ${escape(source.label)}</span></a> <a class="tweet-permalink" href="${escape(tweet.permalink)}">#${tweet.number}<span class="visually-hidden">: link to this tweet</span></a></footer>
</article>`;
}

/**
 * A wall page's cards, the wall's `<div>` indenting each by two spaces. Concatenated, not
 * joined: the page is written right after, which copies it into one string anyway, and a join
 * would make a second copy of every page above V8's 128 KB large-object size, in fresh memory
 * (0.9 s of a 100,000-tweet build).
 */
export function tweetCards(tweets: TweetView[]): string {
  let html = "";
  for (const tweet of tweets) html = html ? `${html}\n  ${tweetCard(tweet)}` : tweetCard(tweet);
  return html;
}

const PLACEHOLDER_START = "<!--tweetwall:cards ";
const PLACEHOLDER_END = "-->";

/** Where a wall page's cards go: a comment that withCards replaces. */
export function cardsPlaceholder(pageNumber: number): string {
  return `${PLACEHOLDER_START}${pageNumber}${PLACEHOLDER_END}`;
}

/**
 * The page with its cards in place of their placeholder, or the page as it is if it has none.
 * Eleventy keeps every page's rendered content until the end of the build and writes only then,
 * so cards rendered with the page would all be held at once (160 MB on 100,000 tweets, copied
 * by every garbage collection they outlive); put in as each page is written, they are dropped
 * as soon as it is. Only our templates can make the placeholder: every text from the data is
 * escaped, so a tweet that quotes it shows it as text.
 */
export function withCards(html: string, pages: WallPage[]): string {
  const start = html.indexOf(PLACEHOLDER_START);
  if (start < 0) return html;
  const end = html.indexOf(PLACEHOLDER_END, start);
  const number = Number(html.slice(start + PLACEHOLDER_START.length, end));
  const page = pages[number - 1];
  if (!page)
    throw new Error(
      `the page has a place for the cards of wall page ${number}, which the wall does not have`,
    );
  return html.slice(0, start) + tweetCards(page.tweets) + html.slice(end + PLACEHOLDER_END.length);
}

function mediaHtml(images: TweetImage[]): string {
  const pictures = images.map(({ sources, fallback, alt, src }) => {
    if (!sources || !fallback)
      throw new Error(`the image ${src} reached the page without its responsive sources`);
    const sourceTags = sources.map(
      (source) =>
        `\n<source type="${escape(source.type)}" srcset="${escape(source.srcset)}" sizes="(min-width: 40rem) 20rem, 100vw">`,
    );
    return `\n<picture>${sourceTags.join("")}\n<img src="${escape(fallback.src)}" alt="${escape(alt)}" width="${fallback.width}" height="${fallback.height}" loading="lazy" decoding="async">\n</picture>`;
  });
  return `\n<div class="tweet-media">${pictures.join("")}\n</div>`;
}

export default function tweetCardFilters(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("tweetCard", tweetCard);
  eleventyConfig.addFilter("cardsPlaceholder", cardsPlaceholder);
}

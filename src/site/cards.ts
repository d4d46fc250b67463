import { escapeHtml as escape } from "../tweet/html.ts";
import type { TweetImage, TweetView } from "../view/types.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import type { EncodedImages } from "./images.ts";

/**
 * The tweet cards, the one piece of markup a wall repeats for every tweet. A template asks for
 * them with `{{ tweets | cards | safe }}` (the wall page, a tweet page); the filter leaves a
 * marker naming the tweets, and the `cards` transform puts the cards in its place as the page
 * is written.
 *
 * Why a marker and not the markup itself: Eleventy keeps every page's rendered content until
 * the end of the build, so 100,000 tweets' cards rendered with their pages were held at once
 * (about 0.9 s and 130 MB more). Put in as each page is written, they are dropped as soon as it
 * is. Guarded by the bench case "build 100,000 tweets vs bare Eleventy". Only a template can
 * make a marker: every text from the data is escaped, so a tweet quoting one shows it as text.
 */
const MARKER = /<!--tweetwall:cards (\d+)-(\d+)-->/g;

/** The marker for a run of consecutive tweets (a wall page's, or a tweet page's one). */
export function cardsMarker(tweets: readonly TweetView[]): string {
  if (tweets.length === 0) return "";
  return `<!--tweetwall:cards ${tweets[0]!.number}-${tweets.at(-1)!.number}-->`;
}

/** The page with every marker replaced by its cards; `undefined` when it has no marker. */
export function withCards(
  html: string,
  tweets: readonly TweetView[],
  images: EncodedImages,
): string | undefined {
  if (!html.includes("<!--tweetwall:cards ")) return undefined;
  return html.replace(MARKER, (_marker, first: string, last: string) => {
    const run = tweets.slice(Number(first) - 1, Number(last));
    if (run.length !== Number(last) - Number(first) + 1)
      throw new Error(
        `the page asks for the cards of tweets ${first} to ${last}, which the wall does not have`,
      );
    return tweetCards(run, images);
  });
}

/**
 * The cards of a run of tweets, the wall's `<div>` indenting each by two spaces. Concatenated,
 * not joined: a join would make a second copy of every page above V8's 128 KB large-object
 * size (0.9 s of the 100,000-tweet bench case).
 */
export function tweetCards(tweets: readonly TweetView[], images: EncodedImages): string {
  let html = "";
  for (const tweet of tweets)
    html = html ? `${html}\n  ${tweetCard(tweet, images)}` : tweetCard(tweet, images);
  return html;
}

/**
 * One card. Every value is escaped here except `html`, which linkify built from escaped text.
 * The text sets its own direction (`dir="auto"`): a Hebrew tweet on an English wall reads
 * right to left.
 */
export function tweetCard(tweet: TweetView, images: EncodedImages): string {
  const { author, date, source } = tweet;
  return `<article class="tweet" id="${escape(tweet.anchor)}">
<header class="tweet-author"><span class="tweet-name">${escape(author.name)}</span> <a class="tweet-handle" href="${escape(author.profileUrl)}">@${escape(author.handle)}</a></header>
<p class="tweet-text" dir="auto"${tweet.lang ? ` lang="${escape(tweet.lang)}"` : ""}>${tweet.html}</p>${tweet.media.length > 0 ? mediaHtml(tweet.media, images) : ""}
<footer class="tweet-meta"><a class="tweet-source" href="${escape(source.url)}"><time datetime="${escape(date.iso)}">${escape(date.label)}</time><span class="visually-hidden">: ${escape(source.label)}</span></a> <a class="tweet-permalink" href="${escape(tweet.permalink)}">#${tweet.number}<span class="visually-hidden">: link to this tweet</span></a></footer>
</article>`;
}

function mediaHtml(media: readonly TweetImage[], images: EncodedImages): string {
  const pictures = media.map(({ alt, src }) => {
    const encoded = images.get(src);
    if (!encoded) throw new Error(`the image ${src} reached the page without its responsive sources`);
    const sourceTags = encoded.sources.map(
      (source) =>
        `\n<source type="${escape(source.type)}" srcset="${escape(source.srcset)}" sizes="(min-width: 40rem) 20rem, 100vw">`,
    );
    const { fallback } = encoded;
    return `\n<picture>${sourceTags.join("")}\n<img src="${escape(fallback.src)}" alt="${escape(alt)}" width="${fallback.width}" height="${fallback.height}" loading="lazy" decoding="async">\n</picture>`;
  });
  return `\n<div class="tweet-media">${pictures.join("")}\n</div>`;
}

/** The `cards` filter and transform, for the wall `shown()` returns (set once its images are encoded). */
export default function cards(
  eleventyConfig: EleventyConfig,
  shown: () => { tweets: readonly TweetView[]; images: EncodedImages } | undefined,
): void {
  eleventyConfig.addFilter("cards", cardsMarker);
  eleventyConfig.addTransform("cards", function (content) {
    const wall = shown();
    if (!wall || typeof content !== "string") return content;
    return withCards(content, wall.tweets, wall.images) ?? content;
  });
}

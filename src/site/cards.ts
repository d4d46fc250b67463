import { escapeHtml as escape } from "../tweet/html.ts";
import { isOnX } from "../tweet/urls.ts";
import type {
  AuthorView,
  LinkCardView,
  QuotedTweetView,
  ReplyView,
  TweetMedia,
  TweetVideo,
  TweetView,
} from "../view/types.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import { type EncodedImage, type EncodedMedia, fallbackFor } from "./images.ts";

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
const MARKER = /<!--tweetwall:cards (\d+)-(\d+)( whole)?-->/g;

/**
 * The marker for a run of consecutive tweets (a wall page's, or a tweet page's one). `"whole"`
 * shows each card's author even on a one-author wall: a tweet page has no wall header.
 */
export function cardsMarker(tweets: readonly TweetView[], style?: "whole"): string {
  if (tweets.length === 0) return "";
  return `<!--tweetwall:cards ${tweets[0]!.number}-${tweets.at(-1)!.number}${style === "whole" ? " whole" : ""}-->`;
}

/** The page with every marker replaced by its cards; `undefined` when it has no marker. */
export function withCards(
  html: string,
  tweets: readonly TweetView[],
  media: EncodedMedia,
): string | undefined {
  if (!html.includes("<!--tweetwall:cards ")) return undefined;
  return html.replace(MARKER, (_marker, first: string, last: string, whole: string | undefined) => {
    const run = tweets.slice(Number(first) - 1, Number(last));
    if (run.length !== Number(last) - Number(first) + 1)
      throw new Error(
        `the page asks for the cards of tweets ${first} to ${last}, which the wall does not have`,
      );
    return tweetCards(run, media, { soleAuthor: whole ? undefined : soleAuthorOf(tweets) });
  });
}

/**
 * How the cards of one wall are drawn. `soleAuthor`: every tweet is by this one author, shown
 * once in the site's header, so each card keeps the name and handle for screen readers only.
 */
export interface CardStyle {
  soleAuthor?: AuthorView | undefined;
}

/**
 * The cards of a run of tweets, the wall's `<div>` indenting each by two spaces. Concatenated,
 * not joined: a join would make a second copy of every page above V8's 128 KB large-object
 * size (0.9 s of the 100,000-tweet bench case).
 */
export function tweetCards(tweets: readonly TweetView[], media: EncodedMedia, style: CardStyle = {}): string {
  let html = "";
  for (const tweet of tweets)
    html = html
      ? `${html}\n  ${tweetCard(tweet, media, style)}`
      : tweetCard(tweet, media, { ...style, first: true });
  return html;
}

/** The one author of every tweet given, when there is one (known, by name and handle); remembered per wall. */
export function soleAuthorOf(tweets: readonly TweetView[]): AuthorView | undefined {
  if (soleAuthors.has(tweets)) return soleAuthors.get(tweets);
  const author = tweets[0]?.author;
  const sole =
    author?.handle !== undefined &&
    tweets.every((tweet) => tweet.author.handle === author.handle && tweet.author.name === author.name)
      ? author
      : undefined;
  soleAuthors.set(tweets, sole);
  return sole;
}
const soleAuthors = new WeakMap<readonly TweetView[], AuthorView | undefined>();

/**
 * One card, laid out as X's own embed: the author, the tweet replied to, the text, its media,
 * its link card, the tweet it quotes, its tags, then a quiet footer: the date, a link to the
 * tweet's own page, and an icon linking to the original when there is one (wall.js adds "copy
 * link" beside it). Marked up as an h-entry. Every value is escaped here except the `html` of
 * texts, which linkify built from escaped text. Each text sets its own direction
 * (`dir="auto"`): a Hebrew tweet on an English wall reads right to left.
 */
export function tweetCard(
  tweet: TweetView,
  media: EncodedMedia,
  { first = false, soleAuthor }: CardStyle & { first?: boolean } = {},
): string {
  const { author, date } = tweet;
  const hidden = soleAuthor !== undefined && author.handle === soleAuthor.handle;
  return `<article class="tweet h-entry${tweet.pinned ? " pinned" : ""}" id="${escape(tweet.anchor)}">
${tweet.pinned ? `<p class="tweet-pinned">${icon(PIN)}Pinned</p>\n` : ""}${hidden ? "" : authorHeader(author, media)}${tweet.replyTo ? replyHtml(tweet.replyTo) : ""}${tweet.html ? `\n${textHtml("tweet-text e-content", tweet)}` : ""}${mediaHtml(tweet.media, media, first)}${tweet.card ? linkCardHtml(tweet.card, media) : ""}${tweet.quote ? quoteHtml(tweet.quote, media) : ""}${tagsHtml(tweet)}
<footer class="tweet-meta">${hidden ? hiddenAuthor(author) : ""}<a class="tweet-permalink u-url" href="${escape(tweet.permalink)}"><time class="dt-published" datetime="${escape(date.iso)}">${escape(date.label)}</time></a>${originalLink(tweet)}</footer>
</article>`;
}

/** The tweet's tags, each a link to its page. */
function tagsHtml({ tags }: TweetView): string {
  if (tags.length === 0) return "";
  const items = tags.map(
    (tag) => `<li><a class="p-category" href="${escape(tag.url)}" rel="tag">${escape(tag.title)}</a></li>`,
  );
  // rel="tag" says what the links are; html-validate advises against naming a list with aria-label.
  return `\n<ul class="tweet-tags">${items.join("")}</ul>`;
}

/**
 * An icon linking to the original: X's mark for a tweet on X, an arrow for another place. None
 * when the source is only the author's profile, which the author's handle links already.
 */
function originalLink({ source, author }: TweetView): string {
  if (!source || source.url === author.profileUrl) return "";
  const onX = isOnX(source.url);
  return ` <a class="tweet-source" href="${escape(source.url)}">${icon(onX ? X_MARK : ARROW)}<span class="visually-hidden">${onX ? "View on X" : `View ${escape(source.label)}`}</span></a>`;
}

const X_MARK =
  "M18.9 1.2h3.7l-8 9.1L24 22.8h-7.4l-5.8-7.6-6.6 7.6H.5L9 13 0 1.2h7.6l5.2 6.9zm-1.3 19.4h2L6.5 3.2H4.3z";
const ARROW = "M14 3h7v7h-2V6.4l-9.3 9.3-1.4-1.4L17.6 5H14zM5 5h6v2H6v11h11v-5h2v7H4z";
const PIN = "M16 3v2h-1v5l3 3v2h-5v6l-1 1-1-1v-6H6v-2l3-3V5H8V3z";

/** A 24-unit icon drawn in the text's colour; decoration, named by the text beside it. */
function icon(path: string): string {
  return `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;
}

/**
 * Name and handle, an h-card; beside the avatar, stacked, when the author has one. An unknown
 * author links nowhere.
 */
function authorHeader(author: AuthorView, media: EncodedMedia): string {
  const handle = author.profileUrl
    ? ` <a class="tweet-handle u-url" href="${escape(author.profileUrl)}">@${escape(author.handle ?? "")}</a>`
    : "";
  const avatar = author.avatar ? avatarHtml(author.avatar, 48, media) : "";
  return `<header class="tweet-author p-author h-card${avatar ? " with-avatar" : ""}">${avatar}<span class="tweet-name p-name">${escape(author.name)}</span>${handle}</header>`;
}

/**
 * The author of a one-author wall, whom the site's header shows: for screen readers only, words
 * without a link (a hidden link would take a Tab to nowhere visible), read before the date.
 * In the footer rather than a header, and with no more classes than it needs, it joins the
 * text every card repeats, which gzip sends once: 69 B less on the seed wall's first view.
 */
function hiddenAuthor(author: AuthorView): string {
  return `<span class="visually-hidden p-author h-card"><span class="p-name">${escape(author.name)}</span> @${escape(author.handle ?? "")}, </span>`;
}

/**
 * The wall's one author for the site's header: picture, name and handle, linked to the
 * profile. Empty when the wall has several authors.
 */
export function authorBadge(author: AuthorView | undefined, media: EncodedMedia): string {
  if (!author?.profileUrl) return "";
  const avatar = author.avatar ? avatarHtml(author.avatar, 40, media) : "";
  return `<p class="site-author h-card">${avatar}<a class="u-url" href="${escape(author.profileUrl)}"><span class="p-name">${escape(author.name)}</span> <span class="tweet-handle">@${escape(author.handle ?? "")}</span></a></p>`;
}

function textHtml(className: string, text: { html: string; lang: string | undefined }): string {
  return `<p class="${className}" dir="auto"${text.lang ? ` lang="${escape(text.lang)}"` : ""}>${text.html}</p>`;
}

/** "Replying to @handle", and above the tweet the words it answers when they were stored. */
function replyHtml(reply: ReplyView): string {
  const link = reply.tweetUrl
    ? `<a href="${escape(reply.tweetUrl)}">@${escape(reply.handle)}<span class="visually-hidden">’s tweet</span></a>`
    : `<a href="${escape(reply.profileUrl)}">@${escape(reply.handle)}</a>`;
  if (reply.html === undefined) return `\n<p class="tweet-reply">Replying to ${link}</p>`;
  const cite = reply.tweetUrl ? ` cite="${escape(reply.tweetUrl)}"` : "";
  return `\n<figure class="tweet-reply"><figcaption>Replying to ${link}</figcaption><blockquote dir="auto"${cite}>${reply.html}</blockquote></figure>`;
}

/**
 * The quoted tweet, nested: its author, date (a link to it), words, media and link card. The
 * date keeps its dot when the line wraps.
 */
function quoteHtml(quote: QuotedTweetView, media: EncodedMedia): string {
  const { author, date, source } = quote;
  // A quoted tweet's author is always known (the schema requires one).
  const profileUrl = author.profileUrl!;
  const avatar = author.avatar ? avatarHtml(author.avatar, 24, media) : "";
  return `\n<blockquote class="tweet-quote" cite="${escape(source.url)}">
<header class="quote-author">${avatar}<span class="tweet-name">${escape(author.name)}</span> <a class="tweet-handle" href="${escape(profileUrl)}">@${escape(author.handle!)}</a> <span><span aria-hidden="true">·</span> <a class="quote-source" href="${escape(source.url)}"><time datetime="${escape(date.iso)}">${escape(date.label)}</time><span class="visually-hidden">: the quoted tweet, ${escape(source.label)}</span></a></span></header>${quote.html ? `\n${textHtml("quote-text", quote)}` : ""}${mediaHtml(quote.media, media)}${quote.card ? linkCardHtml(quote.card, media) : ""}
</blockquote>`;
}

/** The preview of a linked page: one link, its image on top, then the domain, title and description. */
function linkCardHtml(card: LinkCardView, media: EncodedMedia): string {
  // The image is decoration: the title beside it names the link.
  const image = card.image ? pictureHtml(card.image.src, "", FULL_WIDTH, media) : "";
  const description = card.description
    ? `<span class="card-description">${escape(card.description)}</span>`
    : "";
  return `\n<a class="tweet-card" href="${escape(card.url)}" rel="nofollow">${image}<span class="card-body"><span class="card-domain">${escape(card.domain)}</span><span class="card-title">${escape(card.title)}</span>${description}</span></a>`;
}

/** How wide a photo shows: the whole card, or half of it in a grid of two to four. */
const FULL_WIDTH = "(min-width: 40rem) 24rem, 100vw";
const HALF_WIDTH = "(min-width: 40rem) 12rem, 50vw";

/**
 * Photos, videos and GIFs as X lays them out: one at its own shape, two side by side, three as
 * one tall beside two, four in a square grid (the `media-N` class). Each photo links to its
 * full-size file, since the grid crops it. The first card's photos are in the first screen,
 * often its largest paint: they load at once rather than lazily (Lighthouse's lcp-lazy-loaded).
 */
function mediaHtml(items: readonly TweetMedia[], media: EncodedMedia, eager = false): string {
  if (items.length === 0) return "";
  const sizes = items.length === 1 ? FULL_WIDTH : HALF_WIDTH;
  const cells = items.map((item) => {
    if (item.type !== "photo") return `\n${videoHtml(item, media)}`;
    const encoded = imageOf(item.src, media);
    return `\n<a class="media-item" href="${escape(encoded.fallbacks.at(-1)!.src)}">${pictureHtml(item.src, item.alt, sizes, media, eager)}</a>`;
  });
  return `\n<div class="tweet-media media-${Math.min(items.length, 4)}">${cells.join("")}\n</div>`;
}

/**
 * A video plays only when asked, with the browser's own controls. A GIF loops silently, but
 * only once wall.js has seen that the visitor allows motion; until then, or without scripts, it
 * has controls too.
 */
function videoHtml(video: TweetVideo, media: EncodedMedia): string {
  const src = media.videos.get(video.src);
  if (!src) throw new Error(`the video ${video.src} reached the page without its file in the site`);
  const poster = fallbackFor(imageOf(video.poster, media), POSTER_WIDTH);
  const gif = video.type === "gif";
  const label = gif ? `GIF${video.alt ? `: ${video.alt}` : ""}` : video.alt;
  const tag = `<video${gif ? ' class="tweet-gif" muted loop' : ""} controls preload="none" playsinline poster="${escape(poster.src)}" width="${video.width}" height="${video.height}"${label ? ` aria-label="${escape(label)}"` : ""}><source src="${escape(src)}" type="video/mp4"></video>`;
  return `<div class="media-item">${tag}${gif ? '<span class="gif-badge" aria-hidden="true">GIF</span>' : ""}</div>`;
}

/** Wide enough for a card on a 2× screen: a poster has no srcset. */
const POSTER_WIDTH = 800;

function pictureHtml(src: string, alt: string, sizes: string, media: EncodedMedia, eager = false): string {
  const encoded = imageOf(src, media);
  const sources = encoded.sources.map(
    (source) => `<source type="${escape(source.type)}" srcset="${escape(source.srcset)}" sizes="${sizes}">`,
  );
  const fallback = encoded.fallbacks.at(-1)!;
  return `<picture>${sources.join("")}<img src="${escape(fallback.src)}" alt="${escape(alt)}" width="${fallback.width}" height="${fallback.height}"${eager ? "" : ' loading="lazy"'} decoding="async"></picture>`;
}

/** The author's picture, `size` CSS pixels square; its `alt` is empty, as the name stands beside it. */
function avatarHtml(src: string, size: number, media: EncodedMedia): string {
  const encoded = imageOf(src, media);
  const sources = encoded.sources.map(
    (source) => `<source type="${escape(source.type)}" srcset="${escape(source.srcset)}" sizes="${size}px">`,
  );
  const fallback = fallbackFor(encoded, size * 2);
  return `<picture>${sources.join("")}<img class="avatar" src="${escape(fallback.src)}" alt="" width="${size}" height="${size}" loading="lazy" decoding="async"></picture>`;
}

function imageOf(src: string, media: EncodedMedia): EncodedImage {
  const encoded = media.images.get(src);
  if (!encoded) throw new Error(`the image ${src} reached the page without its responsive sources`);
  return encoded;
}

/**
 * The `cards` filter and transform, for the wall `shown()` returns (set once its images are
 * encoded), and `authorBadge`: `{{ wall.tweets | authorBadge | safe }}`, the one author of a
 * wall for its header, or nothing.
 */
export default function cards(
  eleventyConfig: EleventyConfig,
  shown: () => { tweets: readonly TweetView[]; media: EncodedMedia } | undefined,
): void {
  eleventyConfig.addFilter("cards", cardsMarker);
  eleventyConfig.addFilter("authorBadge", (tweets: readonly TweetView[]) => {
    const wall = shown();
    return wall ? authorBadge(soleAuthorOf(tweets), wall.media) : "";
  });
  eleventyConfig.addTransform("cards", function (content) {
    const wall = shown();
    if (!wall || typeof content !== "string") return content;
    return withCards(content, wall.tweets, wall.media) ?? content;
  });
}

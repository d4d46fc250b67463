import { escapeHtml as escape } from "../tweets/linkify.ts";
import type { TweetImage, TweetView } from "../tweets/normalize.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * The tweet card: the one piece of markup a wall repeats for every tweet, so it is a function
 * rather than a Nunjucks macro. On 100,000 tweets the macro's lookups, escapes and output
 * fragments cost about 0.3 s of the build, and left Eleventy thousands of small strings
 * per page to hold and join. The wall's cards are rendered with its data (see wall-data.ts); a
 * tweet page uses the `tweetCard` filter. Every value is escaped here except `html`, which
 * linkify built from escaped text.
 */
export function tweetCard(tweet: TweetView): string {
  const { author, date, source } = tweet;
  return `<article class="tweet" id="${escape(tweet.anchor)}">
<header class="tweet-author"><span class="tweet-name">${escape(author.name)}</span> <a class="tweet-handle" href="${escape(author.profileUrl)}">@${escape(author.handle)}</a></header>
<p class="tweet-text">${tweet.html}</p>${tweet.media.length > 0 ? mediaHtml(tweet.media) : ""}
<footer class="tweet-meta"><a class="tweet-source" href="${escape(source.url)}"><time datetime="${escape(date.iso)}">${escape(date.label)}</time><span class="visually-hidden">: ${escape(source.label)}</span></a> <a class="tweet-permalink" href="${escape(tweet.permalink)}">#${tweet.number}<span class="visually-hidden">: link to this tweet</span></a></footer>
</article>`;
}

/** A page's cards, one string: the wall's `<div>` indents each card by two spaces. */
export function tweetCards(tweets: TweetView[]): string {
  return tweets.map(tweetCard).join("\n  ");
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

export default function tweetCardFilter(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("tweetCard", tweetCard);
}

import type { AuthorView, PageMeta, SiteView, TagLink, TweetLink, TweetView, WallView } from "./types.ts";
import { dateShower, parseTweetDate, type TweetDate } from "../tweet/dates.ts";
import { linkifyText } from "../tweet/linkify.ts";
import { canonicalTwitterUrl } from "../tweet/urls.ts";
import { escapeHtml } from "../tweet/html.ts";
import { paginateWall, tweetPagePath, withPathPrefix } from "./pages.ts";
import { statusIdOf } from "../tweet/status.ts";
import { buildTimeline, tweetCount } from "./timeline.ts";
import { buildFeed } from "./feed.ts";
import { sourceOf } from "./source.ts";
import { wallOrder } from "./order.ts";
import { tagIndex, tagLinker, tagPages } from "./tags.ts";
import { buildStats } from "./stats.ts";
import { shorten, tidyText } from "./text.ts";
import { normalizeAuthor, UNKNOWN_AUTHOR } from "./author.ts";
import { normalizeCard, normalizeMedia, normalizeQuote, normalizeReply, shownText } from "./attachments.ts";
import type { Site, TweetInput } from "../curator/schema.ts";

/**
 * The wall's view, frozen: nothing downstream can change what was checked and built here. Hidden
 * tweets are left out here, before anything is built of them; the others are numbered in the
 * wall's order (pinned first, then the site's order).
 */
export function buildWallView(site: Site, tweets: TweetInput[]): WallView {
  const siteAuthor = normalizeAuthor(site.author);
  const siteView = normalizeSite(site, siteAuthor);
  const shown = tweets.filter((tweet) => tweet.hidden !== true);
  const tags = tagIndex(site, shown, siteView.pathPrefix);
  const display = { showDate: dateShower(site), tagsOf: tagLinker(tags) };
  // Anchors in the file's order: a tweet's address does not move when the site's order changes.
  const anchors = new Set<string>();
  const inFileOrder = shown.map((tweet, index) => {
    const view = normalizeTweet(tweet, index + 1, siteAuthor, display);
    view.anchor = uniqueAnchor(view.anchor, anchors);
    return view;
  });
  const views = wallOrder(inFileOrder, site.order);
  views.forEach((view, index) => (view.number = index + 1));
  const withTweetPages =
    site.tweetPages === "auto" ? views.length <= AUTO_TWEET_PAGES_LIMIT : site.tweetPages;
  const pages = paginateWall(views, site.pageSize, siteView);
  for (const page of pages) {
    for (const tweet of page.tweets) {
      tweet.wallUrl = `${page.url}#${tweet.anchor}`;
      if (withTweetPages) {
        tweet.pagePath = tweetPagePath(tweet.anchor);
        tweet.permalink = withPathPrefix(siteView.pathPrefix, tweet.pagePath);
        tweet.meta = tweetPageMeta(tweet);
      } else {
        tweet.permalink = tweet.wallUrl;
      }
    }
  }
  if (withTweetPages) linkNeighbours(views);
  return deepFreeze({
    site: siteView,
    tweets: views,
    pages,
    tweetPages: withTweetPages ? views : [],
    timeline: buildTimeline(views),
    years: [...new Set(views.map((tweet) => tweet.date.year))].sort((a, b) => b - a),
    // In the file's order: of tweets equally new, the feed takes the later in the file.
    feed: buildFeed(siteView, inFileOrder),
    countText: tweetCount(views.length),
    tags,
    tagPages: tagPages(tags, views, siteView, site.pageSize),
    stats: buildStats(
      inFileOrder
        .map((view, index) => ({ view, likes: shown[index]!.likes }))
        .sort((a, b) => a.view.number - b.view.number),
      siteView,
    ),
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/**
 * Above this many tweets "auto" leaves out the per-tweet pages: each costs a page render, and
 * npm run bench measured them as most of a large build (see the README's budgets).
 */
export const AUTO_TWEET_PAGES_LIMIT = 5_000;

function linkNeighbours(tweets: TweetView[]): void {
  const linkTo = (tweet: TweetView | undefined): TweetLink | undefined =>
    tweet && { url: tweet.permalink, label: `${shorten(tweet.text, 60)} (${tweet.date.label})` };
  tweets.forEach((tweet, index) => {
    tweet.previous = linkTo(tweets[index - 1]);
    tweet.next = linkTo(tweets[index + 1]);
  });
}

/** A tweet page's title, within the 70 characters search results show, and its description. */
function tweetPageMeta(tweet: TweetView): PageMeta {
  return {
    title: `“${shorten(tweet.text, 46)}” (${tweet.author.handle ? `@${tweet.author.handle}` : "unknown author"})`,
    description: shorten(tweet.text, 200),
  };
}

/** How the wall shows what every tweet has: its dates, its tags. */
export interface TweetDisplay {
  showDate: (date: TweetDate) => TweetDate;
  tagsOf: (tags: readonly string[] | undefined) => TagLink[];
}

/** `number` is the tweet's place among the shown ones in the file, until the wall's order numbers it. */
export function normalizeTweet(
  tweet: TweetInput,
  number: number,
  defaultAuthor: AuthorView,
  { showDate, tagsOf }: TweetDisplay,
): TweetView {
  const parsed = parseTweetDate(tweet.date);
  if (!parsed.ok) throw new Error(`tweet ${number}: unvalidated date reached normalize: ${parsed.expected}`);
  const author =
    tweet.author === null ? UNKNOWN_AUTHOR : tweet.author ? normalizeAuthor(tweet.author) : defaultAuthor;
  const written = tidyText(tweet.text);
  const media = normalizeMedia(tweet.media);
  const card = normalizeCard(tweet.card);
  const shown = shownText(written, media, card);
  const url = tweet.url === undefined ? undefined : canonicalTwitterUrl(tweet.url);
  const added = tweet.added === undefined ? undefined : parseTweetDate(tweet.added);
  if (added && !added.ok) throw new Error(`tweet ${number}: unvalidated added day reached normalize`);
  return {
    number,
    // From the words as written and the day as written: the anchor, and the tweet page's
    // address, stay as they were whatever the wall's time zone.
    anchor: anchorFor(written, parsed.date, url),
    html: linkifyText(shown),
    // A text that was only the link to its photo keeps it here: titles need words.
    text: shown || written,
    lang: tweet.lang,
    date: showDate(parsed.date),
    added: added?.date.timestamp,
    author,
    source: sourceOf(url, author),
    media,
    quote: normalizeQuote(tweet.quote, showDate),
    replyTo: normalizeReply(tweet.replyTo),
    card,
    pinned: tweet.pinned === true,
    tags: tagsOf(tweet.tags),
    wallUrl: "",
    permalink: "",
    pagePath: undefined,
    meta: undefined,
    previous: undefined,
    next: undefined,
  };
}

function normalizeSite(site: Site, author: AuthorView): SiteView {
  let introHtml = escapeHtml(site.intro.trim());
  const links: SiteView["links"] = [];
  for (const link of site.links) {
    const url = canonicalTwitterUrl(link.url);
    const phrase = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(escapeHtml(link.text))}(?![\\p{L}\\p{N}])`,
      "u",
    );
    if (phrase.test(introHtml)) {
      introHtml = introHtml.replace(phrase, (match) => `<a href="${escapeHtml(url)}">${match}</a>`);
    } else {
      links.push({ text: link.text, url });
    }
  }
  return {
    title: site.title.trim(),
    intro: site.intro.trim(),
    introHtml,
    language: site.language,
    author,
    links,
    origin: site.url === undefined ? undefined : new URL(site.url).origin,
    pathPrefix: pathPrefixOfUrl(site.url),
    timeZone: site.timeZone,
    accent: site.accent,
    layout: site.layout,
  };
}

/** The path part of the deployment address, with a trailing slash: `/`, or `/tweets/`. */
export function pathPrefixOfUrl(url: string | undefined): string {
  if (url === undefined) return "/";
  const { pathname } = new URL(url);
  return pathname.endsWith("/") ? pathname : `${pathname}/`;
}

function anchorFor(text: string, date: TweetDate, url: string | undefined): string {
  const statusId = statusIdOf(url);
  if (statusId) return `tweet-${statusId}`;
  const words = firstWords(text, ANCHOR_WORDS).join("-");
  return `tweet-${date.iso.slice(0, 10)}${words ? `-${words}` : ""}`;
}

const ANCHOR_WORDS = 3;
const OPENING_LENGTH = 100;

/**
 * The first `count` slug words. Only the opening of a long text is read, cut at a space: no word
 * or link is split there, and Unicode normalization never moves a mark across a space, so the
 * opening reads as it does within the whole. The whole text is read when the opening has too
 * few words.
 */
function firstWords(text: string, count: number): string[] {
  const cut = text.length > OPENING_LENGTH ? text.lastIndexOf(" ", OPENING_LENGTH) : -1;
  const opening = cut > 0 ? slugWords(text.slice(0, cut)) : [];
  return (opening.length >= count ? opening : slugWords(text)).slice(0, count);
}

function slugWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/https?:\/\/\S+|pic\.twitter\.com\/\S+/g, " ")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function uniqueAnchor(anchor: string, taken: Set<string>): string {
  let candidate = anchor;
  for (let n = 2; taken.has(candidate); n++) candidate = `${anchor}-${n}`;
  taken.add(candidate);
  return candidate;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

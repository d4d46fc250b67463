import type { TweetDate } from "../tweet/dates.ts";

/** The view's shapes: what buildWallView makes and the site layer shows. */

/**
 * What the Atom and JSON feeds say, every address absolute (feed readers resolve nothing) and
 * every date in RFC 3339.
 */
export interface Feed {
  /** The wall's first page: the feed's link to the site, and the Atom feed's id. */
  homeUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** The newest entry's `updated`; for an empty wall, the epoch rather than the build's time. */
  updated: string;
  entries: FeedEntry[];
}

export interface FeedEntry {
  tweet: TweetView;
  /** Where the tweet moves on the wall (a tweet added before it, a new page size), this stays. */
  id: string;
  /** The tweet's permalink. */
  url: string;
  /** "Author: the first words". */
  title: string;
  /** When it was posted. */
  published: string;
  /** When it joined the wall, when the curator noted it; else when it was posted. */
  updated: string;
}

/**
 * One page of the wall: the first is at `/`, the others at `/page/N/`. Every `url` here is a
 * link, with the site's path prefix; `path` is where the site puts the page.
 */
export interface WallPage {
  number: number;
  path: string;
  url: string;
  tweets: TweetView[];
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  /** How many pages the wall has. */
  count: number;
  /** The page navigation's links, from pageNavItems. */
  nav: PageNavItem[];
  meta: PageMeta;
}

/**
 * What a page says of itself in its `<title>` and meta tags: plain text, which the layout
 * escapes once, as it does every value.
 */
export interface PageMeta {
  title: string;
  description: string;
}

/** What the pages of a wall need to know of its site. */
export interface PagedSite {
  title: string;
  intro: string;
  pathPrefix: string;
}

/** A link in the page navigation, or a run of pages left out of it. */
export type PageNavItem = { kind: "page"; number: number; url: string; current: boolean } | { kind: "gap" };

/** One bar of the tweets-per-period chart, with its geometry in SVG user units. */
export interface TimelineBar {
  label: string;
  /** What fits under the bar: "2022", or "Dec" on a monthly chart. */
  shortLabel: string;
  /** Accessible name, e.g. "2022: 13 tweets". */
  name: string;
  count: number;
  /** The filtered view this bar opens, relative to the wall's first page. */
  query: string;
  x: number;
  y: number;
  height: number;
}

export interface Timeline {
  unit: "year" | "month";
  bars: TimelineBar[];
  width: number;
  height: number;
  barWidth: number;
  /** Height of the plot area; labels sit below it. */
  plotHeight: number;
}

/**
 * What the site shows, built once from the checked curator files and frozen: plain, already-safe
 * values that templates display without computing.
 */
export interface WallView {
  site: SiteView;
  tweets: TweetView[];
  pages: WallPage[];
  /** The tweets that get a page of their own (none when the site turns tweet pages off). */
  tweetPages: TweetView[];
  timeline: Timeline | undefined;
  /** Years with tweets, newest first, for the year filter. */
  years: number[];
  /** What the Atom and JSON feeds hold; none without the site's address, which they need. */
  feed: Feed | undefined;
  /** "70 tweets", "1 tweet": the whole wall. */
  countText: string;
  /** The tags the shown tweets use, in the site's order of tags, then the others A to Z. */
  tags: TagView[];
  /** Every page of every tag: `/tags/<tag>/`, then `/tags/<tag>/page/2/`… */
  tagPages: TagPage[];
  /** The stats page's numbers; none for an empty wall. */
  stats: WallStats | undefined;
}

/** A tag the wall uses, for its filter chips and its page. */
export interface TagView extends TagLink {
  description: string | undefined;
  /** How many shown tweets carry it. */
  count: number;
}

/** One page of a tag's tweets, paged as the wall is. */
export interface TagPage extends WallPage {
  tag: TagView;
  /**
   * The page's tweets as runs of consecutive wall numbers: the card mechanism makes the cards
   * of a run (`{{ run | cards | safe }}`).
   */
  runs: TweetView[][];
}

/** A count in a stats table, with its bar's length in percent of the table's largest. */
export interface StatCount {
  label: string;
  count: number;
  percent: number;
}

/** The stats page at `/stats/`, computed once at build time from the shown tweets. */
export interface WallStats {
  path: string;
  /** A link, with the path prefix: for the layout's footer or header. */
  url: string;
  meta: PageMeta;
  /** Oldest first. */
  years: StatCount[];
  /** Months with tweets, oldest first: "December 2022", in the wall's language. */
  months: StatCount[];
  /** The ten most used of each, most used first, then A to Z. */
  hashtags: StatCount[];
  mentions: StatCount[];
  /** Hosts the tweets link to, without `www.`. */
  domains: StatCount[];
  /** The longest text (in characters), the first on the wall of equals. */
  longest: { tweet: TweetView; characters: number };
  /** The most liked, among tweets whose likes were stored. */
  mostLiked: { tweet: TweetView; likes: number } | undefined;
}

export interface SiteView {
  title: string;
  /** The intro as plain text, for the page description. */
  intro: string;
  /** The intro, escaped, with the site links that appear in it linked. */
  introHtml: string;
  language: string;
  author: AuthorView;
  /** Site links whose text does not appear in the intro, shown in the header. */
  links: { text: string; url: string }[];
  /** Scheme and host of the deployment (`https://example.org`), when known: canonical links, feeds. */
  origin: string | undefined;
  /** Where on that host the wall lives: `/`, or `/tweets/` for https://example.org/tweets/. */
  pathPrefix: string;
  /** The IANA time zone a date-time is shown in; a date-only value is that day everywhere. */
  timeZone: string;
  /** The curator's accent colour (#rrggbb), when set; the stylesheet keeps its own otherwise. */
  accent: string | undefined;
  /** Cards in columns, or one column. */
  layout: "grid" | "list";
}

/** Who wrote a tweet. An unknown author (a liked tweet imported without fetching) has a name to show and nothing else. */
export interface AuthorView {
  /** "Unknown author" when unknown. */
  name: string;
  /** Without its @; undefined when the author is unknown. */
  handle: string | undefined;
  profileUrl: string | undefined;
  /** "Name (@handle)", or "Unknown author": for feeds and titles. */
  byline: string;
  /** Their picture, by its path under the media folder. */
  avatar: string | undefined;
}

/** Where a tweet comes from, for a link and its hidden label. */
export interface TweetSource {
  url: string;
  label: string;
}

export interface TweetView {
  /** 1-based position on the wall (pinned first, then the site's order), hidden tweets left out. */
  number: number;
  /** Stable fragment id: from the status id when the URL has one, else date and first words. */
  anchor: string;
  /**
   * Escaped, linkified text; line breaks are kept as `\n` and shown with `white-space: pre-wrap`.
   * Empty when the text was only the link to a photo the wall shows.
   */
  html: string;
  /** The text without markup, for titles and feeds. */
  text: string;
  /** The language it is written in, when the curator gave it. */
  lang: string | undefined;
  date: TweetDate;
  /** When it joined the wall (the day's start, UTC, in ms), when the curator noted it. */
  added: number | undefined;
  author: AuthorView;
  /**
   * The original tweet when known, else the author's profile; none for a tweet by an unknown
   * author without its address.
   */
  source: TweetSource | undefined;
  /** Photos, videos and GIFs by their paths under the media folder; the site layer encodes them. */
  media: TweetMedia[];
  /** The tweet it quotes. */
  quote: QuotedTweetView | undefined;
  /** The tweet it replies to. */
  replyTo: ReplyView | undefined;
  /** The preview of the page it links to. */
  card: LinkCardView | undefined;
  /** Shown first on the wall and marked, as the curator pinned it. */
  pinned: boolean;
  /** The sections it belongs to, in the site's order of tags. */
  tags: TagLink[];
  /** The wall page holding this tweet, with its anchor (a link, with the path prefix). */
  wallUrl: string;
  /** The tweet's own page when the site has tweet pages, else its place on the wall (a link). */
  permalink: string;
  /** Where the site puts the tweet's own page, when it has tweet pages. */
  pagePath: string | undefined;
  /** The title and description of that page. */
  meta: PageMeta | undefined;
  previous: TweetLink | undefined;
  next: TweetLink | undefined;
}

/** A quoted tweet, shown nested in the card of the tweet quoting it. Its author is always known. */
export interface QuotedTweetView {
  html: string;
  text: string;
  lang: string | undefined;
  date: TweetDate;
  author: AuthorView;
  source: TweetSource;
  media: TweetMedia[];
  card: LinkCardView | undefined;
}

/** A tag as a tweet names it: its page at `/tags/<tag>/` (a link, with the path prefix). */
export interface TagLink {
  tag: string;
  /** The site's title for it, else the tag itself. */
  title: string;
  url: string;
}

export interface ReplyView {
  handle: string;
  profileUrl: string;
  /** The tweet replied to, when the curator linked it. */
  tweetUrl: string | undefined;
  /** Its words, escaped and linkified, when the curator stored them. */
  html: string | undefined;
}

/** The preview of a linked page, as X shows it under the tweet. */
export interface LinkCardView {
  /** An http(s) address: the schema refuses any other. */
  url: string;
  title: string;
  description: string | undefined;
  /** The curator's, else the link's host without `www.`. */
  domain: string;
  image: TweetImage | undefined;
}

/** An image by its path relative to the tweets file's folder, e.g. `media/1600537548036857856-a.jpg`. */
export interface TweetImage {
  src: string;
  width: number;
  height: number;
}

export type TweetMedia = TweetPhoto | TweetVideo;

export interface TweetPhoto extends TweetImage {
  type: "photo";
  alt: string;
}

/** A video, or a GIF (X serves it as a silent looping MP4); `src` is the MP4. */
export interface TweetVideo extends TweetImage {
  type: "video" | "gif";
  /** The image shown before it plays. */
  poster: string;
  alt: string | undefined;
}

export interface TweetLink {
  url: string;
  label: string;
}

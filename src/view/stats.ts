import { withPathPrefix } from "./pages.ts";
import { tweetCount } from "./timeline.ts";
import type { SiteView, StatCount, TweetView, WallStats } from "./types.ts";

/** What the stats page reads of a shown tweet besides its view: its likes, when stored. */
export interface StatsInput {
  view: TweetView;
  likes: number | undefined;
}

const TOP = 10;
export const STATS_PATH = "/stats/";

/**
 * The stats page's numbers, from the shown tweets in the wall's order: per year and month on the
 * day each is shown; the hashtags, mentions (either case counts as one, shown as first written)
 * and linked hosts (with the link card's) used by the most tweets; the longest and the most liked.
 */
export function buildStats(tweets: readonly StatsInput[], site: SiteView): WallStats | undefined {
  if (tweets.length === 0) return undefined;
  const years = new Tally<number>();
  const months = new Tally<number>();
  const hashtags = new Tally<string>();
  const mentions = new Tally<string>();
  const domains = new Tally<string>();
  let longest = { tweet: tweets[0]!.view, characters: -1 };
  let mostLiked: WallStats["mostLiked"];
  for (const { view, likes } of tweets) {
    const { year, month } = view.date;
    years.add(String(year), year);
    months.add(`${year}-${month}`, year * 12 + month);
    // Most tweets link nothing: they cost no tally of their own.
    if (view.card || view.html.includes("<a ")) countLinks(view, { hashtags, mentions, domains });
    // Code points are never more than UTF-16 units: only a text that long can be the longest.
    if (view.text.length > longest.characters) {
      const characters = codePoints(view.text);
      if (characters > longest.characters) longest = { tweet: view, characters };
    }
    if (likes !== undefined && (mostLiked === undefined || likes > mostLiked.likes))
      mostLiked = { tweet: view, likes };
  }
  const monthName = new Intl.DateTimeFormat(site.language, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return {
    path: STATS_PATH,
    url: withPathPrefix(site.pathPrefix, STATS_PATH),
    meta: {
      title: `Stats – ${site.title}`,
      description: `${tweetCount(tweets.length)} by year and month, their most used hashtags, mentions and links.`,
    },
    years: years.chronological(),
    months: months.chronological((key) =>
      monthName.format(Date.UTC(Math.floor((key - 1) / 12), (key - 1) % 12)),
    ),
    hashtags: hashtags.top(TOP),
    mentions: mentions.top(TOP),
    domains: domains.top(TOP),
    longest,
    mostLiked,
  };
}

const PHOTO_LINKS = new Set(["pic.twitter.com", "pic.x.com"]);

/** Each hashtag, mention and linked host of a tweet counted once for it, under its first spelling. */
function countLinks(
  view: TweetView,
  tallies: { hashtags: Tally<string>; mentions: Tally<string>; domains: Tally<string> },
): void {
  const seen = new Map<string, { tally: Tally<string>; label: string }>();
  const note = (tally: Tally<string>, label: string, key: string, kind: string) => {
    if (!seen.has(`${kind}${key}`)) seen.set(`${kind}${key}`, { tally, label });
  };
  for (const link of linksOf(view.html)) {
    if (link.kind === "hashtag") note(tallies.hashtags, link.text, link.text.toLowerCase(), "#");
    else if (link.kind === "mention") note(tallies.mentions, link.text, link.text.toLowerCase(), "@");
    else if (!PHOTO_LINKS.has(link.host)) note(tallies.domains, link.host, link.host, "/");
  }
  if (view.card) {
    const host = hostOf(view.card.url);
    note(tallies.domains, host, host, "/");
  }
  for (const [key, { tally, label }] of seen) tally.add(label, key.slice(1));
}

/** How many characters a person counts: code points, an emoji as one. */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by its low half is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

type Link =
  { kind: "hashtag"; text: string } | { kind: "mention"; text: string } | { kind: "url"; host: string };

// A link linkifyText made from an entity of findEntities: read back from the tweet's HTML, as
// finding them again in 100,000 texts would cost twitter-text's scan a second time (0.7 s).
// A photo chip (a pic.twitter.com link) has a class, and is no site.
const ENTITY_LINK = /<a href="([^"]*)" rel="nofollow">([^<]*)<\/a>/g;

function* linksOf(html: string): Generator<Link> {
  if (!html.includes("<a ")) return;
  for (const [, href, text] of html.matchAll(ENTITY_LINK)) {
    const sign = text!.charAt(0);
    if (sign === "#" || sign === "＃") yield { kind: "hashtag", text: text! };
    else if (sign === "@" || sign === "＠") yield { kind: "mention", text: text! };
    else yield { kind: "url", host: hostOf(href!) };
  }
}

/** The host of a link, without `www.`. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/** Counts by key, each under the label it was first seen with. */
class Tally<Key extends string | number> {
  private readonly counts = new Map<Key, { label: string; count: number }>();

  add(label: string, key: Key): void {
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { label, count: 1 });
  }

  /** By key, ascending (numeric keys: years, months). */
  chronological(labelOf?: (key: Key) => string): StatCount[] {
    const entries = [...this.counts].sort(([a], [b]) => Number(a) - Number(b));
    return withPercent(
      entries.map(([key, { label, count }]) => ({ label: labelOf ? labelOf(key) : label, count })),
    );
  }

  /** The `count` largest, then A to Z. */
  top(count: number): StatCount[] {
    const entries = [...this.counts.values()].sort(
      (a, b) => b.count - a.count || a.label.localeCompare(b.label, "en"),
    );
    return withPercent(entries.slice(0, count));
  }
}

function withPercent(counts: { label: string; count: number }[]): StatCount[] {
  let max = 0;
  for (const { count } of counts) max = Math.max(max, count);
  return counts.map(({ label, count }) => ({ label, count, percent: Math.round((count / max) * 100) }));
}

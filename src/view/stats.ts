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
    const named = new Map<Tally<string>, Map<string, string>>();
    const name = (tally: Tally<string>, label: string, key: string) => {
      let keys = named.get(tally);
      if (!keys) named.set(tally, (keys = new Map()));
      if (!keys.has(key)) keys.set(key, label);
    };
    for (const link of linksOf(view.html)) {
      if (link.kind === "hashtag") name(hashtags, link.text, link.text.toLowerCase());
      else if (link.kind === "mention") name(mentions, link.text, link.text.toLowerCase());
      else if (!PHOTO_LINKS.has(link.host)) name(domains, link.host, link.host);
    }
    if (view.card) {
      const host = hostOf(view.card.url);
      name(domains, host, host);
    }
    for (const [tally, keys] of named) for (const [key, label] of keys) tally.add(label, key);
    const characters = [...view.text].length;
    if (characters > longest.characters) longest = { tweet: view, characters };
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

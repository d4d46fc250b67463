import { findEntities } from "../tweet/linkify.ts";
import { withPathPrefix } from "./pages.ts";
import { tweetCount } from "./timeline.ts";
import type { SiteView, StatCount, TweetView, WallStats } from "./types.ts";

/** What the stats page reads of a shown tweet besides its view: its words as written, its likes. */
export interface StatsInput {
  view: TweetView;
  text: string;
  likes: number | undefined;
}

const TOP = 10;
export const STATS_PATH = "/stats/";

/**
 * The stats page's numbers, from the shown tweets in the wall's order: per year and month on the
 * day each is shown, the most used hashtags and mentions (either case counts as one, shown as
 * first written) and linked hosts (X's photo links are not sites), the longest and the most liked.
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
  for (const { view, text, likes } of tweets) {
    const { year, month } = view.date;
    years.add(String(year), year);
    months.add(`${year}-${month}`, year * 12 + month);
    for (const entity of findEntities(text)) {
      if (entity.kind === "hashtag") hashtags.add(entity.text, entity.text.toLowerCase());
      else if (entity.kind === "mention") mentions.add(entity.text, entity.text.toLowerCase());
      else {
        const host = new URL(entity.href).hostname.replace(/^www\./, "");
        if (!PHOTO_LINKS.has(host)) domains.add(host, host);
      }
    }
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

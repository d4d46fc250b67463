import type { Feed, FeedEntry, SiteView, TweetView } from "./types.ts";
import { tweetPagePath, withPathPrefix } from "./pages.ts";
import { statusAddressOf } from "./source.ts";
import { shorten } from "./text.ts";

/** How many tweets the feeds hold: the newest of the wall. */
export const FEED_LENGTH = 50;

/** The feeds of the wall; none without the site's address, which every link in them needs. */
export function buildFeed(site: SiteView, tweets: readonly TweetView[]): Feed | undefined {
  const { origin, pathPrefix } = site;
  if (origin === undefined) return undefined;
  const absolute = (path: string) => new URL(withPathPrefix(pathPrefix, path), origin).href;
  const ids = new Set<string>();
  const entries = newestTweets(tweets, FEED_LENGTH).map((tweet): FeedEntry => {
    // The status on X when the tweet is one (a tweet listed twice gets it once), else the
    // address of its own page, which its anchor makes unique and no wall page enters into:
    // the same whether or not the wall has tweet pages.
    let id = statusAddressOf(tweet.source);
    if (id === undefined || ids.has(id)) id = absolute(tweetPagePath(tweet.anchor));
    ids.add(id);
    return {
      tweet,
      id,
      url: new URL(tweet.permalink, origin).href,
      title: `${tweet.author.name}: ${shorten(tweet.text, 80)}`,
      published: rfc3339(tweet.date.timestamp),
      updated: rfc3339(joined(tweet)),
    };
  });
  return {
    homeUrl: absolute("/"),
    atomUrl: absolute("/feed.xml"),
    jsonUrl: absolute("/feed.json"),
    updated: entries[0]?.updated ?? rfc3339(0),
    entries,
  };
}

/**
 * The `count` newest of `tweets`, newest first: by the day each joined the wall when the curator
 * noted it, else by its own date; then by its own date; then the later in the list (given in the
 * file's order: tools append) first. Kept in order as the list is read once, without sorting it
 * whole: a wall can hold 100,000 tweets.
 */
export function newestTweets(tweets: readonly TweetView[], count: number): TweetView[] {
  const newest: TweetView[] = [];
  for (const tweet of tweets) {
    const last = newest[count - 1];
    if (last && newestFirst(tweet, last) > 0) continue;
    let low = 0;
    let high = newest.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(newest[middle]!, tweet) < 0) low = middle + 1;
      else high = middle;
    }
    newest.splice(low, 0, tweet);
    if (newest.length > count) newest.pop();
  }
  return newest;
}

function newestFirst(a: TweetView, b: TweetView): number {
  // Equals: the one read later goes first, as the search below puts it before them.
  return joined(b) - joined(a) || b.date.timestamp - a.date.timestamp;
}

function joined(tweet: TweetView): number {
  return tweet.added ?? tweet.date.timestamp;
}

/** `2022-12-03T00:00:00Z`: milliseconds only when there are some. */
function rfc3339(timestamp: number): string {
  return new Date(timestamp).toISOString().replace(/\.000Z$/, "Z");
}

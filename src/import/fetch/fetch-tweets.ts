import { DateTime } from "luxon";
import { tweetSchema, type TweetInput } from "../../curator/schema.ts";
import { statusIdOf } from "../../tweet/status.ts";
import { type ConvertedTweet, convertTweet, type MediaFile, visibleLine } from "./convert.ts";
import { fetchOembed } from "./oembed.ts";
import type { FetchSettings } from "./settings.ts";
import { storeTweetFiles } from "./store.ts";
import { fetchSyndication } from "./syndication.ts";

/**
 * Fetching tweets from X, once, at curation time: the one way in for `add URL…`, `refresh` and
 * the completing of liked tweets. The build never calls it.
 *
 *     const fetched = await fetchTweets(urls, { settings: fetchSettingsFromEnv() });
 *     for (const outcome of fetched) if (outcome.ok) await storeTweetFiles(outcome, dir, settings);
 *
 * Each tweet comes from the syndication API, else from oEmbed (text and author only).
 */

export type { FetchSettings } from "./settings.ts";
export { fetchSettingsFromEnv, DEFAULT_VIDEO_LIMIT_MB } from "./settings.ts";
export type { MediaFile, ConvertedTweet } from "./convert.ts";
export { storeTweetFiles, type StoreOutcome } from "./store.ts";

export interface FetchOptions {
  settings: FetchSettings;
  /** `added` and `fetched` of the tweets: today by default, on the curator's calendar. */
  today?: string;
  /** Called as each tweet is fetched (or fails): how many are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** One URL's tweet with the files it names (not downloaded yet), or why there is none. */
export type FetchOutcome =
  | ({ ok: true; url: string; id: string; via: "syndication" | "oembed" } & ConvertedTweet)
  | { ok: false; url: string; reason: string };

/** The tweets at `urls`, in their order, a few at a time. Never throws for what X answers. */
export function fetchTweets(urls: string[], options: FetchOptions): Promise<FetchOutcome[]> {
  return fetchEach(urls, options, (outcome) => outcome);
}

/** A tweet stored whole: its files written beside the tweets file, or why it was not. */
export type FetchedAndStored =
  | { ok: true; url: string; tweet: TweetInput; via: "syndication" | "oembed"; notes: string[] }
  | { ok: false; url: string; reason: string };

/** As `fetchTweets`, each tweet's files then downloaded into `tweetsDir` by `storeTweetFiles`. */
export function fetchAndStoreTweets(
  urls: string[],
  tweetsDir: string,
  options: FetchOptions,
): Promise<FetchedAndStored[]> {
  return fetchEach(urls, options, (outcome) =>
    outcome.ok ? storeOne(outcome, tweetsDir, options.settings) : outcome,
  );
}

/** Each URL fetched, then `then` done with its outcome, a few URLs at a time, progress told. */
async function fetchEach<R>(
  urls: string[],
  options: FetchOptions,
  then: (outcome: FetchOutcome) => R | Promise<R>,
): Promise<R[]> {
  const today = options.today ?? DateTime.now().toISODate();
  let done = 0;
  return mapLimit(urls, options.settings.concurrency, async (url) => {
    const result = await then(await fetchOne(url, options.settings, today));
    options.onProgress?.(++done, urls.length);
    return result;
  });
}

async function storeOne(
  fetched: Extract<FetchOutcome, { ok: true }>,
  tweetsDir: string,
  settings: FetchSettings,
): Promise<FetchedAndStored> {
  const { url, via } = fetched;
  const stored = await storeTweetFiles(fetched, tweetsDir, settings);
  return stored.ok
    ? { ok: true, url, via, tweet: stored.tweet, notes: stored.notes }
    : { ok: false, url, reason: stored.reason };
}

/** One URL's tweet, or why not in one line, whatever X's words in it hold. */
async function fetchOne(url: string, settings: FetchSettings, today: string): Promise<FetchOutcome> {
  const outcome = await fetchAsIs(url, settings, today);
  return outcome.ok ? outcome : { ...outcome, reason: visibleLine(outcome.reason) };
}

async function fetchAsIs(url: string, settings: FetchSettings, today: string): Promise<FetchOutcome> {
  const id = statusIdOf(url);
  if (id === undefined) return { ok: false, url, reason: "not a status URL on x.com or twitter.com" };
  const syndicated = await fetchSyndication(id, settings);
  if (syndicated.kind === "tweet") {
    const converted = convertTweet(syndicated.tweet, today);
    if (typeof converted === "string") return { ok: false, url, reason: converted };
    return { ok: true, url, id, via: "syndication", ...converted };
  }
  if (syndicated.kind === "gone") return { ok: false, url, reason: syndicated.reason };
  const embedded = await fetchOembed(id, url, settings);
  if (!embedded.ok) {
    return { ok: false, url, reason: `${syndicated.reason}; oEmbed: ${embedded.reason}` };
  }
  const tweet = { ...embedded.tweet, added: today, fetched: today };
  const checked = tweetSchema.safeParse(tweet);
  if (!checked.success) return { ok: false, url, reason: "X's oEmbed answer does not make a valid tweet" };
  return { ok: true, url, id, via: "oembed", tweet: checked.data, files: [] as MediaFile[] };
}

/** `work` on each item, at most `limit` at once, the results in the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

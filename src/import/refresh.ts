import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { mediaFilesOf } from "../curator/media.ts";
import type { TweetInput } from "../curator/schema.ts";
import { withFileLock, writeTweetsFile } from "../curator/write.ts";
import { sameHandle } from "../tweet/handle.ts";
import { plural } from "../tweet/plural.ts";
import { statusIdOf } from "../tweet/status.ts";
import type { PartialOutcome } from "./add-tweet.ts";
import { DEFAULT_ALT } from "./fetch/convert.ts";
import { type FetchSettings, fetchTweets, storeTweetFiles } from "./fetch/fetch-tweets.ts";
import { type Progress, readExisting, today } from "./import-tweets.ts";

export interface RefreshOptions {
  tweetsFile: string;
  settings: FetchSettings;
  /** Only the tweets with these status ids. */
  ids?: Set<string> | undefined;
  /** Say what would change; fetch, but download and write nothing. */
  dryRun: boolean;
  /** Also replace the curator's words (text, alt texts, author names) with X's. */
  overwriteText: boolean;
  progress?: Progress;
}

/**
 * Fills in what the tweets with a status URL lack, fetched from X: the author and their
 * picture, media, language, the quote, the reply, the card, likes. What the curator wrote is
 * kept (text, alt texts, author names) unless `overwriteText` says otherwise, and nothing that
 * is there is replaced by X's newer version of it. A tweet changed in the file while X was
 * being asked is left as it is now.
 */
export async function refreshTweets(options: RefreshOptions): Promise<PartialOutcome> {
  const { tweetsFile, settings, ids, dryRun } = options;
  const before = await readExisting(tweetsFile, "adding to");
  if (!before.ok) return { report: [], errors: before.errors };
  const chosen = before.value.tweets.flatMap((tweet, index) => {
    const id = statusIdOf(tweet.url);
    return id !== undefined && tweet.url !== undefined && (!ids || ids.has(id))
      ? [{ tweet, url: tweet.url, position: index + 1 }]
      : [];
  });
  const missingIds = [...(ids ?? [])].filter((id) => !chosen.some(({ url }) => statusIdOf(url) === id));
  const errors = missingIds.map((id) => `--ids: no tweet in ${tweetsFile} has the status id ${id}`);
  if (chosen.length === 0)
    return { report: [`no tweet with a status URL to refresh in ${tweetsFile}`], errors };

  const bar = options.progress?.(`Fetching ${plural(chosen.length, "tweet")}`);
  const fetched = await fetchTweets(
    chosen.map(({ url }) => url),
    { settings, today: today(), onProgress: bar?.draw },
  ).finally(bar?.finish);

  const report: string[] = [];
  const updates: { position: number; was: TweetInput; now: TweetInput }[] = [];
  const tweetsDir = path.dirname(path.resolve(tweetsFile));
  for (const [index, outcome] of fetched.entries()) {
    const { tweet: was, position, url } = chosen[index]!;
    if (!outcome.ok) {
      errors.push(`tweet ${position} (${url}): ${outcome.reason}`);
      continue;
    }
    let now = fillIn(was, outcome.tweet, options.overwriteText);
    if (isDeepStrictEqual(now, was)) continue;
    const named = new Set(mediaFilesOf(was).map((file) => file.src));
    const files = outcome.files.filter(
      (file) => !named.has(file.src) && mediaFilesOf(now).some((f) => f.src === file.src),
    );
    if (dryRun) {
      report.push(`would update tweet ${position} (${url}): ${changedFields(was, now).join(", ")}`);
      continue;
    }
    const stored = await storeTweetFiles({ tweet: now, files }, tweetsDir, settings);
    if (!stored.ok) {
      errors.push(`tweet ${position} (${url}): ${stored.reason}`);
      continue;
    }
    now = stored.tweet;
    for (const note of stored.notes) report.push(`  ${url}: ${note}`);
    updates.push({ position, was, now });
  }
  if (dryRun) return { report: [...report, summary(report.length, chosen.length, true)], errors };
  if (updates.length === 0) return { report: [summary(0, chosen.length, false)], errors };

  const locked = await withFileLock(tweetsFile, async () => {
    const existing = await readExisting(tweetsFile, "adding to");
    if (!existing.ok) return existing;
    const tweets = [...existing.value.tweets];
    const lines: string[] = [];
    for (const { was, now } of updates) {
      const at = tweets.findIndex((tweet) => isDeepStrictEqual(tweet, was));
      if (at === -1) {
        lines.push(`left ${now.url} as it is: it changed in the file while X was asked; refresh again`);
        continue;
      }
      tweets[at] = now;
      lines.push(`updated tweet ${at + 1} (${now.url}): ${changedFields(was, now).join(", ")}`);
    }
    await writeTweetsFile(tweetsFile, tweets, {
      schemaRef: existing.value.schemaRef,
      schemaFile: JSON_SCHEMA_FILE,
    });
    return { ok: true as const, lines };
  });
  if (!locked.ok) return { report, errors: [...errors, locked.error] };
  if (!locked.value.ok) return { report, errors: [...errors, ...locked.value.errors] };
  return {
    report: [...locked.value.lines, ...report, summary(updates.length, chosen.length, false)],
    errors,
  };
}

/**
 * `stored` with what it lacks taken from `fetched`. With `overwriteText`, X's text, alt texts
 * and author name also replace the curator's.
 */
function fillIn(stored: TweetInput, fetched: TweetInput, overwriteText: boolean): TweetInput {
  const filled: TweetInput = { ...stored };
  if (overwriteText) filled.text = fetched.text;
  const author = stored.author;
  if (author == null) {
    if (fetched.author) filled.author = fetched.author;
  } else if (fetched.author && sameHandle(author.handle, fetched.author.handle)) {
    filled.author = {
      ...author,
      ...(overwriteText && { name: fetched.author.name }),
      ...(author.avatar === undefined &&
        fetched.author.avatar !== undefined && { avatar: fetched.author.avatar }),
    };
  }
  filled.lang = stored.lang ?? fetched.lang;
  filled.media = stored.media ?? fetched.media;
  if (overwriteText && stored.media && fetched.media?.length === stored.media.length) {
    filled.media = stored.media.map((item, index) => {
      const alt = fetched.media?.[index]?.alt;
      return alt === undefined || alt === DEFAULT_ALT ? item : { ...item, alt };
    });
  }
  filled.quote = stored.quote ?? fetched.quote;
  if (!stored.replyTo) filled.replyTo = fetched.replyTo;
  else if (fetched.replyTo && sameHandle(stored.replyTo.handle, fetched.replyTo.handle)) {
    filled.replyTo = { ...fetched.replyTo, ...stored.replyTo };
  }
  filled.card = stored.card ?? fetched.card;
  if (stored.card && !stored.card.image && fetched.card?.image && fetched.card.url === stored.card.url) {
    filled.card = { ...stored.card, image: fetched.card.image };
  }
  filled.likes = stored.likes ?? fetched.likes;
  const tidy = withoutUndefined(filled);
  return isDeepStrictEqual(tidy, withoutUndefined(stored)) ? stored : { ...tidy, fetched: fetched.fetched };
}

function withoutUndefined(tweet: TweetInput): TweetInput {
  return Object.fromEntries(Object.entries(tweet).filter(([, value]) => value !== undefined)) as TweetInput;
}

function changedFields(was: TweetInput, now: TweetInput): string[] {
  const keys = new Set([...Object.keys(was), ...Object.keys(now)]);
  return [...keys].filter(
    (key) =>
      key !== "fetched" && !isDeepStrictEqual(was[key as keyof TweetInput], now[key as keyof TweetInput]),
  );
}

function summary(changed: number, asked: number, dryRun: boolean): string {
  return `${dryRun ? "would update" : "updated"} ${plural(changed, "tweet")} of ${asked} with a status URL`;
}

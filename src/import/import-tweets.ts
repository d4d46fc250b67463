import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import {
  type ArchiveImport,
  type ArchiveProgress,
  ArchiveError,
  type ArchiveSelection,
  copyArchiveMedia,
  looksLikeArchive,
  readArchive,
} from "./archive.ts";
import { looksLikeEmbedHtml, parseEmbedHtml } from "./embed-html.ts";
import { SourceError } from "./source-error.ts";
import { parseWallText } from "./wall-text.ts";
import { readArchiveLikes } from "./archive/likes.ts";
import { fetchAndStoreTweets, fetchTweets, type FetchSettings } from "./fetch/fetch-tweets.ts";
import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { readTweetsFile, readText, parseSiteJson, type TweetsDocument } from "../curator/read.ts";
import { dayOf } from "../tweet/identity.ts";
import { mergeTweets } from "./merge.ts";
import { statusIdOf } from "../tweet/status.ts";
import { formatProblem } from "../curator/problems.ts";
import { orderSiteKeys, withFileLock, writeJsonAtomic, writeTweetsFile } from "../curator/write.ts";
import { plural } from "../tweet/plural.ts";
import { type AuthorInput, type SiteInput, tweetSchema, type TweetInput } from "../curator/schema.ts";
import { sameHandle } from "../tweet/handle.ts";
import { curated, type Curation, NO_CURATION } from "./curation.ts";

export type SourceFormat = "wall-text" | "embed-html" | "archive" | "archive-likes";

export interface ImportOptions {
  source: string;
  tweetsFile: string;
  siteFile: string;
  selection: ArchiveSelection;
  dryRun: boolean;
  /** Import the archive's likes (`data/like.js`) instead of its own tweets. */
  likes?: boolean;
  /** With `likes`: where to fetch each liked tweet from to complete it; not fetched without. */
  fetch?: FetchSettings | undefined;
  /** Shows how far a long read has come (the CLI draws a bar on a terminal). */
  progress?: Progress;
  /** `--tag` and `--pin`, for every tweet imported. */
  curation?: Curation;
}

/** A progress display for `label`: of bytes, or with a `unit` ("tweets") of whole things. */
export type Progress = (label: string, unit?: string) => { draw: ArchiveProgress; finish: () => void };

/** What a curating command did (its report), or why it did nothing. */
export type CommandOutcome = { ok: true; report: string[] } | { ok: false; errors: string[] };

interface ImportedSource {
  format: SourceFormat;
  tweets: TweetInput[];
  site?: SiteInput;
  media: ArchiveImport["media"];
  notes: string[];
}

const ARCHIVE_ONLY: (keyof ArchiveSelection)[] = ["minLikes", "noReplies", "noRetweets"];

/**
 * Imports tweets from a plain-text wall, a page of embeds or an X archive into the tweets file:
 * added after the curator's own, never duplicated, never reordered; the file is rewritten only
 * once everything was read and checked, so a bad source leaves it exactly as it was.
 */
export async function importTweets(options: ImportOptions): Promise<CommandOutcome> {
  const { source, tweetsFile, siteFile, selection, dryRun } = options;
  // Checked before a long read of the source, and read again under the lock to merge into.
  const before = await readExisting(tweetsFile, "importing into");
  if (!before.ok) return before;

  let imported: ImportedSource;
  try {
    imported = options.likes
      ? await readLikesSource(options, statusIdsOf(before.value.tweets))
      : await readSource(source, selection, options.progress);
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, errors: [error.message] };
    throw error;
  }

  const siteText = await readText(siteFile);
  const site = typeof siteText === "string" ? parseSiteJson(siteText, siteFile) : undefined;
  const siteAuthor = site?.ok ? site.value.author : imported.site?.author;
  const added = today();
  const tweets = imported.tweets.map((tweet) =>
    curated({ ...withoutDefaultAuthor(tweet, siteAuthor), added }, options.curation ?? NO_CURATION),
  );
  const invalid = tweets.flatMap((tweet, index) => problemsOfImported(source, tweet, index));
  if (invalid.length > 0) return { ok: false, errors: invalid };

  if (dryRun) {
    const plan = planImport(options, imported, tweets, before.value, !(await exists(siteFile)));
    return { ok: true, report: plan.report };
  }
  const locked = await withFileLock(tweetsFile, async (): Promise<CommandOutcome> => {
    const existing = await readExisting(tweetsFile, "importing into");
    if (!existing.ok) return existing;
    const plan = planImport(options, imported, tweets, existing.value, !(await exists(siteFile)));
    try {
      if (plan.media.length > 0) {
        await copyArchiveMedia(source, plan.media, path.dirname(path.resolve(tweetsFile)));
      }
    } catch (error) {
      if (error instanceof SourceError) return { ok: false, errors: [error.message] };
      throw error;
    }
    if (plan.merged.added.length > 0 || !existing.value.existed) {
      await writeTweetsFile(tweetsFile, plan.merged.tweets, {
        schemaRef: existing.value.schemaRef,
        schemaFile: JSON_SCHEMA_FILE,
      });
    }
    if (plan.site) await writeJsonAtomic(siteFile, orderSiteKeys(plan.site));
    return { ok: true, report: plan.report };
  });
  return locked.ok ? locked.value : { ok: false, errors: [locked.error] };
}

/** What importing `tweets` into the file as it is now adds, skips, copies and writes, in words. */
function planImport(
  { source, tweetsFile, siteFile, dryRun }: ImportOptions,
  imported: ImportedSource,
  tweets: TweetInput[],
  existing: ExistingTweets,
  siteMissing: boolean,
) {
  const merged = mergeTweets(existing.tweets, tweets);
  const addedMedia = new Set(merged.added.flatMap((tweet) => (tweet.media ?? []).map((image) => image.src)));
  const media = imported.media.filter((file) => addedMedia.has(file.to));
  // Only where there is none: a site file the curator made is never replaced.
  const site = siteMissing ? imported.site : undefined;
  const would = (done: string, planned: string) => (dryRun ? planned : done);
  const report = [
    `${source} (${describeFormat(imported.format)}): ${plural(imported.tweets.length, "tweet")} to import`,
    ...imported.notes,
    `${would("added", "would add")} ${plural(merged.added.length, "tweet")} to ${tweetsFile}, skipped ${merged.skipped.length}`,
    ...(dryRun ? merged.added.map((tweet) => `  add "${preview(tweet.text)}" (${tweet.date})`) : []),
    ...merged.skipped.map(
      ({ tweet, reason }) => `  skip "${preview(tweet.text)}" (${tweet.date}): ${reason}`,
    ),
    ...(media.length > 0
      ? [
          `${would("copied", "would copy")} ${plural(media.length, "image")} into ${mediaFolderOf(tweetsFile)}`,
        ]
      : []),
    ...(site ? [`${would("wrote", "would write")} ${siteFile} (title, intro, author)`] : []),
  ];
  return { merged, media, site, report };
}

/**
 * The archive's likes, each fetched from X to complete it unless `fetch` is off (a dry run
 * fetches but downloads nothing). A like X can't give keeps the archive's words and an unknown
 * author; one without words or date in the archive either is left out, with the reasons. Likes
 * already in the tweets file are not fetched again. A liked tweet is never the curator's: its
 * author is X's, or unknown (`null`).
 */
async function readLikesSource(
  { source, selection, tweetsFile, dryRun, fetch, progress: progressOf = noProgress }: ImportOptions,
  alreadyIn: Set<string>,
): Promise<ImportedSource> {
  const misplaced = ARCHIVE_ONLY.filter((flag) => selection[flag] !== undefined && selection[flag] !== false);
  if (misplaced.length > 0) {
    throw new ArchiveError(
      { file: source },
      `${misplaced.map(flagName).join(", ")} only ${misplaced.length === 1 ? "applies" : "apply"} to the archive's own tweets, not its likes`,
      "--ids, --since, --until or --limit with --likes",
    );
  }
  const reading = progressOf(`Reading the likes of ${path.basename(source)}`);
  const read = await readArchiveLikes(source, selection, reading.draw).finally(reading.finish);
  const notes = [`read ${plural(read.read, "like")} from the archive, selected ${read.likes.length}`];
  notes.push(...read.missingIds.map((id) => `  no like of ${id} in the archive`));

  const toFetch = fetch ? read.likes.filter((like) => !alreadyIn.has(like.id)) : [];
  const fetched = new Map<string, TweetInput>();
  const failed = new Map<string, string>();
  if (fetch && toFetch.length > 0) {
    const fetching = progressOf("Fetching the liked tweets from X", "tweets");
    const options = { settings: fetch, onProgress: fetching.draw };
    const urls = toFetch.map((like) => like.url);
    const outcomes = await (
      dryRun
        ? fetchTweets(urls, options)
        : fetchAndStoreTweets(urls, path.dirname(path.resolve(tweetsFile)), options)
    ).finally(fetching.finish);
    outcomes.forEach((outcome, index) => {
      const { id } = toFetch[index]!;
      if (outcome.ok) fetched.set(id, outcome.tweet);
      else failed.set(id, outcome.reason);
    });
    notes.push(`fetched ${fetched.size} of ${plural(toFetch.length, "liked tweet")} from X`);
  }
  const tweets: TweetInput[] = [];
  for (const like of read.likes) {
    const whole = fetched.get(like.id);
    const reason = failed.get(like.id);
    if (whole) tweets.push(whole);
    else if (like.tweet) tweets.push(like.tweet);
    if (reason !== undefined)
      notes.push(
        like.tweet
          ? `  kept the archive's words for ${like.url}, as X did not give it: ${reason}`
          : `  left out ${like.url}: ${like.incomplete}, and X did not give it: ${reason}`,
      );
    else if (!whole && !like.tweet) notes.push(`  left out ${like.url}: ${like.incomplete}`);
  }
  return { format: "archive-likes", tweets, media: [], notes };
}

const noProgress: Progress = () => ({ draw: () => {}, finish: () => {} });

function statusIdsOf(tweets: readonly TweetInput[]): Set<string> {
  return new Set(tweets.flatMap((tweet) => statusIdOf(tweet.url) ?? []));
}

async function readSource(
  source: string,
  selection: ArchiveSelection,
  progressOf: Progress = noProgress,
): Promise<ImportedSource> {
  const format = await detectFormat(source);
  if (format !== "archive") {
    const misplaced = ARCHIVE_ONLY.filter(
      (flag) => selection[flag] !== undefined && selection[flag] !== false,
    );
    if (misplaced.length > 0) {
      throw new ArchiveError(
        { file: source },
        `${misplaced.map(flagName).join(", ")} only apply to X archives, and this is ${describeFormat(format)}`,
        "an X archive folder, .zip or tweets.js",
      );
    }
  }
  if (format === "archive") {
    const progress = progressOf(`Reading ${path.basename(source)}`);
    const archive = await readArchive(source, selection, progress.draw).finally(progress.finish);
    const notes = [
      `read ${plural(archive.read, "tweet")} from the archive, selected ${archive.selected}`,
      ...archive.skippedByReason.map(
        ({ reason, count }) => `  not selected (${reason}): ${plural(count, "tweet")}`,
      ),
    ];
    return { format, tweets: archive.tweets, media: archive.media, notes };
  }
  const text = await readFile(source, "utf8");
  if (format === "embed-html") {
    return { format, tweets: selectGeneric(parseEmbedHtml(text, source), selection), media: [], notes: [] };
  }
  const wall = parseWallText(text, source);
  return { format, tweets: selectGeneric(wall.tweets, selection), site: wall.site, media: [], notes: [] };
}

export async function detectFormat(source: string): Promise<SourceFormat> {
  const info = await stat(source).catch(() => undefined);
  if (!info)
    throw new ArchiveError(
      { file: source },
      "no such file or folder",
      "a file or an archive folder to import",
    );
  if (info.isDirectory()) {
    if (looksLikeArchive(source, "")) return "archive";
    throw new ArchiveError(
      { file: source },
      "a folder that is not an X archive",
      "a folder holding data/tweets.js",
    );
  }
  const head = (await readFile(source)).subarray(0, 4096).toString("utf8");
  if (looksLikeArchive(source, head) || /\.(zip|js)$/i.test(source)) return "archive";
  if (/\.html?$/i.test(source) || looksLikeEmbedHtml(head)) return "embed-html";
  return "wall-text";
}

/** For formats other than archives, the selection flags that make sense everywhere. */
function selectGeneric(tweets: TweetInput[], { ids, since, until, limit }: ArchiveSelection): TweetInput[] {
  const selected = tweets.filter((tweet) => {
    const id = statusIdOf(tweet.url);
    if (ids && (!id || !ids.has(id))) return false;
    if (since && dayOf(tweet.date) < since) return false;
    if (until && dayOf(tweet.date) > until) return false;
    return true;
  });
  return limit === undefined ? selected : selected.slice(0, limit);
}

function withoutDefaultAuthor(tweet: TweetInput, siteAuthor: AuthorInput | undefined): TweetInput {
  // A fetched author's picture is more than the site's author says: kept with the tweet.
  if (!tweet.author || !siteAuthor || tweet.author.avatar) return tweet;
  if (!sameHandle(tweet.author.handle, siteAuthor.handle) || tweet.author.name !== siteAuthor.name)
    return tweet;
  const { author: _default, ...rest } = tweet;
  return rest;
}

function problemsOfImported(source: string, tweet: TweetInput, index: number): string[] {
  const result = tweetSchema.safeParse(tweet);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) =>
      `${source}: imported tweet ${index + 1} ("${preview(tweet.text)}"), field "${issue.path.join(".")}": expected ${issue.message}`,
  );
}

type ExistingTweets = TweetsDocument & { existed: boolean };

/** The tweets file as it is, or none yet; a file that does not pass the checks stops `doing`. */
export async function readExisting(
  tweetsFile: string,
  doing: "adding to" | "importing into",
): Promise<{ ok: true; value: ExistingTweets } | { ok: false; errors: string[] }> {
  if (!(await exists(tweetsFile))) return { ok: true, value: { tweets: [], existed: false } };
  const existing = await readTweetsFile(tweetsFile);
  if (existing.ok) return { ok: true, value: { ...existing.value, existed: true } };
  return {
    ok: false,
    errors: [...existing.problems.map(formatProblem), `${tweetsFile} must be valid before ${doing} it`],
  };
}

/** Whether something is at `file`: anything but "no such file", so nothing there is written over. */
async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
  );
}

/** Today, the `added` day of tweets added now: the curator's calendar day, not UTC's. */
export function today(): string {
  return DateTime.now().toISODate();
}

function describeFormat(format: SourceFormat): string {
  return {
    "wall-text": "a plain-text wall",
    "embed-html": "a page of tweet embeds",
    archive: "an X archive",
    "archive-likes": "the likes of an X archive",
  }[format];
}

function flagName(flag: keyof ArchiveSelection): string {
  return `--${flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function mediaFolderOf(tweetsFile: string): string {
  return path.join(path.dirname(tweetsFile), "media");
}

export function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
}

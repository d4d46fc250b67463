import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { parseSiteJson, readText } from "../curator/read.ts";
import path from "node:path";
import { mergeTweets } from "./merge.ts";
import { withFileLock, writeTweetsFile } from "../curator/write.ts";
import { type AuthorInput, tweetSchema, type TweetInput } from "../curator/schema.ts";
import { bareHandle, sameHandle } from "../tweet/handle.ts";
import { dateOfStatusId, handleOfStatusUrl, statusIdOf } from "../tweet/status.ts";
import type { CommandOutcome, Progress } from "./import-tweets.ts";
import { preview, readExisting, today } from "./import-tweets.ts";
import { fetchAndStoreTweets, type FetchSettings } from "./fetch/fetch-tweets.ts";
import { curated, type Curation, NO_CURATION } from "./curation.ts";

export interface AddOptions {
  tweetsFile: string;
  siteFile: string;
  text?: string | undefined;
  date?: string | undefined;
  url?: string | undefined;
  authorName?: string | undefined;
  authorHandle?: string | undefined;
  /** `--tag` and `--pin`. */
  curation?: Curation;
}

/**
 * Appends one tweet, checked against the same schema as the build. Given a status URL, the
 * date may be left out: it is read from the status id.
 */
export async function addTweet(options: AddOptions): Promise<CommandOutcome> {
  const { tweetsFile, text, url } = options;
  const statusId = statusIdOf(url);
  const date = options.date ?? (statusId ? dateOfStatusId(statusId) : undefined);
  const author = await authorOf(options);
  if (typeof author === "string") return { ok: false, errors: [author] };
  const { tags, pinned } = options.curation ?? NO_CURATION;
  const candidate = {
    text,
    date,
    ...(url === undefined ? {} : { url }),
    ...(author === undefined ? {} : { author }),
    added: today(),
    ...(tags.length > 0 ? { tags } : {}),
    ...(pinned ? { pinned: true } : {}),
  };
  const checked = tweetSchema.safeParse(candidate);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => {
        const field = issue.path.join(".");
        const missing = field === "date" && date === undefined ? " (or a status URL to read it from)" : "";
        return `add: --${field.replace(".", "-")}: expected ${issue.message}${missing}`;
      }),
    };
  }
  const locked = await withFileLock(tweetsFile, () => append(tweetsFile, checked.data));
  return locked.ok ? locked.value : { ok: false, errors: [locked.error] };
}

async function append(tweetsFile: string, tweet: TweetInput): Promise<CommandOutcome> {
  const existing = await readExisting(tweetsFile, "adding to");
  if (!existing.ok) return existing;
  const merged = mergeTweets(existing.value.tweets, [tweet]);
  const [skipped] = merged.skipped;
  if (skipped) return { ok: true, report: [`nothing added: "${preview(tweet.text)}" is ${skipped.reason}`] };
  await writeTweetsFile(tweetsFile, merged.tweets, {
    schemaRef: existing.value.schemaRef,
    schemaFile: JSON_SCHEMA_FILE,
  });
  return {
    ok: true,
    report: [
      `added "${preview(tweet.text)}" (${tweet.date}) as tweet ${merged.tweets.length} of ${tweetsFile}`,
    ],
  };
}

/**
 * Who wrote it: as given, else the account its status URL names, its handle standing in for the
 * name, which is not known offline. None for the site's own author, who is every tweet's default
 * and has a real name there.
 */
async function authorOf({
  url,
  authorName,
  authorHandle,
  siteFile,
}: AddOptions): Promise<AuthorInput | undefined | string> {
  const handle = authorHandle ?? handleOfStatusUrl(url);
  if (handle === undefined) {
    return authorName === undefined
      ? undefined
      : "add: --author-name: expected --author-handle with it, or a status URL naming the account";
  }
  if (authorName === undefined) {
    const siteText = await readText(siteFile);
    const site = typeof siteText === "string" ? parseSiteJson(siteText, siteFile) : undefined;
    if (site?.ok && sameHandle(handle, site.value.author.handle)) return undefined;
  }
  return { name: authorName ?? bareHandle(handle), handle };
}

export interface AddByUrlOptions {
  tweetsFile: string;
  /** Status URLs, in the order their tweets are added. */
  urls: string[];
  settings: FetchSettings;
  progress?: Progress;
  /** `--tag` and `--pin`, for every tweet added. */
  curation?: Curation;
}

/** What a command did and what went wrong; both may hold lines, and any error fails the command. */
export interface PartialOutcome {
  report: string[];
  errors: string[];
}

/**
 * Adds the tweets at `urls`, each fetched from X once and stored whole with its files under
 * `media/`. A tweet already in the file (by status id) is skipped before anything is asked of
 * X. A tweet that can't be fetched is named with why, and the others are added all the same;
 * its files were not written, and the tweets file is only written when some tweet was added.
 */
export async function addTweetsByUrl({
  tweetsFile,
  urls,
  settings,
  progress,
  curation = NO_CURATION,
}: AddByUrlOptions): Promise<PartialOutcome> {
  const before = await readExisting(tweetsFile, "adding to");
  if (!before.ok) return { report: [], errors: before.errors };
  const report: string[] = [];
  const errors: string[] = [];
  const positions = new Map(
    before.value.tweets.flatMap((tweet, index) => {
      const id = statusIdOf(tweet.url);
      return id === undefined ? [] : [[id, index + 1] as const];
    }),
  );
  const wanted = new Map<string, string>();
  for (const url of urls) {
    const id = statusIdOf(url);
    if (id === undefined)
      errors.push(`${url}: not a status URL, expected one like https://x.com/jack/status/20`);
    else if (positions.has(id))
      report.push(`skipped ${url}: already in the file as tweet ${positions.get(id)}`);
    else if (!wanted.has(id)) wanted.set(id, url);
  }
  if (wanted.size === 0) return { report, errors };

  const bar = progress?.(`Fetching ${wanted.size === 1 ? "1 tweet" : `${wanted.size} tweets`}`);
  const outcomes = await fetchAndStoreTweets([...wanted.values()], path.dirname(path.resolve(tweetsFile)), {
    settings,
    today: today(),
    onProgress: bar?.draw,
  }).finally(bar?.finish);
  const fetched = outcomes.flatMap((outcome) => {
    if (outcome.ok) return [{ ...outcome, tweet: curated(outcome.tweet, curation) }];
    errors.push(`${outcome.url}: ${outcome.reason}`);
    return [];
  });
  if (fetched.length === 0) return { report, errors };

  const locked = await withFileLock(tweetsFile, async () => {
    const existing = await readExisting(tweetsFile, "adding to");
    if (!existing.ok) return existing;
    const merged = mergeTweets(
      existing.value.tweets,
      fetched.map(({ tweet }) => tweet),
    );
    if (merged.added.length > 0) {
      await writeTweetsFile(tweetsFile, merged.tweets, {
        schemaRef: existing.value.schemaRef,
        schemaFile: JSON_SCHEMA_FILE,
      });
    }
    return { ok: true as const, merged };
  });
  if (!locked.ok) return { report, errors: [...errors, locked.error] };
  if (!locked.value.ok) return { report, errors: [...errors, ...locked.value.errors] };
  const { merged } = locked.value;
  for (const { url, tweet, via, notes } of fetched) {
    const position = merged.tweets.indexOf(tweet) + 1;
    const skipped = merged.skipped.find((entry) => entry.tweet === tweet);
    if (skipped) {
      report.push(`skipped ${url}: ${skipped.reason}`);
      continue;
    }
    const source = via === "oembed" ? " (from X's oEmbed: text and author only)" : "";
    report.push(
      `added "${preview(tweet.text)}" (${tweet.date.slice(0, 10)}) as tweet ${position} of ${tweetsFile}${source}`,
    );
    for (const note of notes) report.push(`  ${url}: ${note}`);
  }
  return { report, errors };
}

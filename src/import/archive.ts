import { readFile } from "node:fs/promises";
import path from "node:path";
import { authorSchema, type AuthorInput, type TweetInput } from "../curator/schema.ts";
import { writeFileAtomic } from "../curator/write.ts";
import { ArchiveError } from "./archive/error.ts";
import { isArchiveFolder, isZipPath, openArchive, readWhole, type ArchiveFile } from "./archive/source.ts";
import {
  type ArchivedTweet,
  convertTweet,
  parseCreatedAt,
  readArchivedTweet,
  unreadableDate,
} from "./archive/tweet.ts";
import { forEachYtdElement } from "./archive/ytd.ts";

/**
 * Importer for the X (Twitter) account archive, "Download an archive of your data": its folder,
 * its .zip, or its `data/tweets.js` alone.
 *
 *     data/account.js         window.YTD.account.part0 = [ { "account": { "username": … } } ]
 *     data/tweets.js          window.YTD.tweets.part0 = [ { "tweet": { "id_str": … } }, … ]
 *     data/tweets-part1.js    … the rest of a large archive, window.YTD.tweets.part1 = [ …
 *     data/tweets_media/      1600537548036857856-FjXyZabc.jpg: <tweet id>-<name of the image>
 *
 * Archives from before 2020 say `tweet.js` and `tweet_media/`. The tweets files are streamed, so
 * an archive of 100,000 tweets is read in seconds with flat memory.
 *
 * Each tweet gets its text (see `convertTweet`), its date in UTC, its `https://x.com/<username>/
 * status/<id>` link (`/i/status/` without account.js) and the archive owner as author. A retweet
 * keeps its `RT @user: …` text, shortened by X as it is, and the owner as author: that is whose
 * archive and wall it is. Images whose file is in the archive become `media` entries; videos and
 * GIFs stay a `pic.twitter.com/…` link in the text. Tweets keep the archive's order, which is
 * newest first.
 */

export { ArchiveError } from "./archive/error.ts";

export interface ArchiveSelection {
  /** Only the tweets with these ids (`id_str`). */
  ids?: Set<string>;
  /** Only tweets with at least this many likes. */
  minLikes?: number;
  /** Only tweets posted on or after this day, `YYYY-MM-DD`, in UTC. */
  since?: string;
  /** Only tweets posted on or before this day, `YYYY-MM-DD`, in UTC. */
  until?: string;
  /** Leave out replies: tweets with `in_reply_to_status_id_str`. */
  noReplies?: boolean;
  /** Leave out retweets: text starting `RT @`, or a `retweeted_status`. */
  noRetweets?: boolean;
  /** At most this many: the first selected in archive order, so the newest. */
  limit?: number;
}

/**
 * Why a tweet was left out: the first rule, in this order, that it fails. A tweet left out by one
 * rule is not checked further, so a date that can't be read only stops the import when the tweet
 * got that far.
 */
export const SKIP_REASONS = [
  "not among the ids",
  "retweet",
  "reply",
  "too few likes",
  "before since",
  "after until",
  "over the limit",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** An image to copy from the archive to beside the tweets file. */
export interface ArchiveMediaCopy {
  /** For people: the file in the archive folder, or `archive.zip!data/tweets_media/…`. */
  from: string;
  /** The tweet's `media[].src`, relative to the tweets file's folder: `media/<tweet id>-<name>`. */
  to: string;
}

export interface ArchiveImport {
  /** The selected tweets, in archive order. */
  tweets: TweetInput[];
  /** The images the tweets show, to copy with `copyArchiveMedia`. */
  media: ArchiveMediaCopy[];
  /** Tweets in the archive. */
  read: number;
  /** `tweets.length`. */
  selected: number;
  /** How many tweets each rule left out, in the rules' order; only rules that left some out. */
  skippedByReason: { reason: SkipReason; count: number }[];
  /** Ids asked for with `ids` that are not in the archive. */
  missingIds: string[];
  /** The archive's owner, from `data/account.js`; undefined without it. */
  account?: AuthorInput;
}

/** Bytes of the tweets files read so far, and in all; called every 1,000 tweets and at the end. */
export type ArchiveProgress = (bytesRead: number, totalBytes: number) => void;

const PROGRESS_EVERY = 1000;

/**
 * Reads and selects the tweets of an archive. Nothing is written: the images to copy are listed
 * in `media`. Throws an `ArchiveError` at the first problem.
 */
export async function readArchive(
  source: string,
  selection: ArchiveSelection = {},
  onProgress?: ArchiveProgress,
): Promise<ArchiveImport> {
  checkDay("since", selection.since);
  checkDay("until", selection.until);
  const archive = await openArchive(source);
  try {
    if (archive.tweetsFiles.length === 0) {
      throw new ArchiveError(
        { file: source },
        "this is the archive's likes, not its tweets",
        "--likes to import the liked tweets",
      );
    }
    const account = archive.accountFile && (await readAccount(archive.accountFile));
    const tweets: TweetInput[] = [];
    const media: ArchiveMediaCopy[] = [];
    const skipped = new Map<SkipReason, number>();
    const foundIds = new Set<string>();
    const totalBytes = archive.tweetsFiles.reduce((sum, file) => sum + file.size, 0);
    let bytesRead = 0;
    let read = 0;

    for (const file of archive.tweetsFiles) {
      const select = async (element: unknown, index: number) => {
        read++;
        if (read % PROGRESS_EVERY === 0) onProgress?.(Math.min(bytesRead, totalBytes), totalBytes);
        const tweet = readArchivedTweet(element, index, file);
        if (selection.ids?.has(tweet.id)) foundIds.add(tweet.id);
        const reason = await skipReason(tweet, index, file, selection, tweets.length);
        if (typeof reason === "string") {
          skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
          return;
        }
        const converted = await convertTweet(tweet, reason.date, account, archive.media);
        tweets.push(converted.tweet);
        media.push(...converted.copies.map(({ file: image, src }) => ({ from: image.label, to: src })));
      };
      await forEachYtdElement(file, select, (bytes) => (bytesRead += bytes));
    }
    onProgress?.(totalBytes, totalBytes);

    return {
      tweets,
      media,
      read,
      selected: tweets.length,
      skippedByReason: SKIP_REASONS.flatMap((reason) => {
        const count = skipped.get(reason);
        return count ? [{ reason, count }] : [];
      }),
      missingIds: [...(selection.ids ?? [])].filter((id) => !foundIds.has(id)),
      ...(account && { account }),
    };
  } finally {
    archive.close();
  }
}

/** The reason to leave the tweet out, or its date when it is selected. */
async function skipReason(
  tweet: ArchivedTweet,
  index: number,
  file: ArchiveFile,
  selection: ArchiveSelection,
  selectedSoFar: number,
): Promise<SkipReason | { date: string }> {
  if (selection.ids && !selection.ids.has(tweet.id)) return "not among the ids";
  if (selection.noRetweets && tweet.isRetweet) return "retweet";
  if (selection.noReplies && tweet.isReply) return "reply";
  if (selection.minLikes !== undefined && tweet.likes < selection.minLikes) return "too few likes";
  const date = parseCreatedAt(tweet.createdAt);
  if (date === undefined) throw await unreadableDate(tweet, index, file);
  const day = date.slice(0, 10);
  if (selection.since !== undefined && day < selection.since) return "before since";
  if (selection.until !== undefined && day > selection.until) return "after until";
  if (selection.limit !== undefined && selectedSoFar >= selection.limit) return "over the limit";
  return { date };
}

function checkDay(name: string, value: string | undefined): void {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new RangeError(`${name}: "${value}" is not a day, expected YYYY-MM-DD`);
  }
}

/** The owner as an author; undefined when account.js does not name a usable one. */
async function readAccount(file: ArchiveFile): Promise<AuthorInput | undefined> {
  let author: AuthorInput | undefined;
  await forEachYtdElement(file, (element) => {
    const account = (element as { account?: { username?: unknown; accountDisplayName?: unknown } } | null)
      ?.account;
    const handle = account?.username;
    const name = account?.accountDisplayName;
    if (author !== undefined || typeof handle !== "string") return;
    const candidate = { name: typeof name === "string" && name.trim() ? name.trim() : handle, handle };
    if (authorSchema.safeParse(candidate).success) author = candidate;
  });
  return author;
}

/**
 * Copies the images `readArchive` listed into `<tweetsDir>/media/`. An image already there with
 * the same bytes is left alone; any other is replaced, atomically, as every curator's file is.
 * Meant to run only once the whole import has been read.
 */
export async function copyArchiveMedia(
  source: string,
  media: ArchiveMediaCopy[],
  tweetsDir: string,
): Promise<{ copied: number; unchanged: number }> {
  const counts = { copied: 0, unchanged: 0 };
  if (media.length === 0) return counts;
  const archive = await openArchive(source);
  try {
    const files = media.map(({ from, to }) => {
      const name = path.posix.basename(to);
      const file = to === `media/${name}` ? archive.media.get(name) : undefined;
      if (file === undefined) {
        throw new ArchiveError(
          { file: from },
          "this image is no longer in the archive",
          "the archive as it was read",
        );
      }
      return { from, target: path.join(tweetsDir, to), file };
    });
    // Every target is checked before any is written: a different image already in media/ is
    // the curator's, and an import that stopped half-way would leave some of its own behind.
    const existing = await Promise.all(
      files.map(async ({ target, file }) => {
        const present = await readFile(target).catch(() => undefined);
        return present && { same: present.equals(await readWhole(file)) };
      }),
    );
    const taken = files.find((_, index) => existing[index]?.same === false);
    if (taken) {
      throw new ArchiveError(
        { file: taken.target },
        "a different image is already here",
        "a media folder without it: move or rename that file, then import again",
      );
    }
    for (const [index, { target, file }] of files.entries()) {
      if (existing[index]?.same) {
        counts.unchanged++;
        continue;
      }
      await writeFileAtomic(target, await readWhole(file));
      counts.copied++;
    }
    return counts;
  } finally {
    archive.close();
  }
}

/**
 * For the import command's format detection: a folder holding `data/tweets.js` (or `tweet.js`,
 * or its parts), any `.zip`, or a `.js` file whose first characters (`head`) are `window.YTD.`.
 */
export function looksLikeArchive(file: string, head: string): boolean {
  if (isZipPath(file) || isArchiveFolder(file)) return true;
  return /\.js$/i.test(file) && /^\uFEFF?\s*window\.YTD\./.test(head);
}

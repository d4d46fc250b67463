import { readFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import type { TweetInput } from "../../curator/schema.ts";
import { HEADER_BYTES, isReadableImage, isVideo } from "../../curator/media.ts";
import { writeFileAtomic } from "../../curator/write.ts";
import { type ConvertedTweet, type MediaFile, visibleLine } from "./convert.ts";
import { httpGet } from "./http.ts";
import type { FetchSettings } from "./settings.ts";

/** The hosts X serves media from; a file named anywhere else in an answer is not downloaded. */
const X_MEDIA_HOSTS = new Set(["pbs.twimg.com", "video.twimg.com", "abs.twimg.com"]);

/** Far above any photo X serves (its originals stay under 5 MB): a cap, not a policy. */
const IMAGE_LIMIT_BYTES = 30_000_000;

export type StoreOutcome =
  { ok: true; tweet: TweetInput; written: number; notes: string[] } | { ok: false; reason: string };

/**
 * Downloads the files a fetched tweet names into `tweetsDir`, each under its `src`, before any
 * tweets file names them. All of a tweet's files are downloaded first and written only when
 * every photo and video came: a tweet that fails leaves nothing behind. A file that is optional
 * (the author's picture, a card's image) and can't be had is left out of the tweet, with a note.
 * A different file already at a path is the curator's and is never written over.
 */
export async function storeTweetFiles(
  converted: ConvertedTweet,
  tweetsDir: string,
  settings: FetchSettings,
): Promise<StoreOutcome> {
  const outcome = await storeAsIs(converted, tweetsDir, settings);
  return outcome.ok
    ? { ...outcome, notes: outcome.notes.map(visibleLine) }
    : { ok: false, reason: visibleLine(outcome.reason) };
}

async function storeAsIs(
  { tweet, files }: ConvertedTweet,
  tweetsDir: string,
  settings: FetchSettings,
): Promise<StoreOutcome> {
  let stored = tweet;
  const notes: string[] = [];
  const ready: { target: string; bytes: Buffer }[] = [];
  const unique = [...new Map(files.map((file) => [file.src, file])).values()];
  for (const file of unique) {
    const target = path.join(tweetsDir, file.src);
    const got = await download(file, settings);
    const present = "bytes" in got ? await presentAt(target, got.bytes) : undefined;
    const problem = "reason" in got ? got.reason : present === "different" ? clash(target) : undefined;
    if (problem === undefined) {
      // The same bytes already there are left as they are: the file is read once, here.
      if ("bytes" in got && present === "none") ready.push({ target, bytes: got.bytes });
      continue;
    }
    if (!file.optional) return { ok: false, reason: `${describe(file)} ${file.src}: ${problem}` };
    stored = withoutFile(stored, file.src);
    notes.push(`stored without ${describe(file)}: ${problem}`);
  }
  let written = 0;
  for (const { target, bytes } of ready) {
    try {
      await writeFileAtomic(target, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      return { ok: false, reason: `could not write ${target}: ${code}` };
    }
    written++;
  }
  return { ok: true, tweet: stored, written, notes };
}

/**
 * Where to download an address of X's from: X itself, or the stand-in `mediaUrl` names with the
 * path kept. Undefined for any host that is not X's.
 */
function mediaAddress(url: string, settings: FetchSettings): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" || !X_MEDIA_HOSTS.has(parsed.hostname)) return undefined;
  return settings.mediaUrl === undefined
    ? parsed.href
    : `${settings.mediaUrl}${parsed.pathname}${parsed.search}`;
}

async function download(
  file: MediaFile,
  settings: FetchSettings,
): Promise<{ bytes: Buffer } | { reason: string }> {
  const refused = file.from.find((url) => mediaAddress(url, settings) === undefined);
  if (refused !== undefined) return { reason: `refused ${refused}: not one of X's media hosts` };
  const limit = file.kind === "video" ? settings.videoLimitBytes : IMAGE_LIMIT_BYTES;
  // A video too large at one bitrate is tried at the next lower one.
  for (const url of file.from) {
    const result = await httpGet(mediaAddress(url, settings)!, settings, { maxBytes: limit });
    if (result.kind === "too-large") continue;
    if (result.kind === "failed") return { reason: `${url}: ${result.reason}` };
    if (result.status !== 200) return { reason: `${url}: HTTP ${result.status}` };
    const wrong = formatProblem(file, result.body);
    return wrong ? { reason: `${url}: ${wrong}` } : { bytes: result.body };
  }
  return {
    reason:
      file.kind === "video"
        ? `over the video limit of ${megabytes(limit)} MB at every size X offers; a larger --video-limit stores it`
        : `over ${megabytes(limit)} MB, larger than any photo X serves`,
  };
}

/**
 * What X sent instead of the file, if so: an error page, say, in place of a JPEG, or an image the
 * build can't read (an SVG). The same test as `tweetwall check`'s, so what is stored passes it.
 */
function formatProblem(file: MediaFile, bytes: Buffer): string | undefined {
  const header = bytes.subarray(0, HEADER_BYTES);
  if (file.kind === "video") return isVideo(header) ? undefined : "not an MP4 video";
  try {
    imageSize(bytes);
    if (isReadableImage(header)) return undefined;
  } catch {
    // Not an image at all.
  }
  return "not a JPEG, PNG, GIF, WebP or AVIF image";
}

/** What is at `target` already: nothing, these very bytes, or a different file (the curator's). */
async function presentAt(target: string, bytes: Buffer): Promise<"none" | "same" | "different"> {
  const present = await readFile(target).catch(() => undefined);
  if (present === undefined) return "none";
  return present.equals(bytes) ? "same" : "different";
}

function clash(target: string): string {
  return `a different file is already at ${target}; move or rename it, then try again`;
}

function describe(file: MediaFile): string {
  if (file.src.startsWith("media/avatars/")) return "the author's picture";
  if (/-card\.\w+$/.test(file.src)) return "the card's image";
  if (file.kind === "video") return "the video";
  return /-poster\.\w+$/.test(file.src) ? "the video's poster" : "the image";
}

/** The tweet without the optional file `src`: an author's picture or a card's image, its quote's too. */
function withoutFile<T extends Pick<TweetInput, "author" | "card" | "quote">>(tweet: T, src: string): T {
  const copy = { ...tweet };
  if (copy.author?.avatar === src) {
    const { avatar: _dropped, ...author } = copy.author;
    copy.author = author;
  }
  if (copy.card?.image?.src === src) {
    const { image: _dropped, ...card } = copy.card;
    copy.card = card;
  }
  if (copy.quote) copy.quote = withoutFile(copy.quote, src);
  return copy;
}

function megabytes(bytes: number): string {
  return String(bytes / 1_000_000);
}

import { imageSize } from "image-size";
import { DateTime } from "luxon";
import { canonicalTwitterUrl } from "../../tweet/urls.ts";
import { mediaSchema, type AuthorInput, type MediaInput, type TweetInput } from "../../curator/schema.ts";
import { tweetLanguage } from "../../tweet/language.ts";
import { ArchiveError } from "./error.ts";
import { readWhole, type ArchiveFile } from "./source.ts";
import { locateInFile } from "./ytd.ts";
import { decodeXEntities } from "../../tweet/html.ts";

/**
 * One element of `data/tweets.js`, read into what the import needs. X writes
 * `{ "tweet": { "id_str": …, "full_text": …, … } }`; archives from before 2020 leave out the
 * `tweet` wrapper, and both are read. Counts may be strings or numbers (X writes strings).
 */
export interface ArchivedTweet {
  id: string;
  /** `full_text` as X stores it: `&`, `<` and `>` escaped once, links as t.co. */
  fullText: string;
  createdAt: unknown;
  likes: number;
  /** The language X found, when it names one. */
  lang: string | undefined;
  isReply: boolean;
  /** A retweet's text is `RT @user: …`, cut short by X; older archives also keep `retweeted_status`. */
  isRetweet: boolean;
  links: { url: string; expandedUrl: string }[];
  media: ArchivedMedia[];
}

interface ArchivedMedia {
  /** The t.co link in the text; all images of one tweet share it. */
  url: string;
  /** `pic.twitter.com/…` */
  displayUrl: string;
  type: string;
  /** How the archive names the file: `<tweet id>-<last part of media_url_https>`. */
  fileName: string | undefined;
  alt: string | undefined;
  /** From `original_info`, else from `sizes.large`; undefined when neither is there. */
  size: { width: number; height: number } | undefined;
}

const TWEET_SHAPE = 'a tweet like { "tweet": { "id_str": "…", "full_text": "…", "created_at": "…" } }';

/** Checks the fields every tweet needs; `index` counts from 0. */
export function readArchivedTweet(element: unknown, index: number, file: ArchiveFile): ArchivedTweet {
  const outer = asRecord(element);
  const tweet = asRecord(outer?.tweet) ?? outer;
  const id = tweet?.id_str;
  if (tweet === undefined || typeof id !== "string" || !/^\d+$/.test(id)) {
    throw new ArchiveError(
      { file: file.label },
      `element ${index + 1} has no tweet id ("id_str" of digits)`,
      TWEET_SHAPE,
    );
  }
  const fullText = tweet.full_text ?? tweet.text;
  if (typeof fullText !== "string") {
    throw new ArchiveError(
      { file: file.label },
      `tweet ${id} (element ${index + 1}) has no "full_text"`,
      TWEET_SHAPE,
    );
  }
  const entities = asRecord(tweet.entities);
  const replyTo = tweet.in_reply_to_status_id_str ?? tweet.in_reply_to_status_id;
  const tweetId = detached(id);
  return {
    id: tweetId,
    fullText,
    createdAt: tweet.created_at,
    likes: asCount(tweet.favorite_count) ?? 0,
    lang: tweetLanguage(tweet.lang),
    isReply: (typeof replyTo === "string" && replyTo !== "") || typeof replyTo === "number",
    isRetweet: fullText.startsWith("RT @") || tweet.retweeted_status !== undefined,
    links: asArray(entities?.urls).flatMap((link) => {
      const { url, expanded_url: expandedUrl } = asRecord(link) ?? {};
      return typeof url === "string" && typeof expandedUrl === "string" ? [{ url, expandedUrl }] : [];
    }),
    media: asArray(asRecord(tweet.extended_entities)?.media ?? entities?.media).flatMap((media) =>
      readMedia(tweetId, media),
    ),
  };
}

function readMedia(tweetId: string, value: unknown): ArchivedMedia[] {
  const media = asRecord(value);
  const { url, display_url: displayUrl, type = "photo" } = media ?? {};
  if (typeof url !== "string" || typeof displayUrl !== "string" || typeof type !== "string") return [];
  const source = media?.media_url_https ?? media?.media_url;
  const baseName =
    typeof source === "string" && URL.canParse(source) ? new URL(source).pathname.split("/").at(-1) : "";
  const original = asRecord(media?.original_info);
  const large = asRecord(asRecord(media?.sizes)?.large);
  return [
    {
      url,
      displayUrl,
      type,
      fileName: baseName ? `${tweetId}-${baseName}` : undefined,
      alt:
        typeof media?.ext_alt_text === "string"
          ? detached(media.ext_alt_text.trim()) || undefined
          : undefined,
      size: sizeOf(original?.width, original?.height) ?? sizeOf(large?.w, large?.h),
    },
  ];
}

function sizeOf(width: unknown, height: unknown): { width: number; height: number } | undefined {
  const [w, h] = [asCount(width), asCount(height)];
  return w && h ? { width: w, height: h } : undefined;
}

const CREATED_AT_FORMAT = "EEE MMM dd HH:mm:ss ZZZ yyyy";
const CREATED_AT = DateTime.buildFormatParser(CREATED_AT_FORMAT, { locale: "en-US" });
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const UTC_CREATED_AT = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) \+0000 (\d{4})$/;

/**
 * `Wed Dec 07 17:44:09 +0000 2022` → `2022-12-07T17:44:09Z`, read as Luxon's
 * `fromFormat(value, "EEE MMM dd HH:mm:ss ZZZ yyyy", { locale: "en-US" })` reads it, strictly: a
 * weekday that does not match the date is an error. The form X always writes (in UTC, names as
 * in English) is read by hand when every field checks out, and anything else is left to Luxon,
 * which would be most of an import's time (bench case "import a 100,000-tweet X archive").
 */
export function parseCreatedAt(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const [, weekday = "", month = "", ...numbers] = UTC_CREATED_AT.exec(value) ?? [];
  const [day, hour, minute, second, year] = numbers.map(Number) as (number | undefined)[];
  const monthIndex = MONTHS.indexOf(month);
  if (year !== undefined && monthIndex !== -1) {
    const date = new Date(Date.UTC(year, monthIndex, day, hour, minute, second));
    const fieldsKept =
      date.getUTCFullYear() === year &&
      date.getUTCDate() === day &&
      date.getUTCHours() === hour &&
      date.getUTCMinutes() === minute &&
      date.getUTCSeconds() === second &&
      WEEKDAYS[date.getUTCDay()] === weekday;
    if (fieldsKept && year >= 1000) return date.toISOString().replace(".000Z", "Z");
  }
  const parsed = DateTime.fromFormatParser(value, CREATED_AT, { zone: "utc", locale: "en-US" });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : undefined;
}

/** The error for a `created_at` that can't be read, pointing at it in the file when it can be found. */
export async function unreadableDate(
  tweet: ArchivedTweet,
  index: number,
  file: ArchiveFile,
): Promise<ArchiveError> {
  const expected = 'a "created_at" like "Wed Dec 07 17:44:09 +0000 2022"';
  const where = `tweet ${tweet.id} (element ${index + 1})`;
  if (typeof tweet.createdAt !== "string") {
    return new ArchiveError({ file: file.label }, `${where} has no "created_at" date`, expected);
  }
  const anchor = new RegExp(`"id_str"\\s*:\\s*"${tweet.id}"`);
  const place = await locateInFile(file, anchor, JSON.stringify(tweet.createdAt));
  return new ArchiveError(
    { file: file.label, ...place },
    `${where} has the date ${JSON.stringify(tweet.createdAt)}, which can't be read`,
    expected,
  );
}

export interface ConvertedTweet {
  tweet: TweetInput;
  /** For each image shown: its file in the archive and its `media/…` path beside the tweets file. */
  copies: { file: ArchiveFile; src: string }[];
}

const DEFAULT_ALT = "Image attached to the tweet";

/**
 * The tweet as the wall stores it. Text: entities decoded once, t.co links expanded. An image
 * whose file is in the archive is shown, and its t.co link is dropped from the text; any other
 * attachment (an image whose file is missing, a video, a GIF) keeps its `pic.twitter.com/…` link.
 * A tweet that is only images keeps that link too, since the text can't be blank.
 */
export async function convertTweet(
  tweet: ArchivedTweet,
  date: string,
  account: AuthorInput | undefined,
  mediaFiles: Map<string, ArchiveFile>,
): Promise<ConvertedTweet> {
  const shown: { media: ArchivedMedia; input: MediaInput; file: ArchiveFile }[] = [];
  for (const media of tweet.media) {
    const file = media.type === "photo" && media.fileName ? mediaFiles.get(media.fileName) : undefined;
    const input = file && media.fileName ? await photoInput(media, media.fileName, file) : undefined;
    if (file && input) shown.push({ media, input, file });
  }
  const replacements = new Map<string, string>();
  for (const { url, expandedUrl } of tweet.links) replacements.set(url, canonicalTwitterUrl(expandedUrl));
  const keptLinks = new Map(tweet.media.map((media) => [media.url, media.displayUrl]));
  for (const media of tweet.media) {
    const allShown = tweet.media.every(
      (other) => other.url !== media.url || shown.some((s) => s.media === other),
    );
    replacements.set(media.url, allShown ? "" : media.displayUrl);
  }
  let text = textWith(tweet.fullText, replacements);
  if (shown.length > 0) {
    text = text.trimEnd();
    if (text === "") text = textWith(tweet.fullText, new Map([...replacements, ...keptLinks]));
  }

  text = detached(text);
  const url = account
    ? `https://x.com/${account.handle}/status/${tweet.id}`
    : `https://x.com/i/status/${tweet.id}`;
  return {
    tweet: {
      text,
      date,
      url,
      ...(account && { author: account }),
      ...(tweet.lang && { lang: tweet.lang }),
      ...(shown.length > 0 && { media: shown.map(({ input }) => input) }),
    },
    copies: shown.map(({ input, file }) => ({ file, src: input.src })),
  };
}

const TCO_LINK = /https?:\/\/t\.co\/[A-Za-z0-9]+/g;

function textWith(fullText: string, replacements: Map<string, string>): string {
  const decoded = decodeXEntities(fullText);
  return replacements.size > 0
    ? decoded.replace(TCO_LINK, (link) => replacements.get(link) ?? link)
    : decoded;
}

/** Width and height from the archive's data, else from the file itself; undefined if it can't be shown. */
async function photoInput(
  media: ArchivedMedia,
  fileName: string,
  file: ArchiveFile,
): Promise<MediaInput | undefined> {
  let size = media.size;
  if (size === undefined) {
    try {
      size = imageSize(await readWhole(file));
    } catch {
      return undefined;
    }
  }
  const input = {
    src: `media/${fileName}`,
    alt: media.alt ?? DEFAULT_ALT,
    width: size.width,
    height: size.height,
  };
  return mediaSchema.safeParse(input).success ? input : undefined;
}

/**
 * A copy of `value` that does not point into the parser's buffer. Strings stream-json returns are
 * slices of its 64 KB input buffers, and V8 keeps a whole buffer alive for any slice of it: the
 * kept tweets would hold on to the entire file, 60 MB for 100,000 tweets.
 */
function detached(value: string): string {
  return ` ${value}`.slice(1);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A whole number ≥ 0, given as a number or as a string of digits. */
function asCount(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

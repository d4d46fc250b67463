import path from "node:path";
import {
  type AuthorInput,
  type CardInput,
  cardSchema,
  IMAGE_SRC,
  type MediaInput,
  type QuoteInput,
  type ReplyInput,
  tweetSchema,
  type TweetInput,
} from "../../curator/schema.ts";
import { parseTweetDate } from "../../tweet/dates.ts";
import { HANDLE } from "../../tweet/handle.ts";
import { tweetLanguage } from "../../tweet/language.ts";
import { statusIdOf } from "../../tweet/status.ts";
import { isHttpUrl } from "../../tweet/urls.ts";
import {
  cardSchema as syndicationCardSchema,
  type MediaDetail,
  type RelatedTweet,
  relatedTweetSchema,
  type SyndicationTweet,
} from "./syndication.ts";
import { expandText } from "./text.ts";

/** A file a fetched tweet names, still on X: where it goes, and where to get it. */
export interface MediaFile {
  /** The path the tweet names, relative to the tweets file's folder: `media/…`. */
  src: string;
  /** X's addresses for it, best first: a video's MP4s from the highest bitrate down. */
  from: string[];
  kind: "image" | "video";
  /**
   * The author's picture and a card's image are not what the tweet says: when one can't be
   * stored the tweet is kept without it. A photo or video is the tweet: without it, no tweet.
   */
  optional: boolean;
}

/** A tweet as the wall stores it, and the files it names, not downloaded yet. */
export interface ConvertedTweet {
  tweet: TweetInput;
  files: MediaFile[];
}

/** X's own alt text when a photo has none, which the curator can replace with a real one. */
export const DEFAULT_ALT = "Image";

/** Thrown inside the conversion when the answer can't make a tweet; caught in `convertTweet`. */
class Unusable extends Error {}

/**
 * The syndication API's tweet as the wall stores it: its text as X shows it, the date, the
 * status URL, the author with their picture, photos at their original size, videos and GIFs
 * as MP4s with posters, the quoted tweet, the tweet replied to, the link card, the likes, and
 * `added`/`fetched` set to `today`. A string says why it can't be stored.
 */
export function convertTweet(data: SyndicationTweet, today: string): ConvertedTweet | string {
  const files: MediaFile[] = [];
  try {
    const quote = quoteOf(data.quoted_tweet, data.id_str, files);
    const quotedUrl = quote?.url;
    const text = textOf(
      data,
      (link) => quotedUrl !== undefined && statusIdOf(link) === statusIdOf(quotedUrl),
    );
    const replyTo = replyOf(data);
    const card = cardOf(data, files);
    const media = mediaOf(data, files);
    const tweet: TweetInput = {
      text,
      date: dateOf(data.created_at),
      url: statusUrl(data.user.screen_name, data.id_str),
      author: authorOf(data.user, files),
      lang: tweetLanguage(data.lang),
      added: today,
      media: media.length > 0 ? media : undefined,
      quote,
      replyTo,
      card,
      likes:
        data.favorite_count !== undefined && data.favorite_count >= 0
          ? Math.trunc(data.favorite_count)
          : undefined,
      fetched: today,
    };
    const checked = tweetSchema.safeParse(tweet);
    if (!checked.success) {
      const [issue] = checked.error.issues;
      return `X's answer does not make a valid tweet: "${issue?.path.join(".")}": expected ${issue?.message}`;
    }
    return { tweet: checked.data, files };
  } catch (error) {
    if (error instanceof Unusable) return error.message;
    throw error;
  }
}

function statusUrl(handle: string, id: string): string {
  return `https://x.com/${handle}/status/${id}`;
}

function textOf(data: RelatedTweet, dropLink?: (expanded: string) => boolean): string {
  const text = plainText(expandText(data, dropLink));
  if (text !== "") return text;
  // A tweet that is only media has no words; the link X shows for the media stands in.
  const media = data.entities?.media?.[0];
  return media?.display_url ?? media?.url ?? "";
}

/** X stores a date as `2022-12-05T20:28:16.000Z`; the wall writes it as its importers do. */
function dateOf(createdAt: string): string {
  const parsed = parseTweetDate(createdAt);
  if (!parsed.ok) throw new Unusable(`X gives the date "${createdAt}", which can't be read`);
  return parsed.date.iso;
}

function authorOf(user: SyndicationTweet["user"], files: MediaFile[]): AuthorInput {
  if (!HANDLE.test(user.screen_name)) throw new Unusable(`X gives the handle "${user.screen_name}"`);
  const name = oneLine(user.name) || user.screen_name;
  const picture = user.profile_image_url_https && avatarOf(user.profile_image_url_https);
  if (picture) files.push({ src: picture.src, from: [picture.from], kind: "image", optional: true });
  return { name, handle: user.screen_name, ...(picture && { avatar: picture.src }) };
}

/**
 * The picture at 400×400, X's largest square (`…/profile_images/<id>/<name>_normal.jpg` →
 * `_400x400.jpg`), stored as `media/avatars/<id>-<name>_400x400.jpg`: one file for all of an
 * author's tweets, and a new one when they change their picture. A name that is no plain image
 * file's, or too long for a file system, leaves the picture out.
 */
function avatarOf(url: string): { src: string; from: string } | undefined {
  const from = url.replace(/_normal(\.\w+)$/, "_400x400$1");
  const segments = pathSegments(from);
  const [folder, name] = segments.slice(-2);
  if (!folder || !name) return undefined;
  const file = safeName(`${folder}-${name}`);
  const src = `media/avatars/${file}`;
  return file.length <= MAX_NAME_LENGTH && IMAGE_SRC.test(src) ? { src, from } : undefined;
}

/** Far below the 255 bytes file systems allow, and far above the names X gives pictures. */
const MAX_NAME_LENGTH = 120;

function mediaOf(data: RelatedTweet, files: MediaFile[]): MediaInput[] {
  return (data.mediaDetails ?? []).map((detail, index) => {
    const name = `${data.id_str}-${index + 1}`;
    const { width, height } = detail.original_info;
    const alt = oneLine(detail.ext_alt_text ?? "");
    const image = {
      src: `media/${name}${imageExtension(detail.media_url_https)}`,
      from: [original(detail.media_url_https)],
    };
    if (detail.type === "photo") {
      files.push({ ...image, kind: "image", optional: false });
      return { src: image.src, alt: alt || DEFAULT_ALT, width, height };
    }
    if (detail.type !== "video" && detail.type !== "animated_gif") {
      throw new Unusable(`its media ${index + 1} is a "${detail.type}", which the wall can't show`);
    }
    const variants = mp4Variants(detail);
    if (variants.length === 0) throw new Unusable(`its ${kindName(detail)} ${index + 1} has no MP4 to store`);
    const poster = { ...image, src: `media/${name}-poster${imageExtension(detail.media_url_https)}` };
    files.push({ src: `media/${name}.mp4`, from: variants, kind: "video", optional: false });
    files.push({ ...poster, kind: "image", optional: false });
    return {
      type: detail.type === "video" ? "video" : "gif",
      src: `media/${name}.mp4`,
      poster: poster.src,
      ...(alt && { alt }),
      width,
      height,
    };
  });
}

/** A video's MP4s, the highest bitrate first (X also offers HLS playlists, which are not files). */
export function mp4Variants(detail: Pick<MediaDetail, "video_info">): string[] {
  return (detail.video_info?.variants ?? [])
    .filter((variant) => variant.content_type === "video/mp4")
    .sort((a, b) => (b.bitrate ?? 0) - (a.bitrate ?? 0))
    .map((variant) => variant.url);
}

function kindName(detail: MediaDetail): string {
  return detail.type === "animated_gif" ? "GIF" : "video";
}

/** A photo at the size it was uploaded: `?name=orig`. */
function original(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.searchParams.set("name", "orig");
  return parsed.href;
}

function quoteOf(value: unknown, quotingId: string, files: MediaFile[]): QuoteInput | undefined {
  const parsed = relatedTweetSchema.safeParse(value);
  // A quoted tweet that was deleted comes as a tombstone: the tweet is stored without it. One
  // that says it is the quoting tweet is no quote, and its files would take the tweet's names.
  if (!parsed.success || parsed.data.id_str === quotingId) return undefined;
  const quoted = parsed.data;
  const media = mediaOf(quoted, files);
  const card = cardOf(quoted, files);
  return {
    text: textOf(quoted),
    date: dateOf(quoted.created_at),
    url: statusUrl(quoted.user.screen_name, quoted.id_str),
    author: authorOf(quoted.user, files),
    lang: tweetLanguage(quoted.lang),
    media: media.length > 0 ? media : undefined,
    card,
  };
}

function replyOf(data: SyndicationTweet): ReplyInput | undefined {
  const handle = data.in_reply_to_screen_name;
  if (handle === undefined || !HANDLE.test(handle)) return undefined;
  const id = data.in_reply_to_status_id_str;
  const parent = relatedTweetSchema.safeParse(data.parent);
  const parentText = parent.success && parent.data.id_str === id ? textOf(parent.data) : "";
  return {
    handle,
    ...(id && /^\d+$/.test(id) && { url: statusUrl(handle, id) }),
    ...(parentText && { text: parentText }),
  };
}

/** The images X offers for a card, largest first. */
const CARD_IMAGES = ["photo_image_full_size_large", "summary_photo_image_large", "thumbnail_image_large"];

/**
 * The link card: its title, description, domain and image. Its URL is the link the card is for,
 * a t.co resolved through the tweet's links. Cards without a title (polls, players) are left out.
 */
function cardOf(data: RelatedTweet, files: MediaFile[]): CardInput | undefined {
  const parsed = syndicationCardSchema.safeParse(data.card);
  if (!parsed.success) return undefined;
  const values = parsed.data.binding_values;
  const string = (key: string) => oneLine(values[key]?.string_value ?? "") || undefined;
  const link = string("card_url") ?? parsed.data.url;
  const expanded = data.entities?.urls?.find((entity) => entity.url === link)?.expanded_url ?? link;
  const title = string("title");
  if (!expanded || !isHttpUrl(expanded) || /^https?:\/\/t\.co\//.test(expanded) || !title) return undefined;
  const imageValue = CARD_IMAGES.map((key) => values[key]?.image_value).find(Boolean);
  const image = imageValue && {
    src: `media/${data.id_str}-card${imageExtension(imageValue.url)}`,
    width: imageValue.width,
    height: imageValue.height,
  };
  const card = {
    url: expanded,
    title,
    description: string("description"),
    domain: string("vanity_url") ?? string("domain"),
    image,
  };
  if (!cardSchema.safeParse(card).success) return undefined;
  if (image && imageValue)
    files.push({ src: image.src, from: [imageValue.url], kind: "image", optional: true });
  return card;
}

/** `.jpg` or `.png` from the file name, else from `?format=`, as X names card images; else `.jpg`. */
function imageExtension(url: string): string {
  if (!URL.canParse(url)) return ".jpg";
  const parsed = new URL(url);
  const extension =
    path.posix.extname(parsed.pathname).toLowerCase() || `.${parsed.searchParams.get("format") ?? ""}`;
  return /^\.(jpe?g|png|gif|webp)$/.test(extension) ? extension : ".jpg";
}

function pathSegments(url: string): string[] {
  return URL.canParse(url) ? new URL(url).pathname.split("/").filter(Boolean) : [];
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, "_");
}

/** For names and alt texts: every run of spaces, line breaks and control characters is one space. */
function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}

/**
 * A line for the curator's terminal that quotes X's words: line breaks, other control characters
 * and direction overrides written as escapes, so X can't add lines, colours or reversed text.
 */
export function visibleLine(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (character) => String.raw`\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A tweet's text keeps its line breaks; other control characters, which the schema refuses, go. */
function plainText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

import * as z from "zod/mini";
import { httpGet } from "./http.ts";
import type { FetchSettings } from "./settings.ts";

/**
 * X's syndication API, the JSON its embeds are drawn from: no account, no key.
 *
 *     GET https://cdn.syndication.twimg.com/tweet-result?id=1599152286672248832&lang=en&token=4ab…
 *     { "__typename": "Tweet", "id_str", "text", "display_text_range", "entities", "user",
 *       "mediaDetails", "quoted_tweet", "parent", "card", "favorite_count", … }
 *
 * A deleted or protected tweet comes back as `{ "__typename": "TweetTombstone", … }`, an unknown
 * one as `{}` or a 404. Only the fields the wall stores are read; the rest of X's answer is
 * ignored, and an answer that lacks one the wall needs is refused, not guessed at.
 */

const indices = z.tuple([z.number(), z.number()]);

const userSchema = z.object({
  id_str: z.optional(z.string()),
  name: z.string(),
  screen_name: z.string(),
  profile_image_url_https: z.optional(z.string()),
});

const entitiesSchema = z.object({
  urls: z.optional(
    z.array(
      z.object({ url: z.string(), expanded_url: z.optional(z.string()), indices: z.optional(indices) }),
    ),
  ),
  media: z.optional(
    z.array(z.object({ url: z.string(), display_url: z.optional(z.string()), indices: z.optional(indices) })),
  ),
});

const mediaDetailSchema = z.object({
  type: z.string(),
  media_url_https: z.string(),
  ext_alt_text: z.optional(z.nullable(z.string())),
  original_info: z.object({ width: z.number(), height: z.number() }),
  video_info: z.optional(
    z.object({
      variants: z.array(
        z.object({ bitrate: z.optional(z.number()), content_type: z.string(), url: z.string() }),
      ),
    }),
  ),
});

/** Each binding value is one of several kinds; only strings and images are read. */
const bindingValueSchema = z.object({
  string_value: z.optional(z.string()),
  image_value: z.optional(z.object({ url: z.string(), width: z.number(), height: z.number() })),
});

export const cardSchema = z.object({
  name: z.optional(z.string()),
  url: z.optional(z.string()),
  binding_values: z.record(z.string(), bindingValueSchema),
});

/** What a tweet, the tweet it quotes and the one it replies to all have. */
const tweetFields = {
  // X's ids fit in 64 bits; a longer one would be a file name too long to write.
  id_str: z.string().check(z.regex(/^\d{1,20}$/)),
  text: z.string(),
  created_at: z.string(),
  lang: z.optional(z.string()),
  display_text_range: z.optional(indices),
  entities: z.optional(entitiesSchema),
  user: userSchema,
  mediaDetails: z.optional(z.array(mediaDetailSchema)),
  favorite_count: z.optional(z.number()),
  // Read on their own, so a card or quote of a shape not known here costs only itself.
  card: z.optional(z.unknown()),
};

export const relatedTweetSchema = z.object(tweetFields);

const syndicationTweetSchema = z.object({
  ...tweetFields,
  quoted_tweet: z.optional(z.unknown()),
  parent: z.optional(z.unknown()),
  in_reply_to_screen_name: z.optional(z.string()),
  in_reply_to_status_id_str: z.optional(z.string()),
  /** An edited tweet's versions, oldest first: asked for by an older one, X answers the newest. */
  edit_control: z.optional(z.object({ edit_tweet_ids: z.optional(z.array(z.string())) })),
});

export type SyndicationTweet = z.infer<typeof syndicationTweetSchema>;
export type RelatedTweet = z.infer<typeof relatedTweetSchema>;
export type MediaDetail = z.infer<typeof mediaDetailSchema>;

/**
 * The token the syndication API asks for, derived from the id as X's embed script does: the id
 * over 10¹⁵ times π, in base 36, without its point and zeros.
 */
export function syndicationToken(id: string): string {
  return ((Number(id) / 1e15) * Math.PI).toString(6 ** 2).replace(/(0+|\.)/g, "");
}

export type SyndicationResult =
  | { kind: "tweet"; tweet: SyndicationTweet }
  | { kind: "gone"; reason: string }
  | { kind: "missing"; reason: string };

const MAX_ANSWER_BYTES = 5_000_000;

/**
 * The tweet `id` from the syndication API. "gone" is final (deleted, protected, withheld);
 * "missing" (not found, or no usable answer) is worth asking oEmbed.
 */
export async function fetchSyndication(id: string, settings: FetchSettings): Promise<SyndicationResult> {
  const url = new URL(`${settings.syndicationUrl}/tweet-result`);
  url.searchParams.set("id", id);
  url.searchParams.set("lang", "en");
  url.searchParams.set("token", syndicationToken(id));
  const result = await httpGet(url.href, settings, { maxBytes: MAX_ANSWER_BYTES });
  if (result.kind === "failed") return { kind: "missing", reason: result.reason };
  if (result.kind === "too-large") return { kind: "missing", reason: "an answer too large to be a tweet" };
  if (result.status === 404) return { kind: "missing", reason: "not found (HTTP 404)" };
  if (result.status !== 200) return { kind: "missing", reason: `HTTP ${result.status}` };
  let json: unknown;
  try {
    json = JSON.parse(result.body.toString("utf8"));
  } catch {
    return { kind: "missing", reason: "an answer that is not JSON" };
  }
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
  if (record?.__typename === "TweetTombstone") return { kind: "gone", reason: tombstoneReason(record) };
  if (record && Object.keys(record).length === 0)
    return { kind: "missing", reason: "not found (an empty answer)" };
  const parsed = syndicationTweetSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { kind: "missing", reason: `an answer without a usable "${issue?.path.join(".")}"` };
  }
  const tweet = parsed.data;
  if (tweet.id_str !== id && !tweet.edit_control?.edit_tweet_ids?.includes(id)) {
    return { kind: "missing", reason: `an answer about another tweet (${tweet.id_str})` };
  }
  return { kind: "tweet", tweet };
}

/** X's own words for why a tweet can't be shown, e.g. "This Post was deleted by the Post author." */
function tombstoneReason(tombstone: Record<string, unknown>): string {
  const words = (tombstone.tombstone as { text?: { text?: unknown } } | undefined)?.text?.text;
  const said =
    typeof words === "string"
      ? words
          .replace(/\s+/g, " ")
          .trim()
          .replace(/\s*Learn more$/, "")
      : "";
  return `deleted or protected${said ? ` (X says: "${said}")` : ""}`;
}

import { HANDLE } from "./handle.ts";

/**
 * A status on X or Twitter: `/<handle>/status/<id>` (or `statuses`), or `/i/status/<id>` and
 * `/i/web/status/<id>`, which name no account. Only on X's own hosts: a Mastodon status URL has
 * the same shape, and its id is no tweet's.
 */
const STATUS_URL = new RegExp(
  `^https?://(?:www\\.|mobile\\.)?(?:x|twitter)\\.com(?:/(?:i|i/web|(${HANDLE.source.replace(/^\^|\$$/g, "")})))?/status(?:es)?/(\\d+)`,
  "i",
);

/** The numeric id in a tweet's status URL, if it is one. */
export function statusIdOf(url: string | undefined): string | undefined {
  return url?.match(STATUS_URL)?.[2];
}

/** The account a status URL names (`sama` in `x.com/sama/status/…`), if it names one. */
export function handleOfStatusUrl(url: string | undefined): string | undefined {
  return url?.match(STATUS_URL)?.[1];
}

const TWITTER_EPOCH_MS = 1288834974657n;
/**
 * Snowflake ids (since November 2010) hold milliseconds since Twitter's epoch above bit 22. The
 * sequential ids before them stayed below about 3·10¹⁰, which would read as the epoch's first
 * seconds; one minute past the epoch separates the two with room to spare.
 */
const FIRST_SNOWFLAKE = 60_000n << 22n;
const LAST_SNOWFLAKE = (1n << 63n) - 1n;

/** When a tweet was posted, read from its snowflake status id (UTC, ISO), or undefined for old ids. */
export function dateOfStatusId(id: string): string | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined;
  const snowflake = BigInt(id);
  if (snowflake < FIRST_SNOWFLAKE || snowflake > LAST_SNOWFLAKE) return undefined;
  return new Date(Number((snowflake >> 22n) + TWITTER_EPOCH_MS)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

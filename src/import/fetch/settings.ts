/**
 * Where and how politely tweets are fetched from X. The defaults are X's own addresses; tests
 * point them at a local server through the environment.
 */
export interface FetchSettings {
  /** X's syndication API, the JSON behind its embeds: `https://cdn.syndication.twimg.com`. */
  syndicationUrl: string;
  /** X's oEmbed API, the fallback: `https://publish.twitter.com`. */
  oembedUrl: string;
  /** Replaces X's media hosts (pbs/video/abs.twimg.com), the path kept; undefined for X itself. */
  mediaUrl: string | undefined;
  /** How long one request may wait for an answer, or a download for its next bytes. */
  timeoutMs: number;
  /** The first wait before a retry; each further retry waits twice as long. */
  backoffMs: number;
  /** Retries after the first try, on 429, 5xx, a timeout or a network error. */
  retries: number;
  /** The longest `Retry-After` honoured; X asking for longer fails the request instead. */
  maxRetryAfterMs: number;
  /** Tweets fetched at once. */
  concurrency: number;
  /** The largest video stored; a larger one is tried at the next lower bitrate. */
  videoLimitBytes: number;
}

export const DEFAULT_VIDEO_LIMIT_MB = 50;

/**
 * The settings, from `TWEETWALL_SYNDICATION_URL`, `TWEETWALL_OEMBED_URL`, `TWEETWALL_MEDIA_URL`,
 * `TWEETWALL_TIMEOUT_MS` and `TWEETWALL_BACKOFF_MS` where set, else X's addresses and defaults.
 */
export function fetchSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<FetchSettings> = {},
): FetchSettings {
  const base = (name: string, fallback: string) => (env[name]?.trim() || fallback).replace(/\/+$/, "");
  const milliseconds = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    syndicationUrl: base("TWEETWALL_SYNDICATION_URL", "https://cdn.syndication.twimg.com"),
    oembedUrl: base("TWEETWALL_OEMBED_URL", "https://publish.twitter.com"),
    mediaUrl: env.TWEETWALL_MEDIA_URL?.trim() ? base("TWEETWALL_MEDIA_URL", "") : undefined,
    timeoutMs: milliseconds("TWEETWALL_TIMEOUT_MS", 10_000),
    backoffMs: milliseconds("TWEETWALL_BACKOFF_MS", 1_000),
    retries: 3,
    maxRetryAfterMs: 60_000,
    concurrency: 4,
    videoLimitBytes: DEFAULT_VIDEO_LIMIT_MB * 1_000_000,
    ...overrides,
  };
}

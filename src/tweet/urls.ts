/** Whether `value` is an absolute http:// or https:// URL: the only links the wall emits. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

/**
 * Points Twitter/X links at `https://x.com` without share-tracking query parameters (and without
 * any query on a status link). Any other URL, or text that is not a URL, is returned unchanged.
 */
export function canonicalTwitterUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  const isWeb = parsed.protocol === "https:" || parsed.protocol === "http:";
  if (!isWeb || !TWITTER_HOSTS.has(parsed.hostname)) return url;
  parsed.protocol = "https:";
  parsed.host = "x.com";
  parsed.search = parsed.pathname.includes("/status/") ? "" : withoutTracking(parsed.search);
  return parsed.href;
}

const TWITTER_HOSTS = new Set([
  "twitter.com",
  "www.twitter.com",
  "mobile.twitter.com",
  "x.com",
  "www.x.com",
  "mobile.x.com",
]);
const TRACKING_PARAMS = new Set(["s", "t", "ref_src", "ref_url", "src"]);

// Filters the raw query rather than going through URLSearchParams, which would re-encode what stays.
function withoutTracking(search: string): string {
  const kept = search
    .slice(1)
    .split("&")
    .filter((pair) => {
      const key = (pair.split("=")[0] ?? "").toLowerCase();
      return key !== "" && !TRACKING_PARAMS.has(key) && !key.startsWith("utm_");
    });
  return kept.length > 0 ? `?${kept.join("&")}` : "";
}

/** Whether a link, as canonicalTwitterUrl leaves it, is on X: it moves every X address to x.com. */
export function isOnX(url: string): boolean {
  return URL.canParse(url) && new URL(url).hostname === "x.com";
}

/** A handle's profile on X. */
export function profileUrl(handle: string): string {
  return `https://x.com/${handle}`;
}

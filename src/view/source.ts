import { statusIdOf } from "../tweet/status.ts";
import { isOnX } from "../tweet/urls.ts";
import type { AuthorView, TweetSource } from "./types.ts";

/**
 * Where a tweet comes from: the original when the curator linked it (`url`, canonicalized),
 * else its author's profile; nothing for an unknown author's tweet without its address. The
 * label names the place for the cards' hidden text.
 */
export function sourceOf(url: string | undefined, author: AuthorView): TweetSource | undefined {
  if (url === undefined) return profileSource(author);
  return { url, label: isOnX(url) ? "the original on X" : `the original on ${hostOf(url)}` };
}

/**
 * The tweet's address on X by its status id alone, when its source is a status on X. X answers
 * it whatever the author's handle is now, and the curator's URL may carry more (`/photo/1`).
 */
export function statusAddressOf(source: TweetSource | undefined): string | undefined {
  const statusId = source && isOnX(source.url) ? statusIdOf(source.url) : undefined;
  return statusId && `https://x.com/i/status/${statusId}`;
}

/** A link's host without `www.`: `example.org`. */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

// One per author rather than one per tweet: a large wall's view lives through the whole build.
const profileSources = new WeakMap<AuthorView, TweetSource>();

function profileSource(author: AuthorView): TweetSource | undefined {
  const { handle, profileUrl } = author;
  if (handle === undefined || profileUrl === undefined) return undefined;
  let source = profileSources.get(author);
  if (!source) {
    source = { url: profileUrl, label: `@${handle} on X` };
    profileSources.set(author, source);
  }
  return source;
}

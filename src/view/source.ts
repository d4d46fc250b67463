import { statusIdOf } from "../tweet/status.ts";
import { isOnX } from "../tweet/urls.ts";
import type { AuthorView, TweetView } from "./types.ts";

/**
 * Where a tweet comes from: the original when the curator linked it (`url`, canonicalized),
 * else its author's profile. The label names the place for the cards' hidden text.
 */
export function sourceOf(url: string | undefined, author: AuthorView): TweetView["source"] {
  if (url === undefined) return profileSource(author);
  return { url, label: isOnX(url) ? "the original on X" : `the original on ${hostOf(url)}` };
}

/**
 * The tweet's address on X by its status id alone, when its source is a status on X. X answers
 * it whatever the author's handle is now, and the curator's URL may carry more (`/photo/1`).
 */
export function statusAddressOf(source: TweetView["source"]): string | undefined {
  const statusId = isOnX(source.url) ? statusIdOf(source.url) : undefined;
  return statusId && `https://x.com/i/status/${statusId}`;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

// One per author rather than one per tweet: a large wall's view lives through the whole build.
const profileSources = new WeakMap<AuthorView, TweetView["source"]>();

function profileSource(author: AuthorView): TweetView["source"] {
  let source = profileSources.get(author);
  if (!source) {
    source = { url: author.profileUrl, label: `@${author.handle} on X` };
    profileSources.set(author, source);
  }
  return source;
}

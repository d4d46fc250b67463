import type { AuthorView, TweetView } from "./wall.ts";

/**
 * Where a tweet comes from: the original when the curator linked it (`url`, canonicalized),
 * else its author's profile. The label names the place for the cards' hidden text.
 */
export function sourceOf(url: string | undefined, author: AuthorView): TweetView["source"] {
  if (url === undefined) return profileSource(author);
  return { url, label: isOnX(url) ? "the original on X" : `the original on ${hostOf(url)}` };
}

/** Whether a link, as canonicalTwitterUrl leaves it, is on X: it moves every X address to x.com. */
export function isOnX(url: string): boolean {
  return URL.canParse(url) && new URL(url).hostname === "x.com";
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

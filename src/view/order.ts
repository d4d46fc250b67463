import type { Site } from "../curator/schema.ts";
import type { TweetView } from "./types.ts";

/**
 * The wall's order: the site's `order`, pinned tweets first (among themselves in that order).
 * `file` keeps the file's order; `newest` puts the latest posted first; `added` the latest
 * added first, and the tweets without an added day after them, in the file's order. Sorting is
 * stable: equals keep the file's order.
 */
export function wallOrder(tweets: readonly TweetView[], order: Site["order"]): TweetView[] {
  const sorted = [...tweets];
  if (order === "newest") sorted.sort((a, b) => b.date.timestamp - a.date.timestamp);
  if (order === "added") {
    sorted.sort((a, b) =>
      a.added === undefined || b.added === undefined
        ? Number(a.added === undefined) - Number(b.added === undefined)
        : b.added - a.added,
    );
  }
  return [...sorted.filter((tweet) => tweet.pinned), ...sorted.filter((tweet) => !tweet.pinned)];
}

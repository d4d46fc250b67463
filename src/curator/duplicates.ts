import { comparableText, dayOf } from "../tweet/identity.ts";
import { statusIdOf } from "../tweet/status.ts";

/** A tweet that is an earlier one again; both count from 0. */
export interface Duplicate {
  tweet: number;
  first: number;
  /** What the two share: the status id of their links, or else their text on the same day. */
  field: "url" | "text";
}

interface Identity {
  text: string;
  date: string;
  url?: string | undefined;
}

/**
 * Every tweet that repeats an earlier one, each pointing at the first it repeats. Two tweets are
 * one when their links have the same status id, or their texts are the same on the same day: the
 * importers' notion. Tweets without a text and a date are left to the schema's problems.
 */
export function duplicateTweets(tweets: readonly unknown[]): Duplicate[] {
  const firstWithId = new Map<string, number>();
  // Keyed by the text itself, whose hash V8 keeps with the string: a key built of the text and
  // its day would copy every text. Days are read only for a text written again.
  const withText = new Map<string, number | Map<string, number>>();
  const found: Duplicate[] = [];
  tweets.forEach((tweet, index) => {
    if (!hasIdentity(tweet)) return;
    const id = statusIdOf(tweet.url);
    const sameId = id === undefined ? undefined : firstWithId.get(id);
    if (id !== undefined && sameId === undefined) firstWithId.set(id, index);
    const text = comparableText(tweet.text);
    const earlier = withText.get(text);
    let sameText: number | undefined;
    if (earlier === undefined) withText.set(text, index);
    else {
      const byDay =
        typeof earlier === "number"
          ? new Map([[dayOf((tweets[earlier] as Identity).date), earlier]])
          : earlier;
      const day = dayOf(tweet.date);
      sameText = byDay.get(day);
      if (sameText === undefined) byDay.set(day, index);
      withText.set(text, byDay);
    }
    if (sameId !== undefined) found.push({ tweet: index, first: sameId, field: "url" });
    else if (sameText !== undefined) found.push({ tweet: index, first: sameText, field: "text" });
  });
  return found;
}

function hasIdentity(tweet: unknown): tweet is Identity {
  if (typeof tweet !== "object" || tweet === null) return false;
  const { text, date, url } = tweet as Record<string, unknown>;
  return (
    typeof text === "string" && typeof date === "string" && (url === undefined || typeof url === "string")
  );
}

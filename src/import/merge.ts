import { comparableText, dayOf } from "../tweet/identity.ts";
import type { TweetInput } from "../curator/schema.ts";
import { statusIdOf } from "../tweet/status.ts";

export interface MergeResult {
  tweets: TweetInput[];
  added: TweetInput[];
  skipped: { tweet: TweetInput; reason: string }[];
}

/**
 * Adds imported tweets after the curator's, never touching or reordering those already there.
 * A tweet is already there when it has the same status id, or else the same text and date.
 */
export function mergeTweets(existing: TweetInput[], imported: TweetInput[]): MergeResult {
  const seen = new Map<string, number>();
  existing.forEach((tweet, index) => {
    for (const key of identityKeys(tweet)) seen.set(key, index + 1);
  });
  const added: TweetInput[] = [];
  const skipped: MergeResult["skipped"] = [];
  for (const tweet of imported) {
    const duplicateOf = identityKeys(tweet)
      .map((key) => seen.get(key))
      .find((position) => position !== undefined);
    if (duplicateOf !== undefined) {
      skipped.push({ tweet, reason: `already in the file as tweet ${duplicateOf}` });
      continue;
    }
    added.push(tweet);
    for (const key of identityKeys(tweet)) seen.set(key, existing.length + added.length);
  }
  return { tweets: [...existing, ...added], added, skipped };
}

function identityKeys(tweet: TweetInput): string[] {
  const id = statusIdOf(tweet.url);
  const day = dayOf(tweet.date);
  const textAndDate = `text:${comparableText(tweet.text)}\u0000${day}`;
  return id ? [`id:${id}`, textAndDate] : [textAndDate];
}

import { tweetSchema, type TweetInput } from "../curator/schema.ts";

/** What `add` and `import` give every tweet they add: `--tag` and `--pin`. */
export interface Curation {
  tags: string[];
  pinned: boolean;
}

export const NO_CURATION: Curation = { tags: [], pinned: false };

/**
 * The tags of `--tag` options, each repeatable and comma-separated (`--tag ai,physics --tag fun`),
 * checked by the schema as a tweet's tags are, or what is wrong with them.
 */
export function curationOf(tagOptions: readonly string[], pinned: boolean): Curation | string {
  const tags = [...new Set(tagOptions.flatMap((option) => option.split(",")).map((tag) => tag.trim()))];
  const empty = tags.indexOf("");
  if (empty !== -1) return `--tag expects tags separated by commas, like ai,physics, without an empty one`;
  const checked = tweetSchema.safeParse({ text: "-", date: "2022-12-03", tags });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const tag = typeof issue.path[1] === "number" ? tags[issue.path[1]] : undefined;
    return `--tag${tag === undefined ? "" : ` "${tag}"`}: expected ${issue.message}`;
  }
  return { tags, pinned };
}

/** The tweet with the curation's tags after its own, and pinned when asked. */
export function curated<T extends TweetInput>(tweet: T, { tags, pinned }: Curation): T {
  if (tags.length === 0 && !pinned) return tweet;
  const allTags = [...new Set([...(tweet.tags ?? []), ...tags])];
  return { ...tweet, ...(allTags.length > 0 ? { tags: allTags } : {}), ...(pinned ? { pinned: true } : {}) };
}

/** `--tag`'s values as parseArgs gives them for a `multiple` option: none, one, or several. */
export function tagOptionsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" ? [value] : [];
}

import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { mergeTweets } from "./merge.ts";
import { withFileLock, writeTweetsFile } from "../curator/write.ts";
import { tweetSchema, type TweetInput } from "../curator/schema.ts";
import { dateOfStatusId, statusIdOf } from "../tweet/status.ts";
import type { CommandOutcome } from "./import-tweets.ts";
import { preview, readExisting } from "./import-tweets.ts";

export interface AddOptions {
  tweetsFile: string;
  text?: string | undefined;
  date?: string | undefined;
  url?: string | undefined;
  authorName?: string | undefined;
  authorHandle?: string | undefined;
}

/**
 * Appends one tweet, checked against the same schema as the build. Given a status URL, the
 * date may be left out: it is read from the status id.
 */
export async function addTweet(options: AddOptions): Promise<CommandOutcome> {
  const { tweetsFile, text, url, authorName, authorHandle } = options;
  const statusId = statusIdOf(url);
  const date = options.date ?? (statusId ? dateOfStatusId(statusId) : undefined);
  if ((authorName === undefined) !== (authorHandle === undefined)) {
    return { ok: false, errors: ["add: --author-name and --author-handle go together"] };
  }
  const candidate = {
    text,
    date,
    ...(url === undefined ? {} : { url }),
    ...(authorName === undefined ? {} : { author: { name: authorName, handle: authorHandle } }),
  };
  const checked = tweetSchema.safeParse(candidate);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => {
        const field = issue.path.join(".");
        const missing = field === "date" && date === undefined ? " (or a status URL to read it from)" : "";
        return `add: --${field.replace(".", "-")}: expected ${issue.message}${missing}`;
      }),
    };
  }
  const locked = await withFileLock(tweetsFile, () => append(tweetsFile, checked.data));
  return locked.ok ? locked.value : { ok: false, errors: [locked.error] };
}

async function append(tweetsFile: string, tweet: TweetInput): Promise<CommandOutcome> {
  const existing = await readExisting(tweetsFile, "adding to");
  if (!existing.ok) return existing;
  const merged = mergeTweets(existing.value.tweets, [tweet]);
  const [skipped] = merged.skipped;
  if (skipped) return { ok: true, report: [`nothing added: "${preview(tweet.text)}" is ${skipped.reason}`] };
  await writeTweetsFile(tweetsFile, merged.tweets, {
    schemaRef: existing.value.schemaRef,
    schemaFile: JSON_SCHEMA_FILE,
  });
  return {
    ok: true,
    report: [
      `added "${preview(tweet.text)}" (${tweet.date}) as tweet ${merged.tweets.length} of ${tweetsFile}`,
    ],
  };
}

import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { parseSiteJson, readText } from "../curator/read.ts";
import { mergeTweets } from "./merge.ts";
import { withFileLock, writeTweetsFile } from "../curator/write.ts";
import { type AuthorInput, tweetSchema, type TweetInput } from "../curator/schema.ts";
import { bareHandle, sameHandle } from "../tweet/handle.ts";
import { dateOfStatusId, handleOfStatusUrl, statusIdOf } from "../tweet/status.ts";
import type { CommandOutcome } from "./import-tweets.ts";
import { preview, readExisting, today } from "./import-tweets.ts";

export interface AddOptions {
  tweetsFile: string;
  siteFile: string;
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
  const { tweetsFile, text, url } = options;
  const statusId = statusIdOf(url);
  const date = options.date ?? (statusId ? dateOfStatusId(statusId) : undefined);
  const author = await authorOf(options);
  if (typeof author === "string") return { ok: false, errors: [author] };
  const candidate = {
    text,
    date,
    ...(url === undefined ? {} : { url }),
    ...(author === undefined ? {} : { author }),
    added: today(),
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

/**
 * Who wrote it: as given, else the account its status URL names, its handle standing in for the
 * name, which is not known offline. None for the site's own author, who is every tweet's default
 * and has a real name there.
 */
async function authorOf({
  url,
  authorName,
  authorHandle,
  siteFile,
}: AddOptions): Promise<AuthorInput | undefined | string> {
  const handle = authorHandle ?? handleOfStatusUrl(url);
  if (handle === undefined) {
    return authorName === undefined
      ? undefined
      : "add: --author-name: expected --author-handle with it, or a status URL naming the account";
  }
  if (authorName === undefined) {
    const siteText = await readText(siteFile);
    const site = typeof siteText === "string" ? parseSiteJson(siteText, siteFile) : undefined;
    if (site?.ok && sameHandle(handle, site.value.author.handle)) return undefined;
  }
  return { name: authorName ?? bareHandle(handle), handle };
}

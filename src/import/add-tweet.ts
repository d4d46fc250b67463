import { stat } from "node:fs/promises";
import { JSON_SCHEMA_FILE } from "../curator/json-schema.ts";
import { readTweetsFile } from "../curator/read.ts";
import { mergeTweets } from "./merge.ts";
import { formatProblem } from "../curator/problems.ts";
import { writeTweetsFile } from "../curator/write.ts";
import { tweetSchema } from "../curator/schema.ts";
import { dateOfStatusId, statusIdOf } from "../tweet/status.ts";
import type { CommandOutcome } from "./import-tweets.ts";
import { preview } from "./import-tweets.ts";

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

  const exists = await stat(tweetsFile).then(
    () => true,
    () => false,
  );
  const existing = exists ? await readTweetsFile(tweetsFile) : { ok: true as const, value: { tweets: [] } };
  if (!existing.ok) {
    return {
      ok: false,
      errors: [...existing.problems.map(formatProblem), `${tweetsFile} must be valid before adding to it`],
    };
  }
  const merged = mergeTweets(existing.value.tweets, [checked.data]);
  const [skipped] = merged.skipped;
  if (skipped)
    return { ok: true, report: [`nothing added: "${preview(checked.data.text)}" is ${skipped.reason}`] };
  await writeTweetsFile(tweetsFile, merged.tweets, {
    schemaRef: existing.value.schemaRef,
    schemaFile: JSON_SCHEMA_FILE,
  });
  return {
    ok: true,
    report: [
      `added "${preview(checked.data.text)}" (${checked.data.date}) as tweet ${merged.tweets.length} of ${tweetsFile}`,
    ],
  };
}

import { readFile } from "node:fs/promises";
import { wallFilesFromEnv } from "../../curator/files.ts";
import { DEFAULT_VIDEO_LIMIT_MB } from "../../import/fetch/settings.ts";
import type { Curation } from "../../import/curation.ts";
import { progressBar } from "../progress.ts";
import { report, reportProblems, usageError } from "../report.ts";
import { type Command, stringOption, type Values } from "./command.ts";

const USAGE = `tweetwall add STATUS_URL… [--from FILE] [--video-limit MB] [--tag TAG…] [--pin]
tweetwall add [STATUS_URL] --text TEXT [--date DATE] [--url URL]
              [--author-handle HANDLE] [--author-name NAME] [--tag TAG…] [--pin]

With status URLs (https://x.com/user/status/123…, or --from a file of them, one a line, blank
lines and # comments ignored) and no --text, fetches each tweet from X once and stores it
whole: text with its links expanded, date, author and their picture, photos, videos and GIFs,
the quoted tweet, the tweet replied to, the link card, likes. Files go to media/ beside the
tweets file. Tweets already in the file are skipped without asking X; a tweet that can't be
fetched is named with why, the others are still added, and the exit code is 1.
  --video-limit MB   the largest video stored (default ${DEFAULT_VIDEO_LIMIT_MB}); a larger one is tried
                     at X's next lower quality, and a tweet with none small enough is not added

With --text, appends one tweet as given, without asking X, checked like the build checks it,
with today as the day it was added. With a status URL the date may be left out: it is read
from the status id. The author is --author-handle, else the account the URL names, else the
site's author (SITE_FILE); their name is --author-name, else their handle.

Either way:
  --tag TAG          tags every tweet added (repeat it, or separate tags with commas:
                     --tag ai,physics); lowercase letters, digits and hyphens
  --pin              pins every tweet added: shown first on the wall`;

const FETCH_ENVIRONMENT = `
  TWEETWALL_TIMEOUT_MS=ms   how long to wait for X (default 10000)`;

export const add: Command = {
  summary: "append tweets by their URL, fetched from X, or one tweet as written",
  usage: `${USAGE}\n${FETCH_ENVIRONMENT}`,
  options: {
    text: { type: "string" },
    date: { type: "string" },
    url: { type: "string" },
    "author-name": { type: "string" },
    "author-handle": { type: "string" },
    from: { type: "string" },
    "video-limit": { type: "string" },
    tag: { type: "string", multiple: true },
    pin: { type: "boolean", default: false },
  },
  async run(values, operands) {
    // The schema checks the tags: loaded, as the commands' work is, only when they run.
    const { curationOf, tagOptionsOf } = await import("../../import/curation.ts");
    const curation = curationOf(tagOptionsOf(values.tag), values.pin === true);
    if (typeof curation === "string") return usageError("add", curation);
    if (values.text === undefined && (operands.length > 0 || values.from !== undefined)) {
      return addByUrl(values, operands, curation);
    }
    const [statusUrl, ...extra] = operands;
    if (extra.length > 0 || (statusUrl !== undefined && values.url !== undefined)) {
      return usageError("add", "give the status URL once, as the operand or as --url", USAGE);
    }
    if (values.from !== undefined || values["video-limit"] !== undefined) {
      return usageError(
        "add",
        "--from and --video-limit fetch from X, and --text adds a tweet as written: give one or the other",
        USAGE,
      );
    }
    const { addTweet } = await import("../../import/add-tweet.ts");
    return report(
      await addTweet({
        ...wallFilesFromEnv(),
        text: stringOption(values, "text"),
        date: stringOption(values, "date"),
        url: statusUrl ?? stringOption(values, "url"),
        authorName: stringOption(values, "author-name"),
        authorHandle: stringOption(values, "author-handle"),
        curation,
      }),
    );
  },
};

async function addByUrl(values: Values, operands: string[], curation: Curation): Promise<number> {
  const writtenOnly = ["date", "url", "author-name", "author-handle"].filter(
    (name) => values[name] !== undefined,
  );
  if (writtenOnly.length > 0) {
    return usageError("add", `--${writtenOnly[0]} is for a tweet added as written, with --text`, USAGE);
  }
  const limit = stringOption(values, "video-limit");
  if (limit !== undefined && !/^\d+(\.\d+)?$/.test(limit)) {
    return usageError("add", `--video-limit expects megabytes, like 50, not "${limit}"`);
  }
  const from = stringOption(values, "from");
  let listed: string[] = [];
  if (from !== undefined) {
    const text = await readFile(from, "utf8").catch((error: NodeJS.ErrnoException) => error);
    if (typeof text !== "string")
      return reportProblems([`${from}: can't be read (${text.code ?? text.message})`]);
    listed = urlsOfList(text);
  }
  const [{ addTweetsByUrl }, { fetchSettingsFromEnv }] = await Promise.all([
    import("../../import/add-tweet.ts"),
    import("../../import/fetch/settings.ts"),
  ]);
  const outcome = await addTweetsByUrl({
    tweetsFile: wallFilesFromEnv().tweetsFile,
    urls: [...operands, ...listed],
    settings: fetchSettingsFromEnv(
      process.env,
      limit === undefined ? {} : { videoLimitBytes: Number(limit) * 1_000_000 },
    ),
    progress: (label) => progressBar(label, process.stderr, "tweets"),
    curation,
  });
  for (const line of outcome.report) console.log(line);
  return outcome.errors.length > 0 ? reportProblems(outcome.errors) : 0;
}

/** One URL a line; blank lines and lines starting with # are not. */
function urlsOfList(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

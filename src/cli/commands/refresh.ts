import { wallFilesFromEnv } from "../../curator/files.ts";
import { DEFAULT_VIDEO_LIMIT_MB } from "../../import/fetch/settings.ts";
import { progressBar } from "../progress.ts";
import { reportProblems, usageError } from "../report.ts";
import { type Command, stringOption } from "./command.ts";

const USAGE = `tweetwall refresh [--ids A,B,…] [--dry-run] [--text] [--video-limit MB]

Fetches again, from X, each tweet of the tweets file that has a status URL, and fills in what
it lacks: the author and their picture, photos, videos and GIFs, language, the quoted tweet,
the tweet replied to, the link card, likes. What is there is kept: the curator's text, alt
texts and author names are never replaced unless --text says so. Prints a line per tweet
changed; a tweet X can't give is named with why, and the exit code is 1.
  --ids A,B,…        only the tweets with these status ids
  --dry-run          fetch and print what would change; download and write nothing
  --text             also take X's text, alt texts and author names over the curator's
  --video-limit MB   the largest video stored (default ${DEFAULT_VIDEO_LIMIT_MB})`;

export const refresh: Command = {
  summary: "fill in what tweets with a status URL lack, fetched from X",
  usage: USAGE,
  options: {
    ids: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    text: { type: "boolean", default: false },
    "video-limit": { type: "string" },
  },
  async run(values, operands) {
    if (operands.length > 0)
      return usageError("refresh", "expected no operands: --ids chooses tweets", USAGE);
    const idList = stringOption(values, "ids")
      ?.split(/[\s,]+/)
      .filter(Boolean);
    const bad = idList?.find((id) => !/^\d+$/.test(id));
    if (bad !== undefined)
      return usageError("refresh", `--ids expects status ids (digits) separated by commas, not "${bad}"`);
    const limit = stringOption(values, "video-limit");
    if (limit !== undefined && !/^\d+(\.\d+)?$/.test(limit)) {
      return usageError("refresh", `--video-limit expects megabytes, like 50, not "${limit}"`);
    }
    const [{ refreshTweets }, { fetchSettingsFromEnv }] = await Promise.all([
      import("../../import/refresh.ts"),
      import("../../import/fetch/settings.ts"),
    ]);
    const outcome = await refreshTweets({
      tweetsFile: wallFilesFromEnv().tweetsFile,
      settings: fetchSettingsFromEnv(
        process.env,
        limit === undefined ? {} : { videoLimitBytes: Number(limit) * 1_000_000 },
      ),
      ids: idList && new Set(idList),
      dryRun: values["dry-run"] === true,
      overwriteText: values.text === true,
      progress: (label) => progressBar(label, process.stderr, "tweets"),
    });
    for (const line of outcome.report) console.log(line);
    return outcome.errors.length > 0 ? reportProblems(outcome.errors) : 0;
  },
};

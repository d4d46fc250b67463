import { wallFilesFromEnv } from "../../curator/files.ts";
import { report, usageError } from "../report.ts";
import { type Command, stringOption } from "./command.ts";

const USAGE = `tweetwall add [STATUS_URL] --text TEXT [--date DATE] [--url URL]
              [--author-handle HANDLE] [--author-name NAME]

Appends one tweet to the tweets file, checked like the build checks it, with today as the day
it was added. With a status URL (https://x.com/user/status/123…) the date may be left out: it
is read from the status id. The author is --author-handle, else the account the URL names,
else the site's author (SITE_FILE); their name is --author-name, else their handle.`;

export const add: Command = {
  summary: "append one tweet",
  usage: USAGE,
  options: {
    text: { type: "string" },
    date: { type: "string" },
    url: { type: "string" },
    "author-name": { type: "string" },
    "author-handle": { type: "string" },
  },
  async run(values, operands) {
    const [statusUrl, ...extra] = operands;
    if (extra.length > 0 || (statusUrl !== undefined && values.url !== undefined)) {
      return usageError("add", "give the status URL once, as the operand or as --url", USAGE);
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
      }),
    );
  },
};

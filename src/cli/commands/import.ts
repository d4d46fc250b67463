import { wallFilesFromEnv } from "../../curator/files.ts";
import type { ArchiveSelection } from "../../import/archive.ts";
import { parseTweetDate } from "../../tweet/dates.ts";
import { progressBar } from "../progress.ts";
import { report, usageError } from "../report.ts";
import type { Command, Values } from "./command.ts";

const USAGE = `tweetwall import FILE [options]

Adds the tweets of FILE to the tweets file, after the ones already there, with today as the
day they were added; tweets already in it (same status id, else same text and day) are
skipped, so importing twice adds nothing.
FILE is detected as one of:
  - a plain-text wall (a page of embeds copied as text; also writes data/site.json if missing)
  - an HTML page of <blockquote class="twitter-tweet"> embeds
  - an X/Twitter archive: its folder, its .zip, or its data/tweets.js
With --likes, adds the tweets the archive's owner liked (data/like.js) instead, each fetched
from X to complete it (author, picture, photos, videos, quote, card: see tweetwall add). A like
X can't give keeps the archive's words, with an unknown author; likes already in the tweets
file are not fetched again.

Options:
  --dry-run          print what would be added and skipped, change nothing
  --ids A,B,…        only these status ids
  --since DATE       only tweets from DATE on (any accepted date form)
  --until DATE       only tweets up to DATE, inclusive
  --limit N          at most N tweets (the first N selected, in the source's order)
  --min-likes N      archives: only tweets with at least N likes
  --no-replies       archives: leave out replies
  --no-retweets      archives: leave out retweets
  --likes            archives: import the liked tweets (data/like.js), not the owner's own
  --no-fetch         with --likes: keep what the archive says, without asking X for the rest
  --tag TAG          tags every tweet added (repeat it, or separate tags with commas:
                     --tag ai,physics); lowercase letters, digits and hyphens
  --pin              pins every tweet added: shown first on the wall`;

export const importCommand: Command = {
  summary: "add tweets from a plain-text wall, a page of embeds or an X archive",
  usage: USAGE,
  options: {
    "dry-run": { type: "boolean", default: false },
    ids: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    limit: { type: "string" },
    "min-likes": { type: "string" },
    "no-replies": { type: "boolean", default: false },
    "no-retweets": { type: "boolean", default: false },
    likes: { type: "boolean", default: false },
    "no-fetch": { type: "boolean", default: false },
    tag: { type: "string", multiple: true },
    pin: { type: "boolean", default: false },
  },
  async run(values, operands) {
    const [source, ...extra] = operands;
    if (!source || extra.length > 0) {
      return usageError("import", "expected exactly one file or folder to import", USAGE);
    }
    const selection = parseSelection(values);
    if (typeof selection === "string") return usageError("import", selection);
    // The schema checks the tags: loaded, as the commands' work is, only when they run.
    const { curationOf, tagOptionsOf } = await import("../../import/curation.ts");
    const curation = curationOf(tagOptionsOf(values.tag), values.pin === true);
    if (typeof curation === "string") return usageError("import", curation);
    if (values["no-fetch"] === true && values.likes !== true) {
      return usageError("import", "--no-fetch goes with --likes: only liked tweets are fetched", USAGE);
    }
    const [{ importTweets }, { fetchSettingsFromEnv }] = await Promise.all([
      import("../../import/import-tweets.ts"),
      import("../../import/fetch/settings.ts"),
    ]);
    return report(
      await importTweets({
        source,
        ...wallFilesFromEnv(),
        selection,
        dryRun: values["dry-run"] === true,
        likes: values.likes === true,
        fetch: values.likes === true && values["no-fetch"] !== true ? fetchSettingsFromEnv() : undefined,
        progress: (label, unit) => progressBar(label, process.stderr, unit),
        curation,
      }),
    );
  },
};

function parseSelection(values: Values): ArchiveSelection | string {
  const selection: ArchiveSelection = {};
  for (const [flag, key] of [
    ["limit", "limit"],
    ["min-likes", "minLikes"],
  ] as const) {
    const value = values[flag];
    if (typeof value !== "string") continue;
    if (!/^\d+$/.test(value)) return `--${flag} expects a whole number, not "${value}"`;
    selection[key] = Number(value);
  }
  for (const flag of ["since", "until"] as const) {
    const value = values[flag];
    if (typeof value !== "string") continue;
    const parsed = parseTweetDate(value);
    if (!parsed.ok) return `--${flag}: expected ${parsed.expected}`;
    selection[flag] = parsed.date.iso.slice(0, 10);
  }
  if (typeof values.ids === "string") {
    const ids = values.ids.split(/[\s,]+/).filter(Boolean);
    const bad = ids.find((id) => !/^\d+$/.test(id));
    if (bad !== undefined) return `--ids expects status ids (digits) separated by commas, not "${bad}"`;
    selection.ids = new Set(ids);
  }
  if (values["no-replies"] === true) selection.noReplies = true;
  if (values["no-retweets"] === true) selection.noRetweets = true;
  return selection;
}

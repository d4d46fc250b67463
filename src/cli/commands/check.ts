import { wallFilesFromEnv } from "../../curator/files.ts";
import { formatProblem } from "../../curator/problems.ts";
import { loadWallView } from "../../view/load.ts";
import { plural } from "../../tweet/plural.ts";
import { reportProblems } from "../report.ts";
import type { Command } from "./command.ts";

export const check: Command = {
  summary: "validate the data only, listing every problem",
  usage: `tweetwall check

Validates data/site.json and the tweets file, listing every problem at once.`,
  options: {},
  async run() {
    const files = wallFilesFromEnv();
    const wall = await loadWallView(files);
    if (!wall.ok) return reportProblems(wall.problems.map(formatProblem));
    console.log(`${files.tweetsFile}: ${plural(wall.value.tweets.length, "tweet")}, all valid.`);
    return 0;
  },
};

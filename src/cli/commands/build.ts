import path from "node:path";
import { wallFilesFromEnv } from "../../curator/files.ts";
import { formatProblem } from "../../curator/problems.ts";
import { loadWallView } from "../../view/load.ts";
import { checkOutput } from "../output.ts";
import { reportProblems, usageError } from "../report.ts";
import type { Command } from "./command.ts";

export const build: Command = {
  summary: "validate the data and build the wall into _site/",
  usage: `tweetwall build [--output DIR]

Validates the data and builds the wall into DIR (default _site/). The new site is written
beside it and swapped in only when the whole build succeeded. DIR must be new, empty, or a
site an earlier build made: the build replaces it whole.`,
  options: { output: { type: "string", default: "_site" } },
  async run(values) {
    const outputDir = String(values.output);
    const files = wallFilesFromEnv();
    const output = await checkOutput(outputDir, files);
    if (typeof output === "string") return usageError("build", output);
    const wall = await loadWallView(files);
    const outcome = wall.ok
      ? await (
          await import("../../site/build.ts")
        ).buildSite(wall.value, output.realPath, {
          mediaRoot: path.dirname(files.tweetsFile),
          once: true,
        })
      : { ok: false as const, errors: wall.problems.map(formatProblem) };
    if (!outcome.ok) {
      reportProblems(outcome.errors);
      console.error(
        output.holdsSite
          ? `Nothing was written: ${outputDir} still holds the last good build.`
          : `Nothing was written to ${outputDir}.`,
      );
      return 1;
    }
    if (wall.ok && wall.value.site.origin === undefined) {
      console.log(
        `No url in ${files.siteFile}: no feeds, sitemap or share images written (they need absolute addresses).`,
      );
    }
    console.log(
      `Built the wall from ${files.tweetsFile} into ${outputDir} in ${outcome.seconds.toFixed(2)} s.`,
    );
    return 0;
  },
};

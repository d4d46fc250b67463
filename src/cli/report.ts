import type { CommandOutcome } from "../import/import-tweets.ts";
import { plural } from "../tweet/plural.ts";

/** Prints a command's outcome; returns its exit code. */
export function report(outcome: CommandOutcome): number {
  if (!outcome.ok) return reportProblems(outcome.errors);
  for (const line of outcome.report) console.log(line);
  return 0;
}

/** Every problem at once, one line each, on stderr; returns the exit code 1. */
export function reportProblems(lines: string[]): number {
  console.error(`${plural(lines.length, "problem")}:`);
  for (const line of lines) console.error(`  ${line}`);
  return 1;
}

/** A usage mistake on the command line: one line, exit code 2. */
export function usageError(command: string, message: string, usage?: string): number {
  console.error(`tweetwall ${command}: ${message}${usage ? `\n\n${usage}` : ""}`);
  return 2;
}

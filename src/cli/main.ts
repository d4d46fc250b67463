import { readFile, writeFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseTweetDate } from "../tweet/dates.ts";
import type { ArchiveSelection } from "../import/archive.ts";
// Each command's modules load only when it runs: a build needs neither the importers'
// parsers nor the dev server's watcher, and every module costs start-up time.
import { JSON_SCHEMA_FILE, tweetsJsonSchemaText } from "../curator/json-schema.ts";
import { formatProblem } from "../curator/problems.ts";
import { loadWall, wallFilesFromEnv } from "../curator/files.ts";
import type { CommandOutcome } from "../import/import-tweets.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What the launcher (bin/tweetwall.js) compiled alongside this CLI. */
export interface Compiled {
  /** The Eleventy config (.eleventy.ts), compiled to JavaScript Eleventy can import. */
  eleventyConfig: string;
}

type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  options: Options;
  run(values: Values, operands: string[], compiled: Compiled): Promise<number>;
}

const ENVIRONMENT = `Environment:
  TWEETS_FILE=path   use this tweets file instead of data/tweets.json
  SITE_FILE=path     use this site file instead of data/site.json`;

const COMMANDS: Record<string, Command> = {
  build: {
    usage: `tweetwall build [--output DIR]

Validates the data and builds the wall into DIR (default _site/). The new site is written
beside it and swapped in only when the whole build succeeded.`,
    options: { output: { type: "string", default: "_site" } },
    run: (values, _operands, compiled) => build(String(values.output), compiled),
  },
  serve: {
    usage: `tweetwall serve [--port N] [--output DIR]

Previews the wall on http://localhost:8080 (or N), rebuilding and reloading on every save in
data/ and templates/, restarting on a save in src/. A broken save shows its problems.`,
    options: { port: { type: "string", default: "8080" }, output: { type: "string", default: "_site" } },
    run: (values, _operands, compiled) => serve(Number(values.port), String(values.output), compiled),
  },
  check: {
    usage: `tweetwall check

Validates data/site.json and the tweets file, listing every problem at once.`,
    options: {},
    run: () => check(),
  },
  import: {
    usage: `tweetwall import FILE [options]

Adds the tweets of FILE to the tweets file, after the ones already there; tweets already in
it (same status id, else same text and day) are skipped, so importing twice adds nothing.
FILE is detected as one of:
  - a plain-text wall (a page of embeds copied as text; also writes data/site.json if missing)
  - an HTML page of <blockquote class="twitter-tweet"> embeds
  - an X/Twitter archive: its folder, its .zip, or its data/tweets.js

Options:
  --dry-run          print what would be added and skipped, change nothing
  --ids A,B,…        only these status ids
  --since DATE       only tweets from DATE on (any accepted date form)
  --until DATE       only tweets up to DATE, inclusive
  --limit N          at most N tweets (the first N selected, in the source's order)
  --min-likes N      archives: only tweets with at least N likes
  --no-replies       archives: leave out replies
  --no-retweets      archives: leave out retweets`,
    options: {
      "dry-run": { type: "boolean", default: false },
      ids: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      limit: { type: "string" },
      "min-likes": { type: "string" },
      "no-replies": { type: "boolean", default: false },
      "no-retweets": { type: "boolean", default: false },
    },
    run: runImport,
  },
  add: {
    usage: `tweetwall add [STATUS_URL] --text TEXT [--date DATE] [--url URL]
              [--author-name NAME --author-handle HANDLE]

Appends one tweet to the tweets file, checked like the build checks it. With a status URL
(https://x.com/user/status/123…) the date may be left out: it is read from the status id.`,
    options: {
      text: { type: "string" },
      date: { type: "string" },
      url: { type: "string" },
      "author-name": { type: "string" },
      "author-handle": { type: "string" },
    },
    run: runAdd,
  },
  schema: {
    usage: `tweetwall schema [--check]

Writes ${JSON_SCHEMA_FILE}, the JSON Schema editors use to complete and check the tweets
file, from the schema in src/curator/schema.ts. With --check, only reports whether it is current.`,
    options: { check: { type: "boolean", default: false } },
    run: (values) => schema(values.check === true),
  },
};

const USAGE = `Usage: tweetwall <command> [options]   (tweetwall <command> --help for more)

Commands:
  build      validate the data and build the wall into _site/
  serve      preview on http://localhost:8080, reloading on every save
  check      validate the data only, listing every problem
  import     add tweets from a plain-text wall, a page of embeds or an X archive
  add        append one tweet
  schema     regenerate ${JSON_SCHEMA_FILE} for editors

${ENVIRONMENT}`;

/** Runs one command line; returns the exit code. Problems are reported, never thrown. */
export async function main(argv: string[], compiled: Compiled): Promise<number> {
  try {
    return await runCommand(argv, compiled);
  } catch (error) {
    console.error(`tweetwall: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function runCommand([name, ...args]: string[], compiled: Compiled): Promise<number> {
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`tweetwall: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    console.error(`tweetwall ${name}: ${(error as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`${command.usage}\n\n${ENVIRONMENT}`);
    return 0;
  }
  return command.run(parsed.values, parsed.positionals, compiled);
}

async function check(): Promise<number> {
  const files = wallFilesFromEnv();
  const wall = await loadWall(files);
  if (!wall.ok) return reportProblems(wall.problems.map(formatProblem));
  console.log(`${files.tweetsFile}: ${wall.value.tweets.length} tweets, all valid.`);
  return 0;
}

async function build(outputDir: string, compiled: Compiled): Promise<number> {
  const files = wallFilesFromEnv();
  const wall = await loadWall(files);
  // Eleventy's ESM cache-buster re-imports changed files while watching; a one-off build never
  // does, and the loader thread it starts costs about 0.1 s.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const { buildSite } = await import("../site/build.ts");
  const outcome = wall.ok
    ? await buildSite(outputDir, compiled.eleventyConfig)
    : { ok: false as const, errors: wall.problems.map(formatProblem) };
  if (!outcome.ok) {
    reportProblems(outcome.errors);
    console.error(`Nothing was written: ${outputDir}/ still holds the last good build.`);
    return 1;
  }
  console.log(
    `Built the wall from ${files.tweetsFile} into ${outputDir}/ in ${outcome.seconds.toFixed(2)} s.`,
  );
  return 0;
}

async function serve(port: number, outputDir: string, compiled: Compiled): Promise<number> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`tweetwall serve: --port expects a number from 1 to 65535`);
    return 2;
  }
  const { serveSite, superviseDevServer } = await import("../site/preview.ts");
  if (process.env.TWEETWALL_SUPERVISED) {
    await serveSite(port, outputDir, compiled.eleventyConfig);
    return new Promise<number>(() => {});
  }
  return superviseDevServer(port, outputDir);
}

async function runImport(values: Values, operands: string[]): Promise<number> {
  const [source, ...extra] = operands;
  if (!source || extra.length > 0) {
    console.error(
      `tweetwall import: expected exactly one file or folder to import\n\n${COMMANDS.import!.usage}`,
    );
    return 2;
  }
  const selection = parseSelection(values);
  if (typeof selection === "string") {
    console.error(`tweetwall import: ${selection}`);
    return 2;
  }
  const { importTweets } = await import("../import/import-tweets.ts");
  const outcome = await importTweets({
    source,
    ...wallFilesFromEnv(),
    selection,
    dryRun: values["dry-run"] === true,
  });
  return report(outcome);
}

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

async function runAdd(values: Values, operands: string[]): Promise<number> {
  const [statusUrl, ...extra] = operands;
  if (extra.length > 0 || (statusUrl !== undefined && values.url !== undefined)) {
    console.error(
      `tweetwall add: give the status URL once, as the operand or as --url\n\n${COMMANDS.add!.usage}`,
    );
    return 2;
  }
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const { addTweet } = await import("../import/add-tweet.ts");
  const outcome = await addTweet({
    tweetsFile: wallFilesFromEnv().tweetsFile,
    text: text("text"),
    date: text("date"),
    url: statusUrl ?? text("url"),
    authorName: text("author-name"),
    authorHandle: text("author-handle"),
  });
  return report(outcome);
}

async function schema(checkOnly: boolean): Promise<number> {
  const wanted = tweetsJsonSchemaText();
  const current = await readFile(JSON_SCHEMA_FILE, "utf8").catch(() => "");
  if (current === wanted) {
    console.log(`${JSON_SCHEMA_FILE} is current.`);
    return 0;
  }
  if (checkOnly) {
    console.error(`${JSON_SCHEMA_FILE} is stale: run npm run schema`);
    return 1;
  }
  await writeFile(JSON_SCHEMA_FILE, wanted);
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
  return 0;
}

function report(outcome: CommandOutcome): number {
  if (!outcome.ok) return reportProblems(outcome.errors);
  for (const line of outcome.report) console.log(line);
  return 0;
}

function reportProblems(lines: string[]): number {
  console.error(`${lines.length} problem${lines.length === 1 ? "" : "s"}:`);
  for (const line of lines) console.error(`  ${line}`);
  return 1;
}

// `tweetwall import … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.on("unhandledRejection", (reason) => {
  console.error(`tweetwall: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.exitCode = 1;
});

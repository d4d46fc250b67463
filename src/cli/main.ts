import { parseArgs } from "node:util";
import { formatProblem } from "../tweets/problems.ts";
import { loadWall, wallFilesFromEnv } from "../tweets/wall.ts";
import { importWall } from "./import.ts";
import { buildSite } from "./build.ts";
import { serveSite, superviseDevServer } from "./serve.ts";

const USAGE = `Usage: tweetwall <command> [options]

Commands:
  build [--output DIR]   validate the data and build the wall into DIR (default _site/);
                         the previous site is replaced only when the whole build succeeds
  check                  validate data/site.json and the tweets file, listing every problem
  serve [--port N] [--output DIR]
                         preview on http://localhost:8080, rebuilding and reloading on save
  import FILE [--dry-run]
                         add the tweets of a plain-text wall (a copied page of embeds) to the
                         tweets file, skipping ones already there; writes data/site.json if missing

Environment:
  TWEETS_FILE=path       use this tweets file instead of data/tweets.json`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string", default: "_site" },
      port: { type: "string", default: "8080" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...operands] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case "check":
      return check();
    case "build":
      return build(values.output);
    case "serve":
      return serve(Number(values.port), values.output);
    case "import":
      return runImport(operands, values["dry-run"]);
    default:
      console.error(`tweetwall: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function check(): Promise<number> {
  const files = wallFilesFromEnv();
  const wall = await loadWall(files);
  if (!wall.ok) return reportProblems(wall.problems.map(formatProblem));
  console.log(`${files.tweetsFile}: ${wall.value.tweets.length} tweets, all valid.`);
  return 0;
}

async function build(outputDir: string): Promise<number> {
  const files = wallFilesFromEnv();
  const wall = await loadWall(files);
  if (!wall.ok) {
    reportProblems(wall.problems.map(formatProblem));
    console.error(`Nothing was written: ${outputDir}/ still holds the last good build.`);
    return 1;
  }
  const outcome = await buildSite(outputDir);
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

async function serve(port: number, outputDir: string): Promise<number> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`tweetwall serve: --port expects a number from 1 to 65535`);
    return 2;
  }
  if (process.env.TWEETWALL_SUPERVISED) {
    await serveSite(port, outputDir);
    return new Promise<number>(() => {});
  }
  return superviseDevServer(port, outputDir);
}

async function runImport([source, ...extra]: string[], dryRun: boolean): Promise<number> {
  if (!source || extra.length > 0) {
    console.error(`tweetwall import: expected exactly one file to import\n\n${USAGE}`);
    return 2;
  }
  const outcome = await importWall({ source, tweetsFile: wallFilesFromEnv().tweetsFile, dryRun });
  if (!outcome.ok) return reportProblems(outcome.errors);
  for (const line of outcome.report) console.log(line);
  return 0;
}

function reportProblems(lines: string[]): number {
  console.error(`${lines.length} problem${lines.length === 1 ? "" : "s"}:`);
  for (const line of lines) console.error(`  ${line}`);
  return 1;
}

process.on("unhandledRejection", (reason) => {
  console.error(`tweetwall: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.exitCode = 1;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`tweetwall: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

import { parseArgs } from "node:util";
import { add } from "./commands/add.ts";
import { build } from "./commands/build.ts";
import { check } from "./commands/check.ts";
import type { Command } from "./commands/command.ts";
import { importCommand } from "./commands/import.ts";
import { refresh } from "./commands/refresh.ts";
import { schema } from "./commands/schema.ts";
import { serve } from "./commands/serve.ts";

/** The command table. Each command loads what it needs only when it runs. */
const COMMANDS: Record<string, Command> = {
  build,
  serve,
  check,
  import: importCommand,
  add,
  refresh,
  schema,
};

const ENVIRONMENT = `Environment:
  TWEETS_FILE=path   use this tweets file instead of data/tweets.json
  SITE_FILE=path     use this site file instead of data/site.json`;

const USAGE = `Usage: tweetwall <command> [options]   (tweetwall <command> --help for more)

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(9)}  ${command.summary}`)
  .join("\n")}

${ENVIRONMENT}`;

/** Runs one command line; returns the exit code. Problems are reported, never thrown. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error) {
    // A bug: the stack (source-mapped to src/) is what whoever fixes it needs.
    console.error(`tweetwall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

async function runCommand([name, ...args]: string[]): Promise<number> {
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
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
  return command.run(parsed.values, parsed.positionals);
}

// `tweetwall import … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.on("unhandledRejection", (reason) => {
  console.error(`tweetwall: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  process.exitCode = 1;
});

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeSyntheticArchive } from "../tests/support/archive.ts";

/**
 * `npm run bench`: the whole CLI, timed as a curator runs it (node start included), with peak
 * memory from GNU time where the machine has it.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ARCHIVE_TWEETS = Number(process.env.BENCH_ARCHIVE_TWEETS ?? 100_000);
const GNU_TIME = "/usr/bin/time";
const scratch = mkdtempSync(path.join(tmpdir(), "tweetwall-bench-"));

interface Sample {
  ms: number;
  peakMiB: number | undefined;
}

function runCli(args: string[], env: Record<string, string> = {}): Sample {
  const command = [process.execPath, "--import", "tsx", "src/cli/main.ts", ...args];
  const timed = existsSync(GNU_TIME) ? [GNU_TIME, "-f", "peak-kib=%M", ...command] : command;
  const started = performance.now();
  const run = spawnSync(timed[0]!, timed.slice(1), { encoding: "utf8", env: { ...process.env, ...env } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stderr}`);
  const peak = run.stderr.match(/peak-kib=(\d+)/)?.[1];
  return { ms, peakMiB: peak ? Number(peak) / 1024 : undefined };
}

function summarize(name: string, samples: Sample[]) {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const peaks = samples.flatMap((sample) => (sample.peakMiB === undefined ? [] : [sample.peakMiB]));
  return {
    case: name,
    runs: samples.length,
    "median s": (times[Math.floor(times.length / 2)]! / 1000).toFixed(2),
    "min s": (times[0]! / 1000).toFixed(2),
    "peak MiB": peaks.length ? Math.round(Math.max(...peaks)) : "n/a",
  };
}

const rows = [];

const site = path.join(scratch, "site");
runCli(["build", "--output", site]);
rows.push(
  summarize(
    "build the seed wall (70 tweets)",
    Array.from({ length: RUNS }, () => runCli(["build", "--output", site])),
  ),
);

const archive = path.join(scratch, "archive");
await writeSyntheticArchive(archive, ARCHIVE_TWEETS);
const imports = Array.from({ length: Math.min(RUNS, 3) }, (_, run) =>
  runCli(["import", archive], { TWEETS_FILE: path.join(scratch, `imported-${run}`, "tweets.json") }),
);
rows.push(summarize(`import a ${ARCHIVE_TWEETS.toLocaleString("en-US")}-tweet X archive`, imports));

console.table(rows);
rmSync(scratch, { recursive: true, force: true });

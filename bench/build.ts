import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Times the whole `npm run build` path (node start, validation, Eleventy, swap) on the seed wall. */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const output = path.join(mkdtempSync(path.join(tmpdir(), "tweetwall-bench-")), "site");

function timeBuild(): number {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "build", "--output", output],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`build failed:\n${run.stderr}`);
  return performance.now() - started;
}

timeBuild();
const times = Array.from({ length: RUNS }, timeBuild).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.table([
  {
    case: "seed wall (70 tweets), whole CLI",
    runs: RUNS,
    "median ms": Math.round(median),
    "min ms": Math.round(times[0]!),
    "max ms": Math.round(times.at(-1)!),
  },
]);
rmSync(path.dirname(output), { recursive: true, force: true });

import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

/** Timing of whole commands as a curator runs them: node start included, peak memory from GNU time. */

export interface Sample {
  ms: number;
  /** User + system CPU seconds: steadier than wall time on a machine shared with other work. */
  cpuSeconds: number | undefined;
  peakMiB: number | undefined;
}

const GNU_TIME = "/usr/bin/time";
const TIME_MARK = "tweetwall-bench-time";
const TIME_LINE = new RegExp(`${TIME_MARK} (\\d+) ([\\d.]+) ([\\d.]+)\\s*$`);
// A build that hangs must not hang the bench: the case reports it as an error instead.
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;

/** `node bin/tweetwall.js …args`, the command `npm run build` and friends run. */
export function ourCli(args: string[]): string[] {
  return [process.execPath, "bin/tweetwall.js", ...args];
}

/** Eleventy's own command line from the project's node_modules, as a bare site is built. */
export function bareEleventy(input: string, output: string, config: string): string[] {
  return [
    process.execPath,
    "node_modules/@11ty/eleventy/cmd.cjs",
    `--input=${input}`,
    `--output=${output}`,
    `--config=${config}`,
    "--quiet",
  ];
}

/** Runs `command` from the repository root and times it; a failing command throws with its stderr. */
export function timeCommand(command: string[], env: Record<string, string> = {}): Sample {
  const timed = existsSync(GNU_TIME) ? [GNU_TIME, "-f", `${TIME_MARK} %M %U %S`, ...command] : command;
  const started = performance.now();
  const run = spawnSync(timed[0]!, timed.slice(1), {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const shown = ["node", ...command.slice(1)].join(" ");
  if (run.error) throw new Error(`${shown}: ${run.error.message}`);
  if (run.status !== 0) {
    const stderr = run.stderr
      .replace(TIME_LINE, "")
      .replace(/Command exited with non-zero status \d+\s*$/, "");
    throw new Error(`${shown} failed:\n${stderr.trim().split("\n").slice(-20).join("\n")}`);
  }
  const [, peakKiB, user, system] = run.stderr.match(TIME_LINE) ?? [];
  return {
    ms,
    cpuSeconds: user === undefined ? undefined : Number(user) + Number(system),
    peakMiB: peakKiB === undefined ? undefined : Number(peakKiB) / 1024,
  };
}

export interface Contender {
  /** Shown in the progress lines on stderr. */
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Emptied before every run (untimed), so each side writes into a fresh folder. */
  output: string;
}

/**
 * Times two commands in alternation (a, b, a, b …) so that drift in the machine's load falls
 * on both alike, after `warmUps` untimed runs of each. Returns the samples of `a`, then of `b`.
 */
export function alternate(a: Contender, b: Contender, pairs: number, warmUps: number) {
  const run = (contender: Contender) => {
    rmSync(contender.output, { recursive: true, force: true });
    const sample = timeCommand(contender.command, contender.env);
    console.error(`  ${contender.name}: ${seconds(sample.ms)}`);
    return sample;
  };
  for (let round = 0; round < warmUps; round++) {
    run(a);
    run(b);
  }
  const samples: [Sample[], Sample[]] = [[], []];
  for (let pair = 0; pair < pairs; pair++) {
    samples[0].push(run(a));
    samples[1].push(run(b));
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function medianMs(samples: Sample[]): number {
  return median(samples.map((sample) => sample.ms));
}

/** The median CPU time, or undefined without GNU time. */
export function medianCpuSeconds(samples: Sample[]): number | undefined {
  const cpu = samples.flatMap((sample) => (sample.cpuSeconds === undefined ? [] : [sample.cpuSeconds]));
  return cpu.length ? median(cpu) : undefined;
}

export function peakMiB(samples: Sample[]): number | undefined {
  const peaks = samples.flatMap((sample) => (sample.peakMiB === undefined ? [] : [sample.peakMiB]));
  return peaks.length ? Math.max(...peaks) : undefined;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

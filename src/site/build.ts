import { rmSync } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { CuratorProblems, formatProblem } from "../curator/problems.ts";
import type { WallView } from "../view/wall.ts";
import { BUILT_MARKER, MARKER_TEXT, type OutputFolder } from "./output-folder.ts";
import { configureSite, SITE_FILES } from "./plugin.ts";
import { fromNunjucksMessage, SiteError } from "./site-error.ts";

export type BuildOutcome = { ok: true; seconds: number } | { ok: false; errors: string[] };

let builds = 0;

/**
 * Builds the wall into a staging folder beside the output and swaps it in only when the whole
 * build succeeded, so a failed build leaves the last good site exactly as it was. The output
 * must have been checked with checkOutputFolder first.
 */
export async function buildSite(
  wall: WallView,
  output: OutputFolder,
  { mediaRoot }: { mediaRoot: string },
): Promise<BuildOutcome> {
  const started = performance.now();
  // A new name for every build: a preview builds many times in one process.
  const staging = `${output.realPath}.building-${process.pid}-${++builds}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(SITE_FILES.input, staging, {
      config: (eleventyConfig) => {
        quietBenchmarks(eleventyConfig);
        configureSite(eleventyConfig, { load: async () => ({ ok: true, value: wall }), mediaRoot });
      },
      pathPrefix: wall.site.pathPrefix,
      quietMode: true,
      runMode: "build",
    });
    // Errors are reported once, by the caller, without Eleventy's stack traces.
    eleventy.disableLogger();
    eleventy.setIsVerbose(false);
    await eleventy.write();
    await writeFile(path.join(staging, BUILT_MARKER), MARKER_TEXT);
    await swapIn(staging, output.realPath);
    return { ok: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // Eleventy may still be copying passthrough files into the staging folder when the build
    // rejects; removing it under them would turn one clear error into a second, noisy one.
    process.once("exit", () => rmSync(staging, { recursive: true, force: true }));
    setTimeout(() => rm(staging, { recursive: true, force: true }).catch(() => {}), 2000).unref();
    return { ok: false, errors: describeBuildError(error) };
  }
}

async function swapIn(staging: string, target: string): Promise<void> {
  const previous = `${staging}.previous`;
  const hadPrevious = await stat(target).then(
    () => true,
    () => false,
  );
  if (hadPrevious) await rename(target, previous);
  await rename(staging, target);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/**
 * Eleventy times its configuration's filters and warns on the console about any slower than
 * 50 ms, whatever its quiet mode says: the timings are made before quiet mode is read.
 */
function quietBenchmarks(eleventyConfig: object): void {
  const { benchmarkManager } = eleventyConfig as {
    benchmarkManager: {
      setVerboseOutput(verbose: boolean): void;
      getAll(): Record<string, { setIsVerbose(verbose: boolean): void }>;
    };
  };
  benchmarkManager.setVerboseOutput(false);
  for (const group of Object.values(benchmarkManager.getAll())) group.setIsVerbose(false);
}

/**
 * Eleventy wraps errors several layers deep; the curator needs the innermost meaningful one, as
 * one line with its place.
 */
export function describeBuildError(error: unknown): string[] {
  const chain: unknown[] = [];
  for (let current: unknown = error; current && !chain.includes(current);) {
    chain.push(current);
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  const problems = chain.find((link): link is CuratorProblems => link instanceof CuratorProblems);
  if (problems) return problems.problems.map(formatProblem);
  const siteError = chain.find((link): link is SiteError => link instanceof SiteError);
  if (siteError) return [siteError.message];
  const messages = chain.map((link) => (link instanceof Error ? link.message : String(link)).trim());
  for (const message of [...messages].reverse()) {
    const placed = fromNunjucksMessage(message);
    if (placed) return [placed.message];
  }
  const innermost = messages.filter(Boolean).at(-1);
  return [innermost ? innermost.split("\n")[0]! : "the build failed for an unknown reason"];
}

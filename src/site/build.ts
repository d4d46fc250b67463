import { rmSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { formatProblem, WallDataError } from "../curator/problems.ts";

/** The Eleventy config's source; Eleventy itself is given the compiled copy (bin/compile.js). */
export const CONFIG_SOURCE = ".eleventy.ts";
export const INPUT_DIR = "templates";

export type BuildOutcome = { ok: true; seconds: number } | { ok: false; errors: string[] };

/**
 * Builds the site into a staging folder beside `outputDir` and swaps it in only when the whole
 * build succeeded, so a failed build leaves the last good site exactly as it was.
 */
export async function buildSite(outputDir: string, eleventyConfig: string): Promise<BuildOutcome> {
  const started = performance.now();
  const target = path.resolve(outputDir);
  const staging = `${target}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(INPUT_DIR, staging, {
      configPath: eleventyConfig,
      quietMode: true,
      runMode: "build",
    });
    // Errors are reported once, by the caller, without Eleventy's stack traces.
    eleventy.disableLogger();
    eleventy.setIsVerbose(false);
    await eleventy.write();
    await swapIn(staging, target);
    return { ok: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // Eleventy may still be copying passthrough files into the staging folder when the build
    // rejects; removing it under them would turn one clear error into a second, noisy one.
    process.once("exit", () => rmSync(staging, { recursive: true, force: true }));
    return { ok: false, errors: describeBuildError(error) };
  }
}

async function swapIn(staging: string, target: string): Promise<void> {
  const previous = `${target}.previous-${process.pid}`;
  const hadPrevious = await exists(target);
  if (hadPrevious) await rename(target, previous);
  await rename(staging, target);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Eleventy wraps errors several layers deep; the curator needs the innermost meaningful one. */
export function describeBuildError(error: unknown): string[] {
  const chain: unknown[] = [];
  for (let current: unknown = error; current && !chain.includes(current);) {
    chain.push(current);
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  const dataError = chain.find((link): link is WallDataError => link instanceof WallDataError);
  if (dataError) return dataError.problems.map(formatProblem);
  const messages = chain
    .map((link) => (link instanceof Error ? link.message : String(link)).trim())
    .filter((message, index, all) => message && all.indexOf(message) === index);
  return messages.length ? messages : ["the build failed for an unknown reason"];
}

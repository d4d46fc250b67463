import { rmSync } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CuratorProblems, formatProblem } from "../curator/problems.ts";
import type { WallView } from "../view/types.ts";
import { BUILT_MARKER, MARKER_TEXT } from "./output-folder.ts";
import { configureSite, SITE_FILES } from "./plugin.ts";
import { type NunjucksReport, readNunjucksError, SiteError } from "./site-error.ts";
import { findTemplateReference } from "./template-check.ts";
import { frontMatterLines } from "./template-places.ts";

export type BuildOutcome = { ok: true; seconds: number } | { ok: false; errors: string[] };

let builds = 0;

export interface BuildOptions {
  /** The folder `media/…` paths in the tweets file are relative to. */
  mediaRoot: string;
  /** The only build of this process (`tweetwall build`), not one of a preview's many. */
  once?: boolean;
}

/**
 * Builds the wall into a staging folder beside the output and swaps it in only when the whole
 * build succeeded, so a failed build leaves the last good site exactly as it was. The output
 * folder (its real path) must have been checked with checkOutputFolder first.
 */
export async function buildSite(
  wall: WallView,
  outputDir: string,
  { mediaRoot, once = false }: BuildOptions,
): Promise<BuildOutcome> {
  const started = performance.now();
  // Eleventy's ESM cache-buster (a loader thread, read when Eleventy loads) serves a process
  // that imports a changed file again; a one-off build never does (bench case "seed build vs
  // bare Eleventy").
  if (once) process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const { default: Eleventy } = await import("@11ty/eleventy");
  // A new name for every build: a preview builds many times in one process.
  const staging = `${outputDir}.building-${process.pid}-${++builds}`;
  try {
    await rm(staging, { recursive: true, force: true });
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
    await swapIn(staging, outputDir);
    return { ok: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // Eleventy may still be copying passthrough files into the staging folder when the build
    // rejects; removing it under them would turn one clear error into a second, noisy one.
    process.once("exit", () => rmSync(staging, { recursive: true, force: true }));
    setTimeout(() => rm(staging, { recursive: true, force: true }).catch(() => {}), 2000).unref();
    return { ok: false, errors: await describeBuildError(error) };
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
export async function describeBuildError(error: unknown): Promise<string[]> {
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
  const frontMatter = frontMatterError(chain);
  if (frontMatter) return [frontMatter.message];
  const nunjucks = chain.map(readNunjucksError).find((report) => report !== undefined);
  if (nunjucks) return [(await placeNunjucksError(nunjucks)).message];
  const messages = chain.map((link) => (link instanceof Error ? link.message : String(link)).trim());
  const innermost = messages.filter(Boolean).at(-1);
  return [innermost ? innermost.split("\n")[0]! : "the build failed for an unknown reason"];
}

/** A page's front matter that is not YAML: js-yaml counts from 0, from the file's first line. */
function frontMatterError(chain: unknown[]): SiteError | undefined {
  const file = chain
    .map((link) =>
      /^Having trouble reading front matter from template (.+)$/.exec((link as Error)?.message ?? ""),
    )
    .find(Boolean)?.[1];
  const yaml = chain.find(
    (link): link is { reason: string; mark: { line: number; column: number } } =>
      typeof (link as { reason?: unknown })?.reason === "string" &&
      typeof (link as { mark?: { line?: unknown } })?.mark?.line === "number",
  );
  if (!file || !yaml) return undefined;
  return new SiteError(
    { file, line: yaml.mark.line + 1, column: yaml.mark.column + 1 },
    `front matter: ${yaml.reason}`,
  );
}

/**
 * The place a Nunjucks error names, as the editor counts it: for the few errors
 * placeTemplateErrors cannot place (a missing template, a failed import).
 */
async function placeNunjucksError(report: NunjucksReport): Promise<SiteError> {
  const missing = /^template not found: (.+)$/.exec(report.cause)?.[1];
  const reference = missing && (await findTemplateReference(SITE_FILES.input, missing, report.file));
  if (reference) return new SiteError(reference, report.cause);
  if (report.line === undefined) return new SiteError({ file: report.file }, report.cause);
  // A render error counts from 0, and Eleventy hands Nunjucks a page without its front matter.
  const from = report.rendering ? 1 : 0;
  return new SiteError(
    {
      file: report.file,
      line: report.line + from + frontMatterLines(report.file),
      column: report.column === undefined ? undefined : report.column + from,
    },
    report.cause,
  );
}

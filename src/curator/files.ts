import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { normalizeWall, pathPrefixOfUrl, type WallView } from "../view/wall.ts";
import {
  DEFAULT_SITE_FILE,
  mediaBesideFile,
  parseSiteJson,
  parseTweetsJson,
  readText,
  type TextOrProblem,
  tweetsFilePath,
} from "./read.ts";
import type { Checked } from "./problems.ts";

export interface WallFiles {
  tweetsFile: string;
  siteFile: string;
}

/** `TWEETS_FILE` and `SITE_FILE` override the curator's two files for every command. */
export function wallFilesFromEnv(env: NodeJS.ProcessEnv = process.env): WallFiles {
  return { tweetsFile: tweetsFilePath(env), siteFile: env.SITE_FILE?.trim() || DEFAULT_SITE_FILE };
}

interface Load {
  stamp: string;
  result: Checked<WallView>;
}

let lastLoad: Load | undefined;

/**
 * Reads, validates and normalizes both curator files, reporting every problem in either at once.
 * The CLI validates before starting Eleventy and Eleventy asks again for its global data; the
 * second call, on files not written since, reuses the first result instead of reading 20 MB of
 * tweets and validating them twice.
 */
export async function loadWall(files: WallFiles): Promise<Checked<WallView>> {
  const stamp = await stampOf(files);
  if (stamp !== undefined && lastLoad?.stamp === stamp) return lastLoad.result;
  const [siteText, tweetsText] = await Promise.all([readText(files.siteFile), readText(files.tweetsFile)]);
  const result = checkWall(files, siteText, tweetsText);
  lastLoad = stamp === undefined ? undefined : { stamp, result };
  return result;
}

/**
 * Which two files, and which version of them is on disk: a write changes their size or
 * modification time. Not for a file written in the last two seconds, as some file systems
 * (FAT, network mounts) keep time that coarsely: a second save of the same size could keep the
 * first one's stamp.
 */
async function stampOf({ tweetsFile, siteFile }: WallFiles): Promise<string | undefined> {
  try {
    const files = [tweetsFile, siteFile];
    const stats = await Promise.all(files.map((file) => stat(file, { bigint: true })));
    const now = BigInt(Date.now()) * 1_000_000n;
    if (stats.some(({ mtimeNs }) => now - mtimeNs < COARSEST_TIMESTAMP_NS)) return undefined;
    return JSON.stringify(stats.map(({ ino, size, mtimeNs }, i) => [files[i], `${ino}:${size}:${mtimeNs}`]));
  } catch {
    // A missing file is read (and reported) every time.
    return undefined;
  }
}

const COARSEST_TIMESTAMP_NS = 2_000_000_000n;

function checkWall(
  { tweetsFile, siteFile }: WallFiles,
  siteText: TextOrProblem,
  tweetsText: TextOrProblem,
): Checked<WallView> {
  const site = typeof siteText === "string" ? parseSiteJson(siteText, siteFile) : siteText;
  const tweets =
    typeof tweetsText === "string"
      ? parseTweetsJson(tweetsText, tweetsFile, mediaBesideFile(tweetsFile))
      : tweetsText;
  if (!site.ok || !tweets.ok) {
    return {
      ok: false,
      problems: [...(site.ok ? [] : site.problems), ...(tweets.ok ? [] : tweets.problems)],
    };
  }
  return { ok: true, value: normalizeWall(site.value, tweets.value) };
}

/** The site's path prefix, read before Eleventy starts (it is part of Eleventy's own configuration). */
export function pathPrefixOf(siteFile: string): string {
  let text: string;
  try {
    text = readFileSync(siteFile, "utf8");
  } catch {
    return "/";
  }
  const site = parseSiteJson(text, siteFile);
  return site.ok ? pathPrefixOfUrl(site.value.url) : "/";
}

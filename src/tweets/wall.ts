import { readFileSync } from "node:fs";
import { normalizeWall, pathPrefixOfUrl, type WallView } from "./normalize.ts";
import {
  DEFAULT_SITE_FILE,
  mediaBesideFile,
  parseSiteJson,
  parseTweetsJson,
  readText,
  type TextOrProblem,
  tweetsFilePath,
} from "./load.ts";
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
  files: WallFiles;
  siteText: TextOrProblem;
  tweetsText: TextOrProblem;
  result: Checked<WallView>;
}

let lastLoad: Load | undefined;

/**
 * Reads, validates and normalizes both curator files, reporting every problem in either at once.
 * The CLI validates before starting Eleventy and Eleventy asks again for its global data; the
 * second call, on unchanged files, reuses the first result instead of validating twice.
 */
export async function loadWall(files: WallFiles): Promise<Checked<WallView>> {
  const [siteText, tweetsText] = await Promise.all([readText(files.siteFile), readText(files.tweetsFile)]);
  if (!lastLoad || !isSameLoad(lastLoad, files, siteText, tweetsText)) {
    lastLoad = { files, siteText, tweetsText, result: checkWall(files, siteText, tweetsText) };
  }
  return lastLoad.result;
}

// Compared field by field: a key built by stringifying 20 MB of tweets took a second.
function isSameLoad(load: Load, files: WallFiles, siteText: TextOrProblem, tweetsText: TextOrProblem) {
  return (
    load.files.tweetsFile === files.tweetsFile &&
    load.files.siteFile === files.siteFile &&
    load.siteText === siteText &&
    load.tweetsText === tweetsText
  );
}

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

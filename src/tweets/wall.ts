import { normalizeWall, type WallView } from "./normalize.ts";
import { DEFAULT_SITE_FILE, readSiteFile, readTweetsFile, tweetsFilePath } from "./load.ts";
import type { Checked } from "./problems.ts";

export interface WallFiles {
  tweetsFile: string;
  siteFile: string;
}

export function wallFilesFromEnv(env: NodeJS.ProcessEnv = process.env): WallFiles {
  return { tweetsFile: tweetsFilePath(env), siteFile: DEFAULT_SITE_FILE };
}

/** Reads, validates and normalizes both curator files, reporting every problem in either at once. */
export async function loadWall({ tweetsFile, siteFile }: WallFiles): Promise<Checked<WallView>> {
  const [site, tweets] = await Promise.all([readSiteFile(siteFile), readTweetsFile(tweetsFile)]);
  if (!site.ok || !tweets.ok) {
    return { ok: false, problems: [...(site.ok ? [] : site.problems), ...(tweets.ok ? [] : tweets.problems)] };
  }
  return { ok: true, value: normalizeWall(site.value, tweets.value) };
}

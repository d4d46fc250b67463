import { readFile, stat } from "node:fs/promises";
import { parseWallText, WallTextError } from "../tweets/import/wall-text.ts";
import { DEFAULT_SITE_FILE, readTweetsFile } from "../tweets/load.ts";
import { mergeTweets } from "../tweets/merge.ts";
import { formatProblem } from "../tweets/problems.ts";
import { orderSiteKeys, orderTweetKeys, writeJsonAtomic } from "../tweets/save.ts";

export interface ImportOptions {
  source: string;
  tweetsFile: string;
  siteFile?: string;
  dryRun: boolean;
}

export type ImportOutcome = { ok: true; report: string[] } | { ok: false; errors: string[] };

/**
 * Imports a plain-text wall: its tweets are merged after the ones already in the tweets file,
 * and its title, intro and author become `data/site.json` when there is none yet.
 */
export async function importWall({
  source,
  tweetsFile,
  siteFile = DEFAULT_SITE_FILE,
  dryRun,
}: ImportOptions): Promise<ImportOutcome> {
  let imported;
  try {
    imported = parseWallText(await readFile(source, "utf8"), source);
  } catch (error) {
    if (error instanceof WallTextError) return { ok: false, errors: [error.message] };
    return {
      ok: false,
      errors: [`${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`],
    };
  }

  const hasTweetsFile = await exists(tweetsFile);
  const existing = hasTweetsFile ? await readTweetsFile(tweetsFile) : { ok: true as const, value: [] };
  if (!existing.ok) {
    return {
      ok: false,
      errors: [
        ...existing.problems.map(formatProblem),
        `${tweetsFile} must be valid before importing into it`,
      ],
    };
  }
  const merged = mergeTweets(existing.value, imported.tweets);
  const writeSite = !(await exists(siteFile));

  const report = [
    `${source}: ${imported.tweets.length} tweets read`,
    `${dryRun ? "would add" : "added"} ${merged.added.length} to ${tweetsFile}, skipped ${merged.skipped.length}`,
    ...merged.skipped.map(
      ({ tweet, reason }) => `  skipped "${preview(tweet.text)}" (${tweet.date}): ${reason}`,
    ),
    writeSite
      ? `${dryRun ? "would write" : "wrote"} ${siteFile} (title, intro, author)`
      : `${siteFile} kept as it is`,
  ];
  if (dryRun) return { ok: true, report };
  if (merged.added.length > 0 || !hasTweetsFile) {
    await writeJsonAtomic(tweetsFile, merged.tweets.map(orderTweetKeys));
  }
  if (writeSite) await writeJsonAtomic(siteFile, orderSiteKeys(imported.site));
  return { ok: true, report };
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

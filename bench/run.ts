import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { broken, type Row, tally } from "./budget.ts";
import {
  archiveImport,
  largeWall,
  previewSave,
  seedBuildVsBare,
  seedFirstView,
  seedShareImages,
  type Settings,
} from "./cases.ts";

/**
 * `npm run bench`: the budgets the README quotes, measured on the whole CLI as a curator runs it
 * (node start included) and printed as one table, every case run even when one misses its
 * budget; the exit code is 1 when any budget was missed or a case could not be measured.
 *
 * BENCH_QUICK=1     a fast check: 5,000 tweets instead of 100,000, 3 pairs
 * BENCH_RUNS=N      timed pairs for the seed wall (default 7; the large wall takes at most 3)
 * BENCH_PAGE_SIZE=N tweets per wall page (default: the site file's pageSize, else 100)
 * BENCH_ONLY=word      only the cases whose name holds this word (e.g. preview, share)
 * BENCH_ARCHIVE_TWEETS=N, BENCH_TIMEOUT_S=N
 */
const QUICK = process.env.BENCH_QUICK === "1";
const WALL_TWEETS = QUICK ? 5_000 : 100_000;

const settings: Settings = {
  scratch: mkdtempSync(path.join(tmpdir(), "tweetwall-bench-")),
  pairs: Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 7)),
  wallTweets: WALL_TWEETS,
  archiveTweets: Number(process.env.BENCH_ARCHIVE_TWEETS ?? WALL_TWEETS),
  pageSize: wallPageSize(),
};

/** The wall's page size, so the bare site paginates as ours does. */
function wallPageSize(): number {
  if (process.env.BENCH_PAGE_SIZE) return Number(process.env.BENCH_PAGE_SIZE);
  const siteFile = process.env.SITE_FILE?.trim() || "data/site.json";
  const site = parseJsonc(readFileSync(siteFile, "utf8")) as { pageSize?: unknown } | undefined;
  return typeof site?.pageSize === "number" ? site.pageSize : 100;
}

const CASES: [string, (settings: Settings) => Promise<Row[]>][] = [
  ["first view of the seed wall", seedFirstView],
  ["seed build vs bare Eleventy", seedBuildVsBare],
  ["seed share images", seedShareImages],
  [`${WALL_TWEETS.toLocaleString("en-US")}-tweet wall`, largeWall],
  ["archive import", archiveImport],
  ["preview: save to page", previewSave],
];

const rows: Row[] = [];
const errors: string[] = [];
try {
  const only = process.env.BENCH_ONLY?.toLowerCase();
  for (const [name, measure] of CASES.filter(([name]) => !only || name.toLowerCase().includes(only))) {
    console.error(`bench: ${name}…`);
    try {
      rows.push(...(await measure(settings)));
    } catch (error) {
      rows.push(broken(name, error));
      errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  rmSync(settings.scratch, { recursive: true, force: true });
}

console.table(rows);
for (const error of errors) console.error(`\n${error}`);
console.log(tally(rows));
if (rows.some((row) => row.verdict === "✗")) process.exitCode = 1;

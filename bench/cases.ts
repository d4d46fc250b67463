import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeSyntheticArchive } from "../tests/support/archive.ts";
import { writeBareSite } from "./bare-eleventy.ts";
import { formatBytes, formatRatio, judged, KIB, reported, type Row } from "./budget.ts";
import {
  alternate,
  bareEleventy,
  medianCpuSeconds,
  median,
  medianMs,
  ourCli,
  peakMiB,
  type Sample,
  seconds,
  timeCommand,
} from "./measure.ts";
import { type PlainTweet, syntheticTweets, writeTweetsFile } from "./synthetic-wall.ts";
import { previewLatencies } from "./preview.ts";
import { SHARE_IMAGES_CACHE } from "../src/site/share-images.ts";
import { rmSync } from "node:fs";
import { firstViewWeight, largestWallPage } from "./weight.ts";

/** The bench's cases; each writes what it needs under `scratch` and returns its rows. */

export interface Settings {
  scratch: string;
  /** Timed pairs for the seed wall; the large wall takes at most 3. */
  pairs: number;
  wallTweets: number;
  archiveTweets: number;
  pageSize: number;
}

export const FIRST_VIEW_BUDGET = 14 * KIB;
export const SEED_RATIO_BUDGET = 1.15;
export const LARGE_RATIO_BUDGET = 2;
export const PEAK_MEMORY_BUDGET_MIB = 1024;
export const WALL_PAGE_BUDGET = 100 * KIB;
/** The preview's save-to-page time before the one-way build: 0.3 s on a quiet machine. */
export const PREVIEW_BUDGET_MS = 300;
const PREVIEW_SAVES = 15;

export async function seedFirstView({ scratch }: Settings): Promise<Row[]> {
  const site = path.join(scratch, "seed-first-view");
  timeCommand(ourCli(["build", "--output", site]));
  const view = await firstViewWeight(site);
  const parts = view.parts.map((part) => `${part.file} ${part.bytes.toLocaleString("en-US")}`).join(" + ");
  return [
    judged(
      "first view of the seed wall, gzip",
      `${formatBytes(view.bytes)} (${parts})`,
      `≤ ${formatBytes(FIRST_VIEW_BUDGET)} (14 KB)`,
      view.bytes <= FIRST_VIEW_BUDGET,
    ),
  ];
}

/** Our build of the seed wall against a bare Eleventy loop over the same 70 tweets. */
export async function seedBuildVsBare({ scratch, pairs }: Settings): Promise<Row[]> {
  // The file holds `{ "$schema", "tweets": [...] }`, or the bare array the schema also accepts.
  const seed = JSON.parse(await readFile("data/tweets.json", "utf8")) as
    PlainTweet[] | { tweets: PlainTweet[] };
  const tweets = (Array.isArray(seed) ? seed : seed.tweets).map(({ text, date }) => ({ text, date }));
  const bare = await writeBareSite(path.join(scratch, "seed-bare"), tweets);
  const bareOutput = path.join(scratch, "seed-bare-site");
  const ourOutput = path.join(scratch, "seed-site");
  const [bareSamples, ourSamples] = alternate(
    { name: "bare", command: bareEleventy(bare.input, bareOutput, bare.config), output: bareOutput },
    { name: "ours", command: ourCli(["build", "--output", ourOutput]), output: ourOutput },
    pairs,
    1,
  );
  const ours = medianMs(ourSamples);
  const bareMs = medianMs(bareSamples);
  const count = tweets.length;
  return [
    reported(`build the seed wall (${count} tweets)`, describeRuns(ourSamples)),
    judged(
      `seed build vs bare Eleventy, ${plural(pairs, "pair")}`,
      `${seconds(ours)} vs ${seconds(bareMs)} = ${formatRatio(ours, bareMs)}${cpuRatio(ourSamples, bareSamples)}`,
      `≤ ${SEED_RATIO_BUDGET}×`,
      ours <= SEED_RATIO_BUDGET * bareMs,
    ),
  ];
}

/** A wall of `wallTweets` synthetic tweets against bare Eleventy paginating them alike. */
export async function largeWall({ scratch, pairs, wallTweets, pageSize }: Settings): Promise<Row[]> {
  const tweets = syntheticTweets(wallTweets);
  const tweetsFile = path.join(scratch, "large", "tweets.json");
  const bare = await writeBareSite(path.join(scratch, "large-bare"), tweets, pageSize);
  await writeTweetsFile(tweetsFile, tweets);
  // Like with like at any size: the bare site has no per-tweet pages, so ours leaves them out
  // too (at 5,000 tweets "auto" would make them).
  const siteFile = path.join(scratch, "large", "site.json");
  const site = JSON.parse(await readFile("data/site.json", "utf8")) as Record<string, unknown>;
  await writeFile(siteFile, JSON.stringify({ ...site, pageSize, tweetPages: false }));
  const bareOutput = path.join(scratch, "large-bare-site");
  const ourOutput = path.join(scratch, "large-site");
  const largePairs = Math.min(pairs, 3);
  const [bareSamples, ourSamples] = alternate(
    { name: "bare", command: bareEleventy(bare.input, bareOutput, bare.config), output: bareOutput },
    {
      name: "ours",
      command: ourCli(["build", "--output", ourOutput]),
      env: { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile },
      output: ourOutput,
    },
    largePairs,
    0,
  );
  const ours = medianMs(ourSamples);
  const bareMs = medianMs(bareSamples);
  const peak = peakMiB(ourSamples);
  const page = await largestWallPage(ourOutput);
  const count = wallTweets.toLocaleString("en-US");
  return [
    judged(
      `build ${count} tweets vs bare Eleventy (pages of ${pageSize}), ${plural(largePairs, "pair")}`,
      `${seconds(ours)} vs ${seconds(bareMs)} = ${formatRatio(ours, bareMs)}${cpuRatio(ourSamples, bareSamples)}`,
      `≤ ${LARGE_RATIO_BUDGET}×`,
      ours <= LARGE_RATIO_BUDGET * bareMs,
    ),
    peak === undefined
      ? reported(`peak memory, ${count}-tweet build`, "n/a (no GNU time)")
      : judged(
          `peak memory, ${count}-tweet build`,
          `${Math.round(peak)} MiB`,
          `< ${PEAK_MEMORY_BUDGET_MIB} MiB (1 GiB)`,
          peak < PEAK_MEMORY_BUDGET_MIB,
        ),
    judged(
      `largest wall page of ${count} tweets, gzip`,
      `${formatBytes(page.bytes)} (${page.file}, 1 of ${page.pages.toLocaleString("en-US")})`,
      `< ${formatBytes(WALL_PAGE_BUDGET)} (100 KB)`,
      page.bytes < WALL_PAGE_BUDGET,
    ),
  ];
}

export async function archiveImport({ scratch, pairs, archiveTweets }: Settings): Promise<Row[]> {
  const archive = path.join(scratch, "archive");
  await writeSyntheticArchive(archive, archiveTweets);
  const imports = Array.from({ length: Math.min(pairs, 3) }, (_, run) =>
    timeCommand(ourCli(["import", archive]), {
      TWEETS_FILE: path.join(scratch, `imported-${run}`, "tweets.json"),
    }),
  );
  return [
    reported(`import a ${archiveTweets.toLocaleString("en-US")}-tweet X archive`, describeRuns(imports)),
  ];
}

/** A cold build's share images of the seed wall cost at most this much more than none. */
export const SHARE_COLD_BUDGET_MS = 2000;
/** A warm build (every image in the cache) keeps the seed build's slack over bare Eleventy. */
export const SHARE_WARM_RATIO_BUDGET = SEED_RATIO_BUDGET;

/**
 * The seed wall with a url (share images, feeds, sitemap) against the same wall without one (none
 * of them): cold, the share image cache emptied before each run, and warm, every image cached.
 */
export async function seedShareImages({ scratch, pairs }: Settings): Promise<Row[]> {
  const siteFile = path.join(scratch, "share", "site.json");
  await mkdir(path.dirname(siteFile), { recursive: true });
  const site = JSON.parse(await readFile("data/site.json", "utf8")) as Record<string, unknown>;
  await writeFile(siteFile, JSON.stringify({ ...site, url: "https://example.org/wall/" }));
  const withUrl = path.join(scratch, "share-site");
  const without = path.join(scratch, "share-site-without");
  const build = (output: string, env: Record<string, string> = {}) => {
    rmSync(output, { recursive: true, force: true });
    return timeCommand(ourCli(["build", "--output", output]), env);
  };
  const cold = () => {
    rmSync(SHARE_IMAGES_CACHE, { recursive: true, force: true });
    return build(withUrl, { SITE_FILE: siteFile });
  };
  const warm = () => build(withUrl, { SITE_FILE: siteFile });
  // Untimed: the CLI's bundle compiled, the files in the page cache.
  cold();
  build(without);
  const samples: Record<"cold" | "warm" | "without", Sample[]> = { cold: [], warm: [], without: [] };
  for (let pair = 0; pair < pairs; pair++) {
    samples.cold.push(cold());
    samples.without.push(build(without));
    samples.warm.push(warm());
    console.error(
      `  cold ${seconds(samples.cold.at(-1)!.ms)}, warm ${seconds(samples.warm.at(-1)!.ms)}, without ${seconds(samples.without.at(-1)!.ms)}`,
    );
  }
  const [coldMs, warmMs, withoutMs] = [
    medianMs(samples.cold),
    medianMs(samples.warm),
    medianMs(samples.without),
  ];
  const images = await shareImageSizes(path.join(withUrl, "share"));
  return [
    judged(
      `seed build with share images, cold, ${plural(pairs, "run")}`,
      `${seconds(coldMs)} vs ${seconds(withoutMs)} without = +${seconds(coldMs - withoutMs)}${cpuExtra(samples.cold, samples.without)}`,
      `≤ +${seconds(SHARE_COLD_BUDGET_MS)}`,
      coldMs - withoutMs <= SHARE_COLD_BUDGET_MS,
    ),
    judged(
      `seed build with share images, warm, ${plural(pairs, "run")}`,
      `${seconds(warmMs)} vs ${seconds(withoutMs)} without = ${formatRatio(warmMs, withoutMs)}${cpuExtra(samples.warm, samples.without)}`,
      `≤ ${SHARE_WARM_RATIO_BUDGET}×`,
      warmMs <= SHARE_WARM_RATIO_BUDGET * withoutMs,
    ),
    reported(
      `share images of the seed wall`,
      `${images.count} PNGs, ${formatBytes(images.total)} (median ${formatBytes(images.median)}, largest ${formatBytes(images.largest)})`,
    ),
  ];
}

async function shareImageSizes(folder: string) {
  const sizes = await Promise.all(
    (await readdir(folder)).map(async (name) => (await stat(path.join(folder, name))).size),
  );
  return {
    count: sizes.length,
    total: sizes.reduce((sum, size) => sum + size, 0),
    median: median(sizes),
    largest: Math.max(...sizes),
  };
}

function cpuExtra(ours: Sample[], without: Sample[]): string {
  const [ourCpu, withoutCpu] = [medianCpuSeconds(ours), medianCpuSeconds(without)];
  return ourCpu === undefined || withoutCpu === undefined
    ? ""
    : ` (CPU +${(ourCpu - withoutCpu).toFixed(2)} s)`;
}

/** From a save of data/tweets.json to the preview serving the changed page. */
export async function previewSave({ scratch }: Settings): Promise<Row[]> {
  const latencies = await previewLatencies(scratch, PREVIEW_SAVES);
  const middle = median(latencies);
  return [
    judged(
      `preview: save to served page, seed wall, ${plural(latencies.length, "save")}`,
      `median ${seconds(middle)}, min ${seconds(Math.min(...latencies))}, max ${seconds(Math.max(...latencies))}`,
      `≤ ${seconds(PREVIEW_BUDGET_MS)} (aim 0.20 s)`,
      middle <= PREVIEW_BUDGET_MS,
    ),
  ];
}

function describeRuns(samples: Sample[]): string {
  const fastest = Math.min(...samples.map((sample) => sample.ms));
  const cpu = medianCpuSeconds(samples);
  const peak = peakMiB(samples);
  return [
    `median ${seconds(medianMs(samples))}`,
    `min ${seconds(fastest)}`,
    ...(cpu === undefined ? [] : [`CPU ${cpu.toFixed(2)} s`]),
    ...(peak === undefined ? [] : [`peak ${Math.round(peak)} MiB`]),
    plural(samples.length, "run"),
  ].join(", ");
}

/** The same comparison in CPU time, which other work on the machine disturbs less than wall time. */
function cpuRatio(ours: Sample[], bare: Sample[]): string {
  const [ourCpu, bareCpu] = [medianCpuSeconds(ours), medianCpuSeconds(bare)];
  return ourCpu === undefined || bareCpu === undefined ? "" : ` (CPU ${formatRatio(ourCpu, bareCpu)})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

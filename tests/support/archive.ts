import { createWriteStream } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import yazl from "yazl";

/** Builds X archives for tests and benchmarks: zips of a folder, and large synthetic archives. */

/** The small hand-written archive: 9 tweets from 2019 to 2022, two images, account.js. */
export const FIXTURE_ARCHIVE = fileURLToPath(new URL("../fixtures/archive/", import.meta.url)).replace(
  /\/$/,
  "",
);

/**
 * Zips every file of `folder` into `zipFile`, as X does: `data/tweets.js` at the top of the zip,
 * or under `topFolder/` as when someone zips the unpacked folder again.
 */
export async function zipFolder(folder: string, zipFile: string, topFolder = ""): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of await filesUnder(folder)) {
    zip.addFile(path.join(folder, file), path.posix.join(topFolder, file.split(path.sep).join("/")));
  }
  zip.end();
  const output = createWriteStream(zipFile);
  zip.outputStream.pipe(output);
  await finished(output);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

export const SYNTHETIC_ACCOUNT = { name: "Synthetic Wall", handle: "synthetic_wall" };

const NEWEST = Date.UTC(2022, 11, 31, 23, 59, 59);
const STEP_MS = 15 * 60 * 1000;
const FIRST_ID = 1_600_000_000_000_000_000n;

/** When synthetic tweet `index` was posted: newest first, one every 15 minutes back from 2022's end. */
export function syntheticTweetTime(index: number): Date {
  return new Date(NEWEST - index * STEP_MS);
}

export function syntheticTweetId(index: number): string {
  return String(FIRST_ID - BigInt(index) * 1000n);
}

/**
 * Element `index` of a synthetic `tweets.js`, shaped as X writes it (≈ 600 bytes): every 10th is
 * a reply, every 7th a retweet, every 5th holds a link; likes cycle through 0–996.
 */
export function syntheticTweet(index: number) {
  const id = syntheticTweetId(index);
  const reply = index % 10 === 3;
  const retweet = !reply && index % 7 === 5;
  const link = index % 5 === 0;
  const text = retweet
    ? `RT @someone: Synthetic retweet number ${index}, a little longer than the rest &amp; cut short…`
    : `${reply ? "@someone " : ""}Synthetic tweet number ${index}: notes &amp; thoughts${link ? " https://t.co/Synth00001" : ""}`;
  return {
    tweet: {
      retweeted: false,
      source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
      entities: {
        hashtags: [],
        symbols: [],
        user_mentions: [],
        urls: link
          ? [
              {
                url: "https://t.co/Synth00001",
                expanded_url: `https://example.com/notes/${index}`,
                display_url: `example.com/notes/${index}`,
                indices: ["40", "63"],
              },
            ]
          : [],
      },
      display_text_range: ["0", String(text.length)],
      favorite_count: String((index * 37) % 997),
      id_str: id,
      ...(reply && {
        in_reply_to_status_id_str: syntheticTweetId(index + 1),
        in_reply_to_screen_name: "someone",
      }),
      truncated: false,
      retweet_count: String(index % 13),
      id,
      created_at: createdAt(syntheticTweetTime(index)),
      favorited: false,
      full_text: text,
      lang: "en",
    },
  };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Wed Dec 07 17:44:09 +0000 2022`, as in the archive. */
function createdAt(date: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${time} +0000 ${date.getUTCFullYear()}`;
}

/**
 * Writes `<folder>/data/tweets.js` with `count` synthetic tweets, and `data/account.js`. The file
 * is streamed out in batches of 1,000, so 100,000 tweets (63 MB) take about a second and
 * little memory. Returns the tweets file's path.
 */
export async function writeSyntheticArchive(folder: string, count: number): Promise<string> {
  const dataFolder = path.join(folder, "data");
  await mkdir(dataFolder, { recursive: true });
  await writeFile(
    path.join(dataFolder, "account.js"),
    `window.YTD.account.part0 = ${JSON.stringify(
      [
        {
          account: {
            username: SYNTHETIC_ACCOUNT.handle,
            accountId: "2222222222",
            accountDisplayName: SYNTHETIC_ACCOUNT.name,
          },
        },
      ],
      null,
      2,
    )}\n`,
  );
  const tweetsFile = path.join(dataFolder, "tweets.js");
  const output = createWriteStream(tweetsFile);
  const write = (text: string) =>
    output.write(text) ? Promise.resolve() : new Promise<void>((resolve) => output.once("drain", resolve));
  await write("window.YTD.tweets.part0 = [");
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const batch: string[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      batch.push(`${index === 0 ? "" : ","}\n${JSON.stringify(syntheticTweet(index), null, 1)}`);
    }
    await write(batch.join(""));
  }
  output.end("\n]\n");
  await finished(output);
  return tweetsFile;
}

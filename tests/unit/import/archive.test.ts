import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ArchiveError,
  type ArchiveImport,
  type ArchiveSelection,
  copyArchiveMedia,
  looksLikeArchive,
  readArchive,
} from "../../../src/import/archive.ts";
import { parseCreatedAt } from "../../../src/import/archive/tweet.ts";
import { tweetSchema, type TweetInput } from "../../../src/curator/schema.ts";
import {
  FIXTURE_ARCHIVE,
  SYNTHETIC_ACCOUNT,
  syntheticTweetId,
  syntheticTweetTime,
  writeSyntheticArchive,
  zipFolder,
} from "../../support/archive.ts";

const OWNER = { name: "Wall Builder", handle: "wallbuilder" };
const TWO_PHOTOS = "1600537548036857856";
const MISSING_PHOTO = "1599152286672248832";
const RETWEET = "1598000000000000001";
const REPLY = "1588888888888888888";
const ENTITIES = "1456789012345678901";
const LINKS = "1400000000000000000";
const EMOJI = "1300000000000000000";
const VIDEO = "1250000000000000000";
const PLAIN = "1082000000000000000";
const ARCHIVE_ORDER = [TWO_PHOTOS, MISSING_PHOTO, RETWEET, REPLY, ENTITIES, LINKS, EMOJI, VIDEO, PLAIN];

const JPEG = "1600537548036857856-FjXyZabc.jpg";
const PNG = "1600537548036857856-FjXyZdef.png";
const FIXTURE_TWEETS_JS = path.join(FIXTURE_ARCHIVE, "data", "tweets.js");

let temp: string;
let fixtureZip: string;
beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), "tweetwall-archive-"));
  fixtureZip = path.join(temp, "archive.zip");
  await zipFolder(FIXTURE_ARCHIVE, fixtureZip);
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

let made = 0;
/** A fresh folder under the test's temporary folder. */
async function tempFolder(name: string): Promise<string> {
  const folder = path.join(temp, `${++made}-${name}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

/** A copy of the fixture archive with `data/tweets.js` replaced by `tweetsJs`. */
async function archiveWithTweetsJs(tweetsJs: string): Promise<string> {
  const folder = await tempFolder("variant");
  await cp(FIXTURE_ARCHIVE, folder, { recursive: true });
  await writeFile(path.join(folder, "data", "tweets.js"), tweetsJs);
  return folder;
}

async function errorFrom(read: Promise<unknown>): Promise<ArchiveError> {
  try {
    await read;
  } catch (error) {
    if (error instanceof ArchiveError) return error;
    throw error;
  }
  throw new Error("the archive was expected to fail");
}

function byId(archive: ArchiveImport, id: string): TweetInput | undefined {
  return archive.tweets.find((tweet) => tweet.url?.endsWith(`/status/${id}`));
}

const idsOf = (archive: ArchiveImport) => archive.tweets.map((tweet) => tweet.url?.split("/").at(-1));

describe("readArchive on the fixture archive folder", () => {
  let archive: ArchiveImport;
  beforeAll(async () => {
    archive = await readArchive(FIXTURE_ARCHIVE);
  });

  test("reads all nine tweets in archive order, newest first, each valid for the tweets file", () => {
    expect(archive.read).toBe(9);
    expect(archive.selected).toBe(9);
    expect(idsOf(archive)).toEqual(ARCHIVE_ORDER);
    expect(archive.skippedByReason).toEqual([]);
    expect(archive.missingIds).toEqual([]);
    for (const tweet of archive.tweets) expect(tweetSchema.safeParse(tweet).success).toBe(true);
  });

  test("names the archive's owner from account.js", () => {
    expect(archive.account).toEqual(OWNER);
  });

  test("shows both photos of a tweet and drops their t.co link from the text", () => {
    expect(byId(archive, TWO_PHOTOS)).toEqual({
      text: "Two tiny pictures from the workshop: a grey one and a two-pixel flag",
      date: "2022-12-07T17:44:09Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${TWO_PHOTOS}`,
      author: OWNER,
      media: [
        // Size from original_info, alt text trimmed.
        { src: `media/${JPEG}`, alt: "A plain grey rectangle", width: 3, height: 2 },
        // No alt text, no size in the archive: the default alt, and the size read from the file.
        { src: `media/${PNG}`, alt: "Image attached to the tweet", width: 2, height: 1 },
      ],
    });
  });

  test("plans to copy exactly the two image files", () => {
    expect(archive.media).toEqual([
      { from: path.join(FIXTURE_ARCHIVE, "data", "tweets_media", JPEG), to: `media/${JPEG}` },
      { from: path.join(FIXTURE_ARCHIVE, "data", "tweets_media", PNG), to: `media/${PNG}` },
    ]);
  });

  test("keeps the pic.twitter.com link of a photo whose file is not in the archive", () => {
    expect(byId(archive, MISSING_PHOTO)).toEqual({
      text: "Sunset over the harbour, if only the file had made it into the archive pic.twitter.com/Sun5etPic1",
      date: "2022-12-03T21:07:33Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${MISSING_PHOTO}`,
      author: OWNER,
    });
  });

  test("keeps a video as its pic.twitter.com link, with no media entry", () => {
    expect(byId(archive, VIDEO)).toEqual({
      text: "Watch the wall build itself pic.twitter.com/ViDeO00001",
      date: "2020-04-14T18:00:00Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${VIDEO}`,
      author: OWNER,
    });
  });

  test("keeps a retweet's RT @user: text, with the archive's owner as author", () => {
    expect(byId(archive, RETWEET)).toEqual({
      text: "RT @karpathy: Plan is to throw a party in the Andromeda galaxy 1B years from now. Everyone welcome, except for those who litter",
      date: "2022-12-02T08:15:00Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${RETWEET}`,
      author: OWNER,
    });
  });

  test("decodes &amp;, &lt; and &gt; exactly once", () => {
    expect(byId(archive, REPLY)?.text).toBe("@karpathy Counting the days <3");
    expect(byId(archive, ENTITIES)?.text).toBe(
      "Fish & chips > everything else. As code: a < b && b > c. And &lt; is not a tag.",
    );
  });

  test("expands t.co links, pointing Twitter links at x.com without tracking", () => {
    expect(byId(archive, LINKS)).toEqual({
      text:
        "New post: static sites are back https://example.com/posts/static-sites?utm_source=twitter&page=2 " +
        "and the tweet that started it https://x.com/jack/status/20",
      date: "2021-06-02T07:30:00Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${LINKS}`,
      author: OWNER,
    });
  });

  test("keeps emoji and other scripts as written", () => {
    expect(byId(archive, EMOJI)?.text).toBe(
      "Good morning ☀️ Coffee ☕ first, then 漢字 practice 👩🏽‍💻 #learning",
    );
    expect(byId(archive, PLAIN)).toEqual({
      text: "Hello, wall. First tweet of the year.",
      date: "2019-01-07T09:00:00Z",
      lang: "en",
      url: `https://x.com/wallbuilder/status/${PLAIN}`,
      author: OWNER,
    });
  });
});

describe("selection while reading", () => {
  const select = (selection: ArchiveSelection) => readArchive(FIXTURE_ARCHIVE, selection);

  test("ids: only those tweets, and the asked-for ids the archive does not have", async () => {
    const archive = await select({ ids: new Set([LINKS, PLAIN, "123"]) });
    expect(idsOf(archive)).toEqual([LINKS, PLAIN]);
    expect(archive.missingIds).toEqual(["123"]);
    expect(archive.skippedByReason).toEqual([{ reason: "not among the ids", count: 7 }]);
  });

  test("minLikes: favorite_count given as a string or a number", async () => {
    expect(idsOf(await select({ minLikes: 1000 }))).toEqual([TWO_PHOTOS, LINKS, EMOJI]);
    expect(idsOf(await select({ minLikes: 12 }))).toEqual([
      TWO_PHOTOS,
      MISSING_PHOTO,
      REPLY,
      ENTITIES,
      LINKS,
      EMOJI,
    ]);
  });

  test("since and until: by the tweet's day in UTC, both inclusive", async () => {
    expect(idsOf(await select({ since: "2022-12-03" }))).toEqual([TWO_PHOTOS, MISSING_PHOTO]);
    expect(idsOf(await select({ until: "2020-04-14" }))).toEqual([VIDEO, PLAIN]);
    const year2021 = await select({ since: "2021-01-01", until: "2021-12-31" });
    expect(idsOf(year2021)).toEqual([ENTITIES, LINKS]);
    expect(year2021.skippedByReason).toEqual([
      { reason: "before since", count: 3 },
      { reason: "after until", count: 4 },
    ]);
  });

  test("noReplies and noRetweets", async () => {
    expect(idsOf(await select({ noReplies: true }))).not.toContain(REPLY);
    expect((await select({ noReplies: true })).selected).toBe(8);
    const originals = await select({ noReplies: true, noRetweets: true });
    expect(idsOf(originals)).toEqual([TWO_PHOTOS, MISSING_PHOTO, ENTITIES, LINKS, EMOJI, VIDEO, PLAIN]);
    expect(originals.skippedByReason).toEqual([
      { reason: "retweet", count: 1 },
      { reason: "reply", count: 1 },
    ]);
  });

  test("limit: the first ones selected in archive order, after the other rules", async () => {
    const archive = await select({ limit: 3, noRetweets: true });
    expect(idsOf(archive)).toEqual([TWO_PHOTOS, MISSING_PHOTO, REPLY]);
    expect(archive.read).toBe(9);
    expect(archive.skippedByReason).toEqual([
      { reason: "retweet", count: 1 },
      { reason: "over the limit", count: 5 },
    ]);
    expect(archive.media.map((copy) => copy.to)).toEqual([`media/${JPEG}`, `media/${PNG}`]);
    expect((await select({ limit: 0 })).tweets).toEqual([]);
  });

  test("a since or until that is not a day is refused before reading", async () => {
    await expect(select({ since: "Dec 2022" })).rejects.toThrow(
      'since: "Dec 2022" is not a day, expected YYYY-MM-DD',
    );
  });
});

describe("the same archive as a folder, a .zip or its tweets.js", () => {
  const withoutPlaces = (archive: ArchiveImport) => ({
    ...archive,
    media: archive.media.map(({ to }) => to),
  });

  test("reads the same tweets and media from each", async () => {
    const folder = await readArchive(FIXTURE_ARCHIVE);
    const zip = await readArchive(fixtureZip);
    const tweetsJs = await readArchive(FIXTURE_TWEETS_JS);
    const zippedAgain = path.join(temp, "zipped-again.zip");
    await zipFolder(FIXTURE_ARCHIVE, zippedAgain, "twitter-2022-12-08-abc");
    const underTopFolder = await readArchive(zippedAgain);

    expect(withoutPlaces(zip)).toEqual(withoutPlaces(folder));
    expect(withoutPlaces(tweetsJs)).toEqual(withoutPlaces(folder));
    expect(withoutPlaces(underTopFolder)).toEqual(withoutPlaces(folder));
    expect(zip.media[0]?.from).toBe(`${fixtureZip}!data/tweets_media/${JPEG}`);
    expect(underTopFolder.media[0]?.from).toBe(
      `${zippedAgain}!twitter-2022-12-08-abc/data/tweets_media/${JPEG}`,
    );
  });

  test("reads an older archive: tweet.js split in parts, tweet_media/, tweets without the wrapper", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    const elements = JSON.parse(fixtureText.replace(/^window\.YTD\.tweets\.part0 =/, "")) as {
      tweet: unknown;
    }[];
    const unwrapped = elements.map((element) => element.tweet);
    const folder = await tempFolder("older");
    await mkdir(path.join(folder, "data", "tweet_media"), { recursive: true });
    await cp(path.join(FIXTURE_ARCHIVE, "data", "account.js"), path.join(folder, "data", "account.js"));
    for (const image of [JPEG, PNG]) {
      await cp(
        path.join(FIXTURE_ARCHIVE, "data", "tweets_media", image),
        path.join(folder, "data", "tweet_media", image),
      );
    }
    const part = (n: number, tweets: unknown[]) =>
      `window.YTD.tweet.part${n} = ${JSON.stringify(tweets, null, 2)}`;
    await writeFile(path.join(folder, "data", "tweet-part1.js"), part(1, unwrapped.slice(5)));
    await writeFile(path.join(folder, "data", "tweet.js"), part(0, unwrapped.slice(0, 5)));

    const older = await readArchive(folder);
    expect(older.tweets).toEqual((await readArchive(FIXTURE_ARCHIVE)).tweets);
    expect(older.media.map(({ from }) => path.relative(folder, from))).toEqual([
      `data/tweet_media/${JPEG}`,
      `data/tweet_media/${PNG}`,
    ]);
  });

  test("reads a tweets.js with a byte-order mark and Windows line ends", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    const folder = await archiveWithTweetsJs(`\uFEFF${fixtureText.replaceAll("\n", "\r\n")}`);
    expect((await readArchive(folder)).tweets).toEqual((await readArchive(FIXTURE_ARCHIVE)).tweets);
  });

  test("an image that can't be read is not shown, and the tweet keeps its pic.twitter.com link", async () => {
    const folder = await tempFolder("broken-image");
    await cp(FIXTURE_ARCHIVE, folder, { recursive: true });
    await writeFile(path.join(folder, "data", "tweets_media", PNG), "not an image");
    const archive = await readArchive(folder, { ids: new Set([TWO_PHOTOS]) });
    expect(archive.tweets).toEqual([
      {
        text: "Two tiny pictures from the workshop: a grey one and a two-pixel flag pic.twitter.com/AbCdEf1234",
        date: "2022-12-07T17:44:09Z",
        lang: "en",
        url: `https://x.com/wallbuilder/status/${TWO_PHOTOS}`,
        author: OWNER,
        media: [{ src: `media/${JPEG}`, alt: "A plain grey rectangle", width: 3, height: 2 }],
      },
    ]);
    expect(archive.media.map(({ to }) => to)).toEqual([`media/${JPEG}`]);
  });

  test("without account.js, links go through x.com/i/status and tweets have no author", async () => {
    const folder = await tempFolder("no-account");
    await cp(FIXTURE_ARCHIVE, folder, { recursive: true });
    await rm(path.join(folder, "data", "account.js"));
    const archive = await readArchive(folder);
    expect(archive.account).toBeUndefined();
    expect(byId(archive, PLAIN)).toEqual({
      text: "Hello, wall. First tweet of the year.",
      date: "2019-01-07T09:00:00Z",
      lang: "en",
      url: `https://x.com/i/status/${PLAIN}`,
    });
  });
});

describe("copyArchiveMedia", () => {
  async function mediaFolderBytes(tweetsDir: string): Promise<Record<string, Buffer>> {
    const names = (await readdir(path.join(tweetsDir, "media"))).sort();
    const files = await Promise.all(names.map((name) => readFile(path.join(tweetsDir, "media", name))));
    return Object.fromEntries(names.map((name, index) => [name, files[index] as Buffer]));
  }
  const originals = async () => ({
    [JPEG]: await readFile(path.join(FIXTURE_ARCHIVE, "data", "tweets_media", JPEG)),
    [PNG]: await readFile(path.join(FIXTURE_ARCHIVE, "data", "tweets_media", PNG)),
  });

  test("copies exactly the two images from the folder, then leaves identical ones alone", async () => {
    const tweetsDir = await tempFolder("copy-folder");
    const { media } = await readArchive(FIXTURE_ARCHIVE);
    expect(await copyArchiveMedia(FIXTURE_ARCHIVE, media, tweetsDir)).toEqual({ copied: 2, unchanged: 0 });
    expect(await mediaFolderBytes(tweetsDir)).toEqual(await originals());
    expect(await copyArchiveMedia(FIXTURE_ARCHIVE, media, tweetsDir)).toEqual({ copied: 0, unchanged: 2 });
  });

  test("copies the same bytes out of the zip", async () => {
    const tweetsDir = await tempFolder("copy-zip");
    const { media } = await readArchive(fixtureZip);
    expect(await copyArchiveMedia(fixtureZip, media, tweetsDir)).toEqual({ copied: 2, unchanged: 0 });
    expect(await mediaFolderBytes(tweetsDir)).toEqual(await originals());
  });

  test("refuses to replace a different file of the curator's, and writes none of the others", async () => {
    const tweetsDir = await tempFolder("copy-taken");
    await mkdir(path.join(tweetsDir, "media"));
    await writeFile(path.join(tweetsDir, "media", PNG), "the curator's own file");
    const { media } = await readArchive(fixtureZip);
    const refusal = await copyArchiveMedia(fixtureZip, media, tweetsDir).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(ArchiveError);
    expect((refusal as Error).message).toBe(
      `${path.join(tweetsDir, "media", PNG)}: a different image is already here, expected a media folder without it: move or rename that file, then import again`,
    );
    expect(await readdir(path.join(tweetsDir, "media"))).toEqual([PNG]);
    expect(await readFile(path.join(tweetsDir, "media", PNG), "utf8")).toBe("the curator's own file");
  });

  test("does nothing, not even a media folder, when there is nothing to copy", async () => {
    const tweetsDir = await tempFolder("copy-nothing");
    const { media } = await readArchive(FIXTURE_ARCHIVE, { ids: new Set([PLAIN]) });
    expect(await copyArchiveMedia(FIXTURE_ARCHIVE, media, tweetsDir)).toEqual({ copied: 0, unchanged: 0 });
    await expect(stat(path.join(tweetsDir, "media"))).rejects.toThrow();
  });
});

describe("errors: one line, with the file and, where it can be found, line and column", () => {
  test("a path that does not exist", async () => {
    const missing = path.join(temp, "nowhere");
    expect((await errorFrom(readArchive(missing))).message).toBe(
      `${missing}: no such file or folder, expected an X archive: its folder, its .zip, or its data/tweets.js`,
    );
  });

  test("a folder without data/tweets.js", async () => {
    const folder = await tempFolder("empty");
    expect((await errorFrom(readArchive(folder))).message).toBe(
      `${folder}: no data/tweets.js in this folder, expected the folder of an X archive, the one holding data/tweets.js`,
    );
  });

  test("a truncated zip", async () => {
    const truncated = path.join(temp, "truncated.zip");
    const bytes = await readFile(fixtureZip);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await errorFrom(readArchive(truncated))).message).toBe(
      `${truncated}: the zip is damaged or incomplete ` +
        "(End of central directory record signature not found. Either not a zip file, or file is truncated), " +
        "expected a complete X archive .zip",
    );
  });

  test("a zip whose tweets.js is damaged inside", async () => {
    const damaged = path.join(temp, "damaged.zip");
    const bytes = Buffer.from(await readFile(fixtureZip));
    const entry = bytes.indexOf("data/tweets.js");
    for (let index = entry + 200; index < entry + 400; index++) bytes[index] = 0x55;
    await writeFile(damaged, bytes);
    const error = await errorFrom(readArchive(damaged));
    expect(error.file).toBe(damaged);
    expect(error.message).toMatch(
      new RegExp(
        `^${escapeRegExp(damaged)}: the zip is damaged or incomplete \\(.+\\), expected a complete X archive \\.zip$`,
      ),
    );
  });

  test("a zip without data/tweets.js", async () => {
    const folder = await tempFolder("not-an-archive");
    await writeFile(path.join(folder, "notes.txt"), "hello");
    const zip = path.join(temp, "not-an-archive.zip");
    await zipFolder(folder, zip);
    expect((await errorFrom(readArchive(zip))).message).toBe(
      `${zip}: no data/tweets.js in this zip, expected a complete X archive .zip`,
    );
  });

  test("a .js file without the window.YTD. assignment", async () => {
    const file = path.join(await tempFolder("plain-json"), "tweets.js");
    await writeFile(file, '[ { "tweet": { } } ]');
    expect((await errorFrom(readArchive(file))).message).toBe(
      `${file}:1:1: the file does not start with "window.YTD.", ` +
        'expected an X archive data file: a JSON array after "window.YTD.<name>.part0 =", as X writes it',
    );
  });

  test("malformed JSON: the place the verifier finds", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    // Drop the comma after the first tweet; the next one's "{" is where a comma was expected.
    const lines = fixtureText.split("\n");
    const end = lines.indexOf("  },");
    lines[end] = "  }";
    const folder = await archiveWithTweetsJs(lines.join("\n"));
    const error = await errorFrom(readArchive(folder));
    expect(lines[end + 1]).toBe("  {");
    expect([error.line, error.column]).toEqual([end + 2, 3]);
    expect(error.message).toBe(
      `${path.join(folder, "data", "tweets.js")}:${end + 2}:3: the JSON is malformed here (expected ','), ` +
        'expected a JSON array after "window.YTD.<name>.part0 =", as X writes it',
    );
  });

  test("a tweets.js cut short", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    const cut = fixtureText.slice(0, fixtureText.indexOf('"Sunset over'));
    const folder = await archiveWithTweetsJs(cut);
    const lastLine = cut.split("\n").at(-1) ?? "";
    const [line, column] = [cut.split("\n").length, lastLine.length + 1];
    expect((await errorFrom(readArchive(folder))).message).toBe(
      `${path.join(folder, "data", "tweets.js")}:${line}:${column}: the JSON is malformed here (expected a value), ` +
        'expected a JSON array after "window.YTD.<name>.part0 =", as X writes it',
    );
  });

  test("an unreadable created_at, found in the file by the tweet's id", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    const folder = await archiveWithTweetsJs(
      fixtureText.replace('"Sat Nov 05 14:30:00 +0000 2022"', '"Sun Nov 05 14:30:00 +0000 2022"'),
    );
    const file = path.join(folder, "data", "tweets.js");
    const lines = fixtureText.split("\n");
    const line = lines.findIndex((text) => text.includes("Sat Nov 05 14:30:00")) + 1;
    const column = (lines[line - 1]?.indexOf('"Sat Nov') ?? 0) + 1;
    expect((await errorFrom(readArchive(folder))).message).toBe(
      `${file}:${line}:${column}: tweet ${REPLY} (element 4) has the date "Sun Nov 05 14:30:00 +0000 2022", which can't be read, ` +
        'expected a "created_at" like "Wed Dec 07 17:44:09 +0000 2022"',
    );
  });

  test("an unreadable created_at in a tweet the selection leaves out stops nothing", async () => {
    const fixtureText = await readFile(FIXTURE_TWEETS_JS, "utf8");
    const folder = await archiveWithTweetsJs(
      fixtureText.replace('"Sat Nov 05 14:30:00 +0000 2022"', '"yesterday"'),
    );
    expect((await readArchive(folder, { noReplies: true })).selected).toBe(8);
  });

  test("an element that is not a tweet", async () => {
    const folder = await archiveWithTweetsJs('window.YTD.tweets.part0 = [ { "like": { "tweetId": "1" } } ]');
    expect((await errorFrom(readArchive(folder))).message).toBe(
      `${path.join(folder, "data", "tweets.js")}: element 1 has no tweet id ("id_str" of digits), ` +
        'expected a tweet like { "tweet": { "id_str": "…", "full_text": "…", "created_at": "…" } }',
    );
  });
});

describe("a large synthetic archive", () => {
  const COUNT = 20_000;
  let folder: string;
  beforeAll(async () => {
    folder = await tempFolder("synthetic");
    await writeSyntheticArchive(folder, COUNT);
  });

  test("is read whole, in order, with progress along the way", async () => {
    const progress: [number, number][] = [];
    const started = performance.now();
    const archive = await readArchive(folder, {}, (done, total) => progress.push([done, total]));
    const seconds = (performance.now() - started) / 1000;
    expect(archive.read).toBe(COUNT);
    expect(archive.selected).toBe(COUNT);
    expect(archive.tweets[0]).toEqual({
      text: "Synthetic tweet number 0: notes & thoughts https://example.com/notes/0",
      date: "2022-12-31T23:59:59Z",
      lang: "en",
      url: `https://x.com/${SYNTHETIC_ACCOUNT.handle}/status/${syntheticTweetId(0)}`,
      author: SYNTHETIC_ACCOUNT,
    });
    expect(archive.tweets.at(-1)).toEqual({
      text: `Synthetic tweet number ${COUNT - 1}: notes & thoughts`,
      date: syntheticTweetTime(COUNT - 1)
        .toISOString()
        .replace(".000Z", "Z"),
      lang: "en",
      url: `https://x.com/${SYNTHETIC_ACCOUNT.handle}/status/${syntheticTweetId(COUNT - 1)}`,
      author: SYNTHETIC_ACCOUNT,
    });
    const { size } = await stat(path.join(folder, "data", "tweets.js"));
    expect(progress).toHaveLength(COUNT / 1000 + 1);
    expect(progress.at(-1)).toEqual([size, size]);
    expect(progress.every(([done], index) => index === 0 || done >= (progress[index - 1]?.[0] ?? 0))).toBe(
      true,
    );
    expect(seconds).toBeLessThan(10);
  });

  test("is selected while streaming", async () => {
    const archive = await readArchive(folder, {
      noReplies: true,
      noRetweets: true,
      minLikes: 900,
      limit: 100,
    });
    expect(archive.selected).toBe(100);
    expect(
      archive.tweets.every((tweet) => !tweet.text.startsWith("RT @") && !tweet.text.startsWith("@")),
    ).toBe(true);
  });
});

describe("looksLikeArchive", () => {
  test("a folder holding data/tweets.js, any .zip, or a .js that starts with window.YTD.", () => {
    expect(looksLikeArchive(FIXTURE_ARCHIVE, "")).toBe(true);
    expect(looksLikeArchive(path.join(FIXTURE_ARCHIVE, "data"), "")).toBe(false);
    expect(looksLikeArchive("twitter-2022-12-08.ZIP", "PK\u0003\u0004")).toBe(true);
    expect(looksLikeArchive("tweets.js", "\uFEFF\n  window.YTD.tweets.part0 = [")).toBe(true);
    expect(looksLikeArchive("tweets.js", "[ {")).toBe(false);
    expect(looksLikeArchive("wall.txt", "window.YTD.tweets.part0 = [")).toBe(false);
  });
});

describe("parseCreatedAt", () => {
  const FORMAT = "EEE MMM dd HH:mm:ss ZZZ yyyy";
  const luxon = (value: string) => {
    const parsed = DateTime.fromFormat(value, FORMAT, { locale: "en-US", setZone: true });
    return parsed.isValid ? (parsed.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
  };

  test("reads every date as Luxon's fromFormat does", () => {
    const samples = Array.from({ length: 500 }, (_, index) => {
      const date = DateTime.fromMillis(Date.UTC(2006, 2, 21) + index * 86_413_717, { zone: "utc" });
      return date.toFormat(FORMAT, { locale: "en-US" });
    });
    const hostile = [
      "Wed Dec 07 17:44:09 +0000 2022",
      "Thu Dec 07 17:44:09 +0000 2022",
      "Tue Feb 29 10:00:00 +0000 2022",
      "Thu Feb 29 10:00:00 +0000 2024",
      "Wed Dec 07 24:00:00 +0000 2022",
      "Wed Dec 07 17:60:09 +0000 2022",
      "Thu Dec 08 01:44:09 +0100 2022",
      "wed dec 07 17:44:09 +0000 2022",
      "Wed Dec 7 17:44:09 +0000 2022",
      "Wed Dez 07 17:44:09 +0000 2022",
      " Wed Dec 07 17:44:09 +0000 2022",
      "2022-12-07T17:44:09Z",
      "",
    ];
    for (const value of [...samples, ...hostile]) expect(parseCreatedAt(value), value).toBe(luxon(value));
    expect(parseCreatedAt("Thu Dec 08 01:44:09 +0100 2022")).toBe("2022-12-08T00:44:09Z");
    expect(parseCreatedAt(1670435049)).toBeUndefined();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

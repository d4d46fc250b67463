import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { mediaBesideFile, readTweetsFile } from "../../src/curator/read.ts";
import type { TweetInput } from "../../src/curator/schema.ts";
import { runCli } from "../support/cli.ts";
import { tempDir } from "../support/temp.ts";
import { startXServer, statusUrlOf, X_FIXTURES, X_TWEETS, type XServer } from "../support/x-server.ts";

let server: XServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The CLI pointed at the stand-in for X, waiting a short while for an answer. */
async function add(tweetsFile: string, args: string[], options: Parameters<typeof startXServer>[0] = {}) {
  server ??= await startXServer(options);
  return runCli(["add", ...args], {
    ...server.env,
    TWEETS_FILE: tweetsFile,
    TWEETWALL_TIMEOUT_MS: "400",
    TWEETWALL_BACKOFF_MS: "20",
  });
}

async function checkedTweets(tweetsFile: string): Promise<TweetInput[]> {
  const read = await readTweetsFile(tweetsFile, mediaBesideFile(tweetsFile));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value.tweets;
}

const served = (xPath: string) => readFile(path.join(X_FIXTURES, "files", xPath));
const syndicationRequests = (id?: string) =>
  server!.requests.filter(
    (url) => url.pathname === "/tweet-result" && (!id || url.searchParams.get("id") === id),
  );

const GOOD = [
  X_TWEETS.photo,
  X_TWEETS.fourPhotos,
  X_TWEETS.video,
  X_TWEETS.gif,
  X_TWEETS.quote,
  X_TWEETS.reply,
  X_TWEETS.card,
  X_TWEETS.onlyInOembed,
  X_TWEETS.limited,
];
const BAD = [X_TWEETS.tombstone, X_TWEETS.empty, X_TWEETS.missing, X_TWEETS.silent, X_TWEETS.offHost];

describe("tweetwall add URL…, against a stand-in for X", () => {
  test("stores each tweet whole with its files, names each failure, and a second run asks X nothing", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const run = await add(tweetsFile, [...GOOD, ...BAD].map(statusUrlOf), {
      silent: new Set([X_TWEETS.silent]),
      rateLimitedOnce: new Map([[X_TWEETS.limited, "1"]]),
    });

    expect(run.status).toBe(1);
    const problems = run.stderr.trim().split("\n").slice(1);
    expect(problems).toHaveLength(BAD.length);
    const problemOf = (id: string) => problems.find((line) => line.includes(statusUrlOf(id)));
    expect(problemOf(X_TWEETS.tombstone)).toMatch(/deleted or protected \(X says: "This Post was deleted/);
    expect(problemOf(X_TWEETS.empty)).toMatch(
      /not found \(an empty answer\); oEmbed: not found \(HTTP 404\)/,
    );
    expect(problemOf(X_TWEETS.missing)).toMatch(/not found \(HTTP 404\); oEmbed: not found \(HTTP 404\)/);
    expect(problemOf(X_TWEETS.silent)).toMatch(/no answer within 400 ms; oEmbed: no answer within 400 ms/);
    expect(problemOf(X_TWEETS.offHost)).toMatch(
      /refused https:\/\/images\.example\.net\/.*not one of X's media hosts/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout.match(/^added /gm)).toHaveLength(GOOD.length);
    expect(run.stdout).toContain("(from X's oEmbed: text and author only)");

    const tweets = await checkedTweets(tweetsFile);
    expect(tweets.map((tweet) => tweet.url?.split("/").at(-1))).toEqual(GOOD);
    const [photo, four, video, gif, quote, reply, card, embedded, limited] = GOOD.map(
      (_, index) => tweets[index]!,
    ) as [
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
      TweetInput,
    ];

    expect(photo).toMatchObject({
      text: "🧮✨ Notes on the engine & its cards: https://example.org/engine?notes=1&lang=en #history",
      date: "2023-03-14T09:26:53Z",
      url: `https://x.com/analytical_ada/status/${X_TWEETS.photo}`,
      author: { name: "Ada Byron 🧮", handle: "analytical_ada" },
      lang: "en",
      media: [
        {
          src: `media/${X_TWEETS.photo}-1.jpg`,
          alt: "A brass difference engine on a wooden table. Side view.",
          width: 1200,
          height: 800,
        },
      ],
      likes: 1843,
    });
    expect(photo.added).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(photo.fetched).toBe(photo.added);
    const file = (src: string) => readFile(path.join(dir, src));
    expect(await file(photo.media![0]!.src)).toEqual(await served("media/Fr3xQ1aWAAE8kPz.jpg"));
    expect(await file(photo.author!.avatar!)).toEqual(
      await served("profile_images/1591823355912740864/Qk3vT9xa_400x400.jpg"),
    );

    expect(four.media!.map((item) => item.alt)).toEqual([
      "Page one",
      "Image",
      "The moth, taped in",
      "Page four",
    ]);
    expect(await file(four.media![2]!.src)).toEqual(await served("media/Fs1aA1cXsAIq3.png"));

    const [clip] = video.media!;
    expect(clip).toMatchObject({ type: "video", width: 1280, height: 720 });
    expect(await file(clip!.src)).toEqual(
      await served("ext_tw_video/1659918237610582016/pu/vid/1280x720/high_Hk2P.mp4"),
    );
    expect(await file((clip as { poster: string }).poster)).toEqual(
      await served("ext_tw_video_thumb/1659918237610582016/pu/img/Zk9w0aLrT3sXbQ2m.jpg"),
    );
    expect(gif.media![0]).toMatchObject({ type: "gif", width: 498, height: 280 });
    expect(await file(gif.media![0]!.src)).toEqual(await served("tweet_video/FxGq8yXaQAAbc1D.mp4"));

    expect(quote.text).toBe("Still the best code review I have read.");
    expect(quote.quote).toMatchObject({
      text: "The first published program, annotated",
      url: `https://x.com/analytical_ada/status/${X_TWEETS.quoted}`,
      author: { handle: "analytical_ada" },
      media: [{ src: `media/${X_TWEETS.quoted}-1.jpg`, alt: "Note G, the table of the algorithm" }],
    });
    expect(await file(quote.quote!.media![0]!.src)).toEqual(await served("media/F0qQ1aWcAA9xZ.jpg"));

    expect(reply.text).toBe("Lovely – and the cards are punched by hand? 🤔");
    expect(reply.replyTo).toEqual({
      handle: "analytical_ada",
      url: `https://x.com/analytical_ada/status/${X_TWEETS.photo}`,
      text: photo.text,
    });

    expect(card.card).toEqual({
      url: "https://lwn.net/Articles/940000/",
      title: "The EEVDF CPU scheduler [LWN.net]",
      description: "A look at how the scheduler changed in 6.6.",
      domain: "lwn.net",
      image: { src: `media/${X_TWEETS.card}-card.jpg`, width: 800, height: 419 },
    });
    expect(await file(card.card!.image!.src)).toEqual(await served("card_img/1702560419012345856/Tq8pXz3a"));

    expect(embedded).toMatchObject({
      text: "Patch Tuesday, kernel edition & friends",
      date: "2023-10-02T14:15:16Z",
      author: { name: "Linus & Co", handle: "kernel_notes" },
    });
    expect(embedded.media).toBeUndefined();

    expect(limited.text).toBe("Patience is a virtue, and so is back-off.");
    expect(syndicationRequests(X_TWEETS.limited)).toHaveLength(2);
    // A refused tweet's other files are not written either.
    expect(await readFile(path.join(dir, `media/${X_TWEETS.offHost}-1.jpg`)).catch(() => "none")).toBe(
      "none",
    );

    const before = await readFile(tweetsFile);
    const asked = server!.requests.length;
    const again = await add(tweetsFile, GOOD.map(statusUrlOf));
    expect(again.status).toBe(0);
    expect(again.stdout.match(/^skipped .*already in the file as tweet \d+$/gm)).toHaveLength(GOOD.length);
    expect(server!.requests.length).toBe(asked);
    expect(await readFile(tweetsFile)).toEqual(before);
  });

  test("--from reads one URL a line; --video-limit takes the best MP4 under it", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const list = path.join(dir, "urls.txt");
    await writeFile(list, `# favourites\n\n${statusUrlOf(X_TWEETS.video)}\n  \n# the end\n`);
    const run = await add(tweetsFile, ["--from", list, "--video-limit", "0.01"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [tweet] = await checkedTweets(tweetsFile);
    expect(await readFile(path.join(dir, tweet!.media![0]!.src))).toEqual(
      await served("ext_tw_video/1659918237610582016/pu/vid/640x360/mid_Q8rT.mp4"),
    );
  });

  test("a video over the limit at every size: the tweet is not added, and says why", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const run = await add(tweetsFile, [statusUrlOf(X_TWEETS.video), "--video-limit", "0.001"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${statusUrlOf(X_TWEETS.video)}: the video media/${X_TWEETS.video}-1.mp4: over the video limit of 0.001 MB`,
    );
    expect(await readFile(tweetsFile).catch(() => "none")).toBe("none");
  });

  test("a different file already in media/ is the curator's: refused, never written over", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const mine = path.join(dir, "media", `${X_TWEETS.photo}-1.jpg`);
    await mkdir(path.dirname(mine), { recursive: true });
    await writeFile(mine, "the curator's own picture");
    const run = await add(tweetsFile, [statusUrlOf(X_TWEETS.photo), statusUrlOf(X_TWEETS.gif)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${statusUrlOf(X_TWEETS.photo)}: the image media/${X_TWEETS.photo}-1.jpg: a different file is already at ${mine}`,
    );
    expect(await readFile(mine, "utf8")).toBe("the curator's own picture");
    expect((await checkedTweets(tweetsFile)).map((tweet) => tweet.url)).toEqual([
      `https://x.com/nanosecond_gh/status/${X_TWEETS.gif}`,
    ]);

    // The same bytes already there are fine.
    await writeFile(mine, await served("media/Fr3xQ1aWAAE8kPz.jpg"));
    expect((await add(tweetsFile, [statusUrlOf(X_TWEETS.photo)])).status).toBe(0);
  });

  test("when every URL fails, the tweets file is left byte for byte as it was", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const original = '[\n  { "text": "Mine", "date": "2024-01-01" }\n]\n';
    await writeFile(tweetsFile, original);
    const run = await add(tweetsFile, [
      statusUrlOf(X_TWEETS.tombstone),
      statusUrlOf(X_TWEETS.missing),
      "https://example.org/not-a-status",
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("https://example.org/not-a-status: not a status URL");
    expect(await readFile(tweetsFile, "utf8")).toBe(original);
  });

  test("add URL --text adds the tweet as written, without asking X", async () => {
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const run = await add(tweetsFile, [statusUrlOf(X_TWEETS.photo), "--text", "As I remember it"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(server!.requests).toHaveLength(0);
    const [tweet] = await checkedTweets(tweetsFile);
    expect(tweet).toMatchObject({ text: "As I remember it", author: { handle: "someone" } });
    expect(tweet!.fetched).toBeUndefined();
  });
});

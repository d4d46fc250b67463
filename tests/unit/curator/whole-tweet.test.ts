import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mediaFilesOf, videoProblem } from "../../../src/curator/media.ts";
import { formatProblem } from "../../../src/curator/problems.ts";
import { mediaBesideFile, parseTweetsJson, readTweetsFile, readWall } from "../../../src/curator/read.ts";
import { tweetSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { orderTweetKeys } from "../../../src/curator/write.ts";
import { REPO_ROOT } from "../../support/cli.ts";

/** The head of an MP4 as X serves it: an `ftyp` box naming its brands. Nothing here decodes the rest. */
const MP4_HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypmp42\0\0\0\0mp42isom", "latin1"),
  Buffer.alloc(64, 1),
]);
const JPEG = `${REPO_ROOT}tests/fixtures/archive/data/tweets_media/1600537548036857856-FjXyZabc.jpg`;

/** A tweet with every piece X can attach, as `add` stores it. */
const WHOLE: TweetInput = {
  text: "Look at this 👀 https://example.org/post",
  date: "2023-01-05T10:00:00.000Z",
  url: "https://x.com/someone/status/1611000000000000000",
  author: { name: "Some One", handle: "someone", avatar: "media/avatars/someone.jpg" },
  lang: "en",
  added: "2026-11-30",
  media: [
    { src: "media/1611000000000000000-1.jpg", alt: "A cat on a keyboard", width: 1200, height: 800 },
    {
      type: "video",
      src: "media/1611000000000000000-2.mp4",
      poster: "media/1611000000000000000-2.jpg",
      width: 1280,
      height: 720,
    },
  ],
  quote: {
    text: "The quoted words",
    date: "2022-12-01T08:00:00.000Z",
    url: "https://x.com/other/status/1598000000000000000",
    author: { name: "Other", handle: "other" },
    media: [
      {
        type: "gif",
        src: "media/1598000000000000000-1.mp4",
        poster: "media/1598000000000000000-1.jpg",
        width: 480,
        height: 270,
      },
    ],
  },
  replyTo: { handle: "parent", url: "https://x.com/parent/status/1610000000000000000", text: "Asked here" },
  card: {
    url: "https://example.org/post",
    title: "A post",
    description: "What it says",
    domain: "example.org",
    image: { src: "media/1611000000000000000-card.jpg", width: 800, height: 418 },
  },
  likes: 1234,
  fetched: "2026-11-30",
};

function problemsOf(json: unknown): string[] {
  const result = parseTweetsJson(JSON.stringify(json, null, 2), "tweets.json");
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("a whole tweet in the tweets file", () => {
  test("every piece X attaches is valid, and written back in the documented key order", () => {
    expect(tweetSchema.safeParse(WHOLE).success).toBe(true);
    const shuffled = Object.fromEntries(Object.entries(WHOLE).reverse());
    expect(JSON.stringify(orderTweetKeys(shuffled as typeof WHOLE))).toBe(JSON.stringify(WHOLE));
  });

  test("an unknown author is null, which is not the site's author (left out)", () => {
    expect(tweetSchema.safeParse({ ...WHOLE, author: null }).success).toBe(true);
    expect(problemsOf([{ ...WHOLE, author: "someone" }])).toEqual([
      'tweets.json:6:15: tweet 1, field "author": expected the author as an object with "name" and "handle"',
    ]);
  });

  test("each wrong piece is named at its own field", () => {
    const broken = {
      ...WHOLE,
      media: [
        { src: "media/clip.mp4", alt: "A clip", width: 1200, height: 800 },
        { type: "video", src: "media/clip.jpg", width: 1, height: 1 },
        { type: "movie", src: "media/a.mp4", poster: "media/a.jpg", width: 1, height: 1 },
      ],
      quote: { text: "no author", date: "2022-12-01" },
      replyTo: { handle: "not a handle!" },
      card: { url: "javascript:alert(1)", title: " " },
      likes: -1,
      fetched: "yesterday",
    };
    expect(problemsOf([broken])).toEqual([
      'tweets.json:15:16: tweet 1, field "media.0.src": expected a path inside the media folder beside the tweets file, like "media/1599152286672248832-1.jpg"',
      'tweets.json:20:7: tweet 1, field "media.1.poster": missing: expected the video\'s poster image as a string',
      'tweets.json:22:16: tweet 1, field "media.1.src": expected the video\'s path: an .mp4 file inside the media folder, like "media/1599152286672248832-1.mp4"',
      'tweets.json:27:17: tweet 1, field "media.2.type": expected a photo ("src", "alt", "width", "height"), or a video with "type": "video" or "gif"',
      'tweets.json:34:14: tweet 1, field "quote.author": missing: expected the author as an object with "name" and "handle"',
      'tweets.json:39:17: tweet 1, field "replyTo.handle": expected a handle of 1–15 letters, digits or underscores, with or without a leading @',
      'tweets.json:42:14: tweet 1, field "card.url": expected the card\'s link: an absolute http:// or https:// URL',
      'tweets.json:43:16: tweet 1, field "card.title": expected the linked page\'s title, not blank',
      'tweets.json:45:14: tweet 1, field "likes": expected no fewer than 0 likes',
      'tweets.json:46:16: tweet 1, field "fetched": expected the day it was fetched from X, like 2024-05-01',
    ]);
  });

  test("an unknown key in a nested piece is named with the keys that piece knows", () => {
    const [problem] = problemsOf([{ ...WHOLE, card: { ...WHOLE.card, titel: "x" } }]);
    expect(problem).toMatch(
      /field "card\.titel": unknown field: did you mean "title"\? known fields are "url", "title", "description", "domain", "image"$/,
    );
  });
});

describe("the media files a tweet names", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "tweetwall-whole-"));
    await mkdir(path.join(folder, "media", "avatars"), { recursive: true });
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  test("are its photos, videos and posters, avatar, card image, and the quoted tweet's", () => {
    expect(mediaFilesOf(WHOLE).map(({ at, kind }) => `${at.join(".")} (${kind})`)).toEqual([
      "media.0.src (image)",
      "media.1.src (video)",
      "media.1.poster (image)",
      "author.avatar (image)",
      "card.image.src (image)",
      "quote.media.0.src (video)",
      "quote.media.0.poster (image)",
    ]);
  });

  test("each is checked beside the tweets file, and a problem is placed at its field", async () => {
    const file = path.join(folder, "tweets.json");
    for (const src of [
      "media/1611000000000000000-1.jpg",
      "media/1611000000000000000-2.jpg",
      "media/1611000000000000000-card.jpg",
      "media/1598000000000000000-1.jpg",
    ])
      await copyFile(JPEG, path.join(folder, src));
    await writeFile(path.join(folder, "media", "1611000000000000000-2.mp4"), MP4_HEAD);
    // A poster saved as a video, a video that is a photo, and no avatar at all.
    await copyFile(JPEG, path.join(folder, "media", "1598000000000000000-1.mp4"));
    await writeFile(path.join(folder, "tweets.json"), JSON.stringify([WHOLE], null, 2));
    const result = await readTweetsFile(file, mediaBesideFile(file));
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${file}:9:17: tweet 1, field "author.avatar": expected an image file at ${folder}/media/avatars/someone.jpg, but there is none`,
      `${file}:39:18: tweet 1, field "quote.media.0.src": expected an MP4 video at ${folder}/media/1598000000000000000-1.mp4, but the file is not one`,
    ]);
  });

  test("an MP4 passes; a still image in an ISO box (AVIF) and an empty file do not", async () => {
    const mp4 = path.join(folder, "clip.mp4");
    await writeFile(mp4, MP4_HEAD);
    expect(videoProblem(mp4)).toBeUndefined();
    const avif = path.join(folder, "still.mp4");
    await writeFile(
      avif,
      Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from("ftypavif\0\0\0\0avifmif1miaf")]),
    );
    expect(videoProblem(avif)).toBe(`expected an MP4 video at ${avif}, but the file is not one`);
    const empty = path.join(folder, "empty.mp4");
    await writeFile(empty, "");
    expect(videoProblem(empty)).toBe(`expected an MP4 video at ${empty}, but the file is empty`);
  });
});

describe("the site author's picture", () => {
  test("is checked in the media folder beside the tweets file, and a problem placed in site.json", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "tweetwall-site-avatar-"));
    try {
      const tweetsFile = path.join(folder, "tweets.json");
      const siteFile = path.join(folder, "site.json");
      await writeFile(tweetsFile, JSON.stringify([{ text: "hi", date: "2024-01-01" }]));
      const site = { title: "Wall", author: { name: "Me", handle: "me", avatar: "media/me.jpg" } };
      await writeFile(siteFile, JSON.stringify(site, null, 2));
      const missing = await readWall({ tweetsFile, siteFile });
      expect(missing.ok ? [] : missing.problems.map(formatProblem)).toEqual([
        `${siteFile}:6:15: field "author.avatar": expected an image file at ${folder}/media/me.jpg, but there is none`,
      ]);
      await mkdir(path.join(folder, "media"));
      await copyFile(JPEG, path.join(folder, "media", "me.jpg"));
      const present = await readWall({ tweetsFile, siteFile });
      expect(present.ok && present.value.site.author.avatar).toBe("media/me.jpg");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

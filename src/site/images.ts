import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { withPathPrefix } from "../view/pages.ts";
import type { TweetView } from "../view/types.ts";

/** An image's AVIF and WebP candidates and, narrowest first, its files in the original format. */
export interface EncodedImage {
  sources: { type: string; srcset: string }[];
  fallbacks: { src: string; width: number; height: number }[];
}

/** The wall's media as the site serves them: images by their `src` in the tweets file, and each video's address. */
export interface EncodedMedia {
  images: ReadonlyMap<string, EncodedImage>;
  videos: ReadonlyMap<string, string>;
}

type Width = number | "auto";
/** Photos, posters and card images fill a card or half of one. */
const PHOTO_WIDTHS: readonly Width[] = [400, 800, "auto"];
/** Avatars show at 48 CSS pixels: 96 serves a 2× screen. */
const AVATAR_WIDTHS: readonly Width[] = [48, 96];
/** eleventy-img skips an encoding whose file it finds here, so an unchanged image is encoded once. */
export const ENCODED_IMAGES_CACHE = path.join("node_modules", ".cache", "tweetwall", "images");

/**
 * Encodes every image of the wall (photos, video posters, avatars, link cards, and the same of
 * quoted tweets) into AVIF and WebP at a few widths, beside the original format, and links the
 * files and the videos into /media/ of the site being built.
 */
export async function encodeMedia(
  tweets: readonly TweetView[],
  { mediaRoot, outputDir, pathPrefix }: { mediaRoot: string; outputDir: string; pathPrefix: string },
): Promise<EncodedMedia> {
  const wanted = new Map<string, Set<Width>>();
  const videoFiles = new Set<string>();
  for (const tweet of tweets) {
    for (const [src, widths] of imagesOf(tweet)) {
      const set = wanted.get(src) ?? new Set();
      for (const width of widths) set.add(width);
      wanted.set(src, set);
    }
    for (const src of videosOf(tweet)) videoFiles.add(src);
  }
  const images = new Map<string, EncodedImage>();
  const videos = new Map<string, string>();
  if (wanted.size === 0 && videoFiles.size === 0) return { images, videos };
  const mediaOutput = path.join(outputDir, "media");
  await mkdir(mediaOutput, { recursive: true });
  const urlPath = withPathPrefix(pathPrefix, "/media/");
  if (wanted.size > 0) {
    // Loaded only for walls with images: it brings sharp, a large native module.
    const { default: Image } = await import("@11ty/eleventy-img");
    // eleventy-img queues its encodings itself, a few at a time.
    await Promise.all(
      [...wanted].map(async ([src, widths]) => {
        const metadata = await Image(path.join(mediaRoot, src), {
          widths: [...widths],
          formats: ["avif", "webp", "auto"],
          outputDir: ENCODED_IMAGES_CACHE,
          urlPath,
        });
        const formats = Object.values(metadata).filter((entries) => entries.length > 0);
        for (const entry of formats.flat())
          await linkOrCopy(entry.outputPath, path.join(mediaOutput, entry.filename));
        images.set(src, {
          sources: formats.slice(0, -1).map((entries) => ({
            type: entries[0]!.sourceType,
            srcset: entries.map((entry) => entry.srcset).join(", "),
          })),
          fallbacks: formats.at(-1)!.map(({ url, width, height }) => ({ src: url, width, height })),
        });
      }),
    );
  }
  for (const src of videoFiles) {
    // Named by its content, as eleventy-img names images: /media/ is cached for a year.
    const file = path.join(mediaRoot, src);
    const name = `${path.basename(src, path.extname(src))}-${await contentHash(file)}.mp4`;
    await linkOrCopy(file, path.join(mediaOutput, name));
    videos.set(src, `${urlPath}${name}`);
  }
  return { images, videos };
}

/** The narrowest file in the original format at least `width` pixels wide, else the widest. */
export function fallbackFor(image: EncodedImage, width: number): EncodedImage["fallbacks"][number] {
  return image.fallbacks.find((fallback) => fallback.width >= width) ?? image.fallbacks.at(-1)!;
}

function* imagesOf(tweet: TweetView): Generator<[src: string, widths: readonly Width[]]> {
  for (const part of [tweet, tweet.quote]) {
    if (!part) continue;
    if (part.author.avatar) yield [part.author.avatar, AVATAR_WIDTHS];
    for (const item of part.media) yield [item.type === "photo" ? item.src : item.poster, PHOTO_WIDTHS];
    if (part.card?.image) yield [part.card.image.src, PHOTO_WIDTHS];
  }
}

function* videosOf(tweet: TweetView): Generator<string> {
  for (const part of [tweet, tweet.quote])
    for (const item of part?.media ?? []) if (item.type !== "photo") yield item.src;
}

/**
 * A video's name in the site, from its bytes. The preview builds on every save in one process,
 * so a video whose file has not changed since (same inode, size and time) is not read again.
 */
const videoHashes = new Map<string, string>();

async function contentHash(file: string): Promise<string> {
  const { ino, size, mtimeMs } = await stat(file);
  const key = `${file}\0${ino}\0${size}\0${mtimeMs}`;
  const known = videoHashes.get(key);
  if (known) return known;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = hash.digest("base64url").slice(0, 10);
  videoHashes.set(key, digest);
  return digest;
}

export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    // Another file system, or one without hard links.
    await copyFile(from, to);
  }
}

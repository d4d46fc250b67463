import { copyFile, link, mkdir } from "node:fs/promises";
import path from "node:path";
import { withPathPrefix } from "../view/pages.ts";
import type { TweetView } from "../view/types.ts";

/** An image's AVIF and WebP candidates and its fallback in the original format. */
export interface EncodedImage {
  sources: { type: string; srcset: string }[];
  fallback: { src: string; width: number; height: number };
}

/** Encoded images by their `src` in the tweets file. */
export type EncodedImages = ReadonlyMap<string, EncodedImage>;

const WIDTHS = [400, 800, "auto"] as const;
/** eleventy-img skips an encoding whose file it finds here, so an unchanged image is encoded once. */
export const ENCODED_IMAGES_CACHE = path.join("node_modules", ".cache", "tweetwall", "images");

/**
 * Encodes every tweet's images into AVIF and WebP at a few widths, beside the original format,
 * and links the files into /media/ of the site being built.
 */
export async function encodeImages(
  tweets: readonly TweetView[],
  { mediaRoot, outputDir, pathPrefix }: { mediaRoot: string; outputDir: string; pathPrefix: string },
): Promise<EncodedImages> {
  const encoded = new Map<string, EncodedImage>();
  const images = tweets.flatMap((tweet) => tweet.media);
  if (images.length === 0) return encoded;
  // Loaded only for walls with images: it brings sharp, a large native module.
  const { default: Image } = await import("@11ty/eleventy-img");
  const mediaOutput = path.join(outputDir, "media");
  await mkdir(mediaOutput, { recursive: true });
  for (const { src } of images) {
    if (encoded.has(src)) continue;
    const metadata = await Image(path.join(mediaRoot, src), {
      widths: [...WIDTHS],
      formats: ["avif", "webp", "auto"],
      outputDir: ENCODED_IMAGES_CACHE,
      urlPath: withPathPrefix(pathPrefix, "/media/"),
    });
    const formats = Object.values(metadata).filter((entries) => entries.length > 0);
    for (const entry of formats.flat())
      await linkOrCopy(entry.outputPath, path.join(mediaOutput, entry.filename));
    const original = formats.at(-1)!;
    const largest = original.at(-1)!;
    encoded.set(src, {
      sources: formats.slice(0, -1).map((entries) => ({
        type: entries[0]!.sourceType,
        srcset: entries.map((entry) => entry.srcset).join(", "),
      })),
      fallback: { src: largest.url, width: largest.width, height: largest.height },
    });
  }
  return encoded;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    // Another file system, or one without hard links.
    await copyFile(from, to);
  }
}

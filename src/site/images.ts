import path from "node:path";
import type { TweetView } from "../view/wall.ts";
import { withPathPrefix } from "../view/pages.ts";

const WIDTHS = [400, 800, "auto"] as const;

/**
 * Encodes every tweet's images into AVIF and WebP at a few widths, beside the original format,
 * under /media/ in the output, and gives each image its sources and fallback. eleventy-img
 * remembers what it already encoded, so a rebuild with the same images is cheap.
 */
export async function addResponsiveImages(
  tweets: TweetView[],
  { mediaRoot, outputDir, pathPrefix }: { mediaRoot: string; outputDir: string; pathPrefix: string },
): Promise<void> {
  const images = tweets.flatMap((tweet) => tweet.media);
  if (images.length === 0) return;
  // Loaded only for walls with images: it brings sharp, a large native module.
  const { default: Image } = await import("@11ty/eleventy-img");
  for (const image of images) {
    const metadata = await Image(path.join(mediaRoot, image.src), {
      widths: [...WIDTHS],
      formats: ["avif", "webp", "auto"],
      outputDir: path.join(outputDir, "media"),
      urlPath: withPathPrefix(pathPrefix, "/media/"),
    });
    const formats = Object.values(metadata).filter((entries) => entries.length > 0);
    const original = formats.at(-1)!;
    const largest = original.at(-1)!;
    image.sources = formats.slice(0, -1).map((entries) => ({
      type: entries[0]!.sourceType,
      srcset: entries.map((entry) => entry.srcset).join(", "),
    }));
    image.fallback = { src: largest.url, width: largest.width, height: largest.height };
  }
}

import { formatProblem, WallDataError } from "../curator/problems.ts";
import path from "node:path";
import { addResponsiveImages } from "./images.ts";
import { paginateWall } from "../view/pages.ts";
import type { WallView } from "../view/wall.ts";
import { loadWall, type WallFiles } from "../curator/files.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import { searchIndexOf, writeSearchIndex } from "./search-index.ts";
import { withCards } from "./cards.ts";

/**
 * Exposes the validated wall as the `wall` global, puts each wall page's cards in as the page
 * is written, and writes the search index of the same wall once the pages are written. A broken
 * data file fails the build; while previewing it instead becomes an error page, so the dev
 * server keeps running and recovers on the next good save.
 */
export default function wallData(eleventyConfig: EleventyConfig, files: WallFiles): void {
  /** The wall this build shows, once its global data is computed, and where its pages go. */
  let shown: { wall: WallView; pagePaths: Set<string> } | undefined;
  eleventyConfig.on("eleventy.before", () => {
    shown = undefined;
  });
  eleventyConfig.on("eleventy.after", () => {
    writeSearchIndex(eleventyConfig.directories.output, searchIndexOf(shown?.wall.tweets ?? []));
  });

  // Only the wall's own pages have cards to put in: every other page (tweet pages, feeds) is
  // left as it is, unread.
  eleventyConfig.addTransform("tweetwall-cards", function (content) {
    const { url } = this.page;
    if (!shown || typeof url !== "string" || !shown.pagePaths.has(url) || typeof content !== "string") {
      return content;
    }
    return withCards(content, shown.wall.pages);
  });

  eleventyConfig.addGlobalData("wall", async () => {
    const wall = await loadWall(files);
    if (wall.ok) {
      await addResponsiveImages(wall.value.tweets, {
        mediaRoot: path.dirname(files.tweetsFile),
        outputDir: eleventyConfig.directories.output,
        pathPrefix: wall.value.site.pathPrefix,
      });
      shown = { wall: wall.value, pagePaths: new Set(wall.value.pages.map((page) => page.path)) };
      return wall.value;
    }
    if (process.env.ELEVENTY_RUN_MODE !== "serve") throw new WallDataError(wall.problems);
    const lines = wall.problems.map(formatProblem);
    console.error(
      `[tweetwall] ${lines.length} problem(s) in the data; fix and save to recover:\n${lines.join("\n")}`,
    );
    return {
      problems: lines,
      pages: paginateWall([], 1),
      tweets: [],
      tweetPages: [],
      feed: [],
      years: [],
    };
  });
}

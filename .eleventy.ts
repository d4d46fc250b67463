// Eleventy's own command line (`npx @11ty/eleventy --config=.eleventy.ts` under a TypeScript
// loader) builds the same wall as `tweetwall build`, through the same configuration. tweetwall's
// CLI does not read this file: it reads and checks the curator's files first and hands Eleventy
// the finished view (src/site/build.ts).
import path from "node:path";
import { wallFilesFromEnv } from "./src/curator/files.ts";
import type { EleventyConfig } from "./src/site/eleventy-types.ts";
import { configureSite } from "./src/site/plugin.ts";
import { loadWallView } from "./src/view/load.ts";

export default function (eleventyConfig: EleventyConfig) {
  const files = wallFilesFromEnv();
  configureSite(eleventyConfig, {
    load: () => loadWallView(files),
    mediaRoot: path.dirname(files.tweetsFile),
  });
}

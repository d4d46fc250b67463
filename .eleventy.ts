import path from "node:path";
import inlineAssets from "./src/site/inline-assets.ts";
import type { EleventyConfig } from "./src/site/eleventy-types.ts";
import wallData from "./src/site/wall-data.ts";
import { wallFilesFromEnv } from "./src/tweets/wall.ts";

export default function (eleventyConfig: EleventyConfig) {
  const files = wallFilesFromEnv();
  eleventyConfig.addPlugin(wallData, files);
  eleventyConfig.addPlugin(inlineAssets, { cssFile: "templates/assets/wall.css" });
  eleventyConfig.addPassthroughCopy({
    "templates/assets/favicon.svg": "favicon.svg",
    "templates/assets/robots.txt": "robots.txt",
    [path.join(path.dirname(files.tweetsFile), "media")]: "media",
  });
  eleventyConfig.ignores.add("templates/assets/**");
  eleventyConfig.addWatchTarget("data/");
  eleventyConfig.addWatchTarget(files.tweetsFile);
  eleventyConfig.setServerOptions({ port: 8080, showAllHosts: false });
}

export const config = {
  dir: { input: "templates", includes: "partials", layouts: "layouts", data: "_no_data_dir" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
};

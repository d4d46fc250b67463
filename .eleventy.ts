import type { EleventyConfig } from "./src/site/eleventy-types.ts";
import feeds from "./src/site/feeds.ts";
import inlineAssets from "./src/site/assets.ts";
import tweetCardFilters from "./src/site/cards.ts";
import wallData from "./src/site/plugin.ts";
import { pathPrefixOf, wallFilesFromEnv } from "./src/curator/files.ts";

const files = wallFilesFromEnv();

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(wallData, files);
  eleventyConfig.addPlugin(inlineAssets, {
    cssFile: "templates/assets/wall.css",
    scriptFiles: { wall: "templates/assets/wall.js", finder: "templates/assets/finder.js" },
  });
  eleventyConfig.addPlugin(feeds);
  eleventyConfig.addPlugin(tweetCardFilters);
  eleventyConfig.addPassthroughCopy({
    "templates/assets/favicon.svg": "favicon.svg",
  });
  eleventyConfig.ignores.add("templates/assets/**");
  eleventyConfig.addWatchTarget("data/");
  eleventyConfig.addWatchTarget(files.tweetsFile);
  eleventyConfig.addWatchTarget("templates/assets/");
  eleventyConfig.setServerOptions({ port: 8080, showAllHosts: false });
}

export const config = {
  dir: { input: "templates", includes: "partials", layouts: "layouts", data: "_no_data_dir" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
  pathPrefix: pathPrefixOf(files.siteFile),
};

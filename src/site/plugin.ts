import type { Checked } from "../curator/problems.ts";
import { CuratorProblems } from "../curator/problems.ts";
import type { WallView } from "../view/types.ts";
import assets from "./assets.ts";
import cards from "./cards.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import feeds from "./feeds.ts";
import { encodeMedia, type EncodedMedia } from "./images.ts";
import { writeSearchIndex } from "./search-index.ts";
import { planShareImages, type ShareImage, type ShareImages } from "./share-images.ts";
import { searchIndexOf } from "../view/search-index.ts";
import { SiteError } from "./site-error.ts";
import { checkTemplates } from "./template-check.ts";

export interface SiteOptions {
  /** The wall to show. The CLI hands over the view it has already read and checked. */
  load: () => Promise<Checked<WallView>>;
  /** The folder `media/…` paths in the tweets file are relative to. */
  mediaRoot: string;
}

/** Where the site's own files are, relative to the project. */
export const SITE_FILES = {
  input: "templates",
  includes: "partials",
  layouts: "layouts",
  css: "templates/assets/wall.css",
  scripts: {
    wall: "templates/assets/wall.js",
    finder: "templates/assets/finder.js",
    gifs: "templates/assets/gifs.js",
  },
  favicon: "templates/assets/favicon.svg",
};

/**
 * The site's whole Eleventy configuration: Eleventy's directories (which only a configuration,
 * not a plugin, may set), then the site plugin. `.eleventy.ts` and the CLI's build both use it.
 */
export function configureSite(eleventyConfig: EleventyConfig, options: SiteOptions): void {
  eleventyConfig.setInputDirectory(SITE_FILES.input);
  eleventyConfig.setIncludesDirectory(SITE_FILES.includes);
  eleventyConfig.setLayoutsDirectory(SITE_FILES.layouts);
  // The wall's data comes from the plugin, never from a data folder.
  eleventyConfig.setDataDirectory("_no_data_dir");
  eleventyConfig.setTemplateFormats("njk");
  eleventyConfig.addPlugin(site, options);
}

/**
 * The wall as Eleventy's `wall` global, its cards, media, feeds, inline assets and search
 * index. Every page is made from the one view `load` returns for the build.
 */
export default function site(eleventyConfig: EleventyConfig, { load, mediaRoot }: SiteOptions): void {
  let shown:
    | { wall: WallView; media: EncodedMedia; withTweets: Map<string, string>; share: ShareImages | undefined }
    | undefined;
  const written = new Set<string>();

  eleventyConfig.on("eleventy.before", async () => {
    shown = undefined;
    written.clear();
    await checkTemplates(SITE_FILES.input);
  });

  eleventyConfig.addGlobalData("wall", async () => {
    const wall = await load();
    if (!wall.ok) throw new CuratorProblems(wall.problems);
    const outputDir = eleventyConfig.directories.output;
    // Share images need absolute addresses; they are drawn while the pages render.
    const share =
      wall.value.site.origin === undefined
        ? undefined
        : await planShareImages(wall.value, { mediaRoot, outputDir });
    const media = await encodeMedia(wall.value.tweets, {
      mediaRoot,
      outputDir,
      pathPrefix: wall.value.site.pathPrefix,
    });
    shown = { wall: wall.value, media, withTweets: pagesWithTweets(wall.value), share };
    return wall.value;
  });

  eleventyConfig.addPlugin(cards, () => shown && { tweets: shown.wall.tweets, media: shown.media });
  eleventyConfig.addTransform("pages-with-tweets", function (content) {
    if (typeof this.page.url === "string") written.add(this.page.url);
    // A page that should show tweets and renders without them is a template error Nunjucks did
    // not report (see checkTemplates): fail rather than publish a wall without its tweets.
    const url = this.page.url;
    if (shown && typeof url === "string" && shown.withTweets.has(url) && typeof content === "string") {
      if (!content.includes('<article class="tweet')) {
        throw new SiteError(
          { file: this.page.inputPath },
          `the page ${url} was rendered without its tweets: a template it uses failed without an error`,
        );
      }
    }
    return content;
  });
  // A tweet page's own image; every other page shows the wall's.
  eleventyConfig.addFilter("shareImage", (url: unknown): ShareImage | undefined => {
    const byPage = shown?.share?.byPage;
    return byPage && ((typeof url === "string" && byPage.get(url)) || byPage.get(shown!.wall.pages[0]!.path));
  });
  eleventyConfig.on("eleventy.after", async () => {
    if (!shown) return;
    await shown.share?.done;
    for (const [path, template] of shown.withTweets) {
      if (!written.has(path)) throw new SiteError({ file: template }, `the page ${path} was not written`);
    }
    writeSearchIndex(eleventyConfig.directories.output, searchIndexOf(shown.wall.tweets));
  });

  eleventyConfig.addPlugin(assets, { cssFile: SITE_FILES.css, scriptFiles: SITE_FILES.scripts });
  eleventyConfig.addPlugin(feeds, () => shown?.media);
  eleventyConfig.addPassthroughCopy({ [SITE_FILES.favicon]: "favicon.svg" });
  eleventyConfig.ignores.add(`${SITE_FILES.input}/assets/**`);
}

/** The pages that must show tweets, each with the template that makes it. */
function pagesWithTweets(wall: WallView): Map<string, string> {
  const pages = new Map<string, string>();
  for (const page of wall.pages)
    if (page.tweets.length > 0) pages.set(page.path, `${SITE_FILES.input}/index.njk`);
  for (const tweet of wall.tweetPages) pages.set(tweet.pagePath!, `${SITE_FILES.input}/tweet-page.njk`);
  for (const page of wall.tagPages) pages.set(page.path, `${SITE_FILES.input}/tag-page.njk`);
  if (wall.stats) pages.set(wall.stats.path, `${SITE_FILES.input}/stats.njk`);
  return pages;
}

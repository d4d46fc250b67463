import { readFile } from "node:fs/promises";
import { contentSecurityPolicy } from "./csp.ts";
import { cachedMinifier } from "./minify.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * Marks the page as scripted before the first paint, so the search box takes its place in
 * the first layout instead of pushing the wall down later (a layout shift).
 */
const JS_FLAG = 'document.documentElement.classList.add("js")';

/**
 * Inlines the stylesheet so the first view needs no second request for it, derives the page's
 * Content-Security-Policy from exactly what was inlined, and minifies the scripts (the
 * first view must fit 14 KB; the source keeps its comments).
 */
export default function inlineAssets(
  eleventyConfig: EleventyConfig,
  { cssFile, scriptFiles }: { cssFile: string; scriptFiles: Record<string, string> },
): void {
  eleventyConfig.addWatchTarget(cssFile);
  for (const file of Object.values(scriptFiles)) eleventyConfig.addWatchTarget(file);
  const minify = cachedMinifier();
  eleventyConfig.addGlobalData("page_assets", async () => {
    const style = await minify(await readFile(cssFile, "utf8"), "css");
    const scripts = await Promise.all(
      Object.entries(scriptFiles).map(
        async ([name, file]) => [name, await minify(await readFile(file, "utf8"), "js")] as const,
      ),
    );
    const css = style.trim();
    return {
      css,
      jsFlag: JS_FLAG,
      csp: contentSecurityPolicy({ inlineStyles: [css], inlineScripts: [JS_FLAG] }),
      scripts: Object.fromEntries(scripts),
    };
  });
}

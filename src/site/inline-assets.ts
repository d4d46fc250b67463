import { readFile } from "node:fs/promises";
import { transform } from "esbuild";
import { contentSecurityPolicy } from "./csp.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * Inlines the stylesheet so the first view needs no second request for it, derives the page's
 * Content-Security-Policy from exactly what was inlined, and minifies the search script (the
 * first view must fit 14 KB; the source keeps its comments).
 */
/**
 * Marks the page as scripted before the first paint, so the search box takes its place in
 * the first layout instead of pushing the wall down later (a layout shift).
 */
const JS_FLAG = 'document.documentElement.classList.add("js")';

export default function inlineAssets(
  eleventyConfig: EleventyConfig,
  { cssFile, scriptFiles }: { cssFile: string; scriptFiles: Record<string, string> },
): void {
  eleventyConfig.addWatchTarget(cssFile);
  for (const file of Object.values(scriptFiles)) eleventyConfig.addWatchTarget(file);
  eleventyConfig.addGlobalData("page_assets", async () => {
    const style = await transform(await readFile(cssFile, "utf8"), { loader: "css", minify: true });
    const scripts = await Promise.all(
      Object.entries(scriptFiles).map(async ([name, file]) => {
        const code = await transform(await readFile(file, "utf8"), {
          minify: true,
          format: "esm",
          target: "es2022",
        });
        return [name, code.code] as const;
      }),
    );
    const css = style.code.trim();
    return {
      css,
      jsFlag: JS_FLAG,
      csp: contentSecurityPolicy({ inlineStyles: [css], inlineScripts: [JS_FLAG] }),
      scripts: Object.fromEntries(scripts),
    };
  });
}

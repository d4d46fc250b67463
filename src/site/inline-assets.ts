import { readFile } from "node:fs/promises";
import { contentSecurityPolicy } from "./csp.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * Inlines the stylesheet so the first view needs one request, and derives the page's
 * Content-Security-Policy from exactly what was inlined.
 */
export default function inlineAssets(eleventyConfig: EleventyConfig, { cssFile }: { cssFile: string }): void {
  eleventyConfig.addWatchTarget(cssFile);
  eleventyConfig.addGlobalData("page_assets", async () => {
    const css = (await readFile(cssFile, "utf8")).trim();
    return { css, csp: contentSecurityPolicy({ inlineStyles: [css] }) };
  });
}

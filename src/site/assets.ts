import { readFile } from "node:fs/promises";
import { accentCss } from "./accent.ts";
import { contentSecurityPolicy } from "./csp.ts";
import { cachedMinifier, type AssetKind, type Minify } from "./minify.ts";
import { columnAt } from "../tweet/place.ts";
import { SiteError } from "./site-error.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/**
 * Marks the page as scripted before the first paint, so the search box takes its place in
 * the first layout instead of pushing the wall down later (a layout shift). An address that
 * asks for a search or a year (`?q=`, `?year=`) also gets `filtering`, which keeps the wall
 * hidden until finder.js has filtered it: drawn whole and then cut to a few tweets, the page
 * moved by 0.31 to 0.41 (CLS). Shown anyway after 3 s, should the finder never come.
 */
export const JS_FLAG =
  'var h=document.documentElement;h.classList.add("js");/[?&](q|year)=[^&]/.test(location.search)&&(h.classList.add("filtering"),setTimeout(function(){h.classList.remove("filtering")},3e3))';

/**
 * Inlines the stylesheet so the first view needs no second request for it, derives the page's
 * Content-Security-Policy from exactly what was inlined, and minifies the scripts (the
 * first view must fit 14 KB; the source keeps its comments). The site's accent colour joins
 * the stylesheet: `{{ wall.site.accent | pageCss }}` and `| pageCsp` (src/site/accent.ts).
 */
export default function assets(
  eleventyConfig: EleventyConfig,
  { cssFile, scriptFiles }: { cssFile: string; scriptFiles: Record<string, string> },
): void {
  const minify = cachedMinifier();
  let css = "";
  /** The stylesheet and policy for each accent, made once a build. */
  const themed = new Map<string, { css: string; csp: string }>();
  const themedAssets = (accent: string | undefined) => {
    const key = accent ?? "";
    let assets = themed.get(key);
    if (!assets) {
      const style = css + accentCss(accent);
      assets = {
        css: style,
        csp: contentSecurityPolicy({ inlineStyles: [style], inlineScripts: [JS_FLAG] }),
      };
      themed.set(key, assets);
    }
    return assets;
  };
  eleventyConfig.addGlobalData("page_assets", async () => {
    const style = await minifyFile(minify, cssFile, "css");
    const scripts = await Promise.all(
      Object.entries(scriptFiles).map(
        async ([name, file]) => [name, await minifyFile(minify, file, "js")] as const,
      ),
    );
    css = style.trim();
    themed.clear();
    return {
      css,
      jsFlag: JS_FLAG,
      scripts: Object.fromEntries(scripts),
    };
  });
  eleventyConfig.addFilter("pageCss", (accent: string | undefined) => themedAssets(accent).css);
  eleventyConfig.addFilter("pageCsp", (accent: string | undefined) => themedAssets(accent).csp);
}

/** The file minified, or a SiteError at the place esbuild names: a stylesheet or script that does not parse. */
async function minifyFile(minify: Minify, file: string, kind: AssetKind): Promise<string> {
  const source = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new SiteError({ file }, `cannot be read (${error.code ?? error.message})`);
  });
  try {
    return await minify(source, kind);
  } catch (error) {
    const [first] = (error as { errors?: EsbuildMessage[] }).errors ?? [];
    if (!first) throw error;
    // "Expected "}" to go with "{"" is found at the end of the file; its note names the "{".
    const note = first.notes?.find((candidate) => candidate.location);
    const at = note?.location && `line ${note.location.line}, column ${editorColumn(note.location)}`;
    const hint = at
      ? ` (${note.text.replace(/^The /, "the ").replace(/ is here:$|:$/, "")} is at ${at})`
      : "";
    const place = first.location ? { line: first.location.line, column: editorColumn(first.location) } : {};
    throw new SiteError({ file, ...place }, `${first.text}${hint}`);
  }
}

interface EsbuildLocation {
  line: number;
  /** From 0, in UTF-8 bytes. */
  column: number;
  lineText: string;
}
interface EsbuildMessage {
  text: string;
  location: EsbuildLocation | null;
  notes?: { text: string; location: EsbuildLocation | null }[];
}

/** esbuild's column as an editor counts it: from 1, in characters. */
function editorColumn({ column, lineText }: EsbuildLocation): number {
  return columnAt(Buffer.from(lineText).subarray(0, column).toString(), Infinity);
}

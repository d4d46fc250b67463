import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as cheerio from "cheerio";

/** What pages cost over the wire: gzip at level 9, as a well-configured static host serves them. */

export function gzipBytes(content: Buffer | string): number {
  return gzipSync(content, { level: 9 }).length;
}

export interface FirstView {
  bytes: number;
  /** Each file counted, by its site path, with its gzip size. */
  parts: { file: string; bytes: number }[];
}

// Any origin would do: it only tells same-origin references from third-party ones.
const ORIGIN = "https://site.invalid";

/**
 * The gzip weight of the front page as a first visit loads it before anything is cached: the HTML
 * plus every same-origin script and stylesheet it links to. Images load lazily and are left out.
 */
export async function firstViewWeight(siteDir: string): Promise<FirstView> {
  const html = await readFile(path.join(siteDir, "index.html"));
  const $ = cheerio.load(html);
  const references = [
    ...$("script[src]")
      .toArray()
      .map((element) => $(element).attr("src")!),
    ...$("link[href]")
      .toArray()
      .filter((element) => ($(element).attr("rel") ?? "").toLowerCase().split(/\s+/).includes("stylesheet"))
      .map((element) => $(element).attr("href")!),
  ];
  const parts = [{ file: "/index.html", bytes: gzipBytes(html) }];
  const counted = new Set<string>();
  for (const reference of references) {
    const url = new URL(reference, `${ORIGIN}/index.html`);
    if (url.origin !== ORIGIN || counted.has(url.pathname)) continue;
    counted.add(url.pathname);
    const file = fileForPath(siteDir, decodeURIComponent(url.pathname));
    parts.push({ file: url.pathname, bytes: gzipBytes(await readFile(file)) });
  }
  return { bytes: parts.reduce((sum, part) => sum + part.bytes, 0), parts };
}

/**
 * The file a root-relative path is served from. A site built with a path prefix links to
 * `/prefix/x.css` while the file sits at `x.css` in the output folder, so leading segments are
 * dropped until a file matches.
 */
function fileForPath(siteDir: string, pathname: string): string {
  const segments = pathname.split("/").filter(Boolean);
  for (let skip = 0; skip < segments.length; skip++) {
    const file = path.join(siteDir, ...segments.slice(skip));
    if (existsSync(file)) return file;
  }
  throw new Error(`index.html links to ${pathname}, which is not in the built site`);
}

/**
 * The heaviest wall page (gzip) of a built site. Wall pages are every `index.html` outside the
 * per-tweet pages under `t/`, wherever the site puts its pagination.
 */
export async function largestWallPage(
  siteDir: string,
): Promise<{ file: string; bytes: number; pages: number }> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isFile() && entry.name === "index.html")
    .map((entry) => path.relative(siteDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("t/"));
  let largest = { file: "", bytes: -1 };
  for (const file of pages) {
    const bytes = gzipBytes(await readFile(path.join(siteDir, file)));
    if (bytes > largest.bytes) largest = { file, bytes };
  }
  if (!pages.length) throw new Error(`no wall page (index.html) in ${siteDir}`);
  return { ...largest, pages: pages.length };
}

import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { SEARCH_INDEX_FILE, type SearchIndex } from "../view/search-index.ts";

const ROWS_PER_WRITE = 200;

/**
 * Writes the index into the site being built, a few hundred rows at a time: rendered as one
 * template, its 22 MB on a 100,000-tweet wall were one string Eleventy kept to the end of the
 * build (bench case "build 100,000 tweets vs bare Eleventy"). The build's staging folder makes
 * the whole site appear at once, this file with it.
 */
export function writeSearchIndex(outputDir: string, index: SearchIndex): void {
  mkdirSync(outputDir, { recursive: true });
  const fd = openSync(path.join(outputDir, SEARCH_INDEX_FILE), "w");
  try {
    writeText(fd, `{"authors":${JSON.stringify(index.authors)},"tweets":[`);
    for (let start = 0; start < index.tweets.length; start += ROWS_PER_WRITE) {
      const rows = JSON.stringify(index.tweets.slice(start, start + ROWS_PER_WRITE));
      writeText(fd, `${start === 0 ? "" : ","}${rows.slice(1, -1)}`);
    }
    writeText(fd, "]}\n");
  } finally {
    closeSync(fd);
  }
}

function writeText(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
}

import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { SEARCH_INDEX_FILE, type SearchIndex } from "../view/search-index.ts";

const ROWS_PER_WRITE = 200;

/**
 * Writes the index a few hundred rows at a time, into a temporary file renamed into place.
 * Rendered as one Eleventy template, the 22 MB of JSON was a single string that Eleventy keeps
 * until the build ends: 1.2 s of a 100,000-tweet build, against 0.2 s written this way.
 */
export function writeSearchIndex(outputDir: string, index: SearchIndex): void {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, SEARCH_INDEX_FILE);
  const partial = `${file}.${process.pid}.partial`;
  try {
    const fd = openSync(partial, "w");
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
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

function writeText(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
}

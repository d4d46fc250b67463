import path from "node:path";
import type { WallFiles } from "../curator/files.ts";
import { checkOutputFolder } from "../site/output-folder.ts";

/** Where `build` publishes by default; the preview must never write there. */
export const PUBLISHED_SITE = "_site";

/**
 * The folder a command may build into, replacing it whole, or the one line that says why not:
 * never the project or a folder above it, the curator's files and their media, the code, or
 * the folders the build reads.
 */
export function checkOutput(output: string, files: WallFiles, { besides = [] }: { besides?: string[] } = {}) {
  const data = [path.dirname(files.tweetsFile), path.dirname(files.siteFile)];
  return checkOutputFolder(output, {
    projectRoot: process.cwd(),
    keep: [
      files.tweetsFile,
      files.siteFile,
      ...data,
      path.join(path.dirname(files.tweetsFile), "media"),
      "src",
      "templates",
      "node_modules",
      ".git",
      ...besides,
    ],
    sources: ["src", "templates"],
  });
}

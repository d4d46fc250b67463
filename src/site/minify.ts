import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TransformOptions } from "esbuild";

export type AssetKind = "css" | "js";

export type Minify = (source: string, kind: AssetKind) => Promise<string>;

export const MINIFIED_CACHE_DIR = path.join("node_modules", ".cache", "tweetwall", "minified");

const OPTIONS: Record<AssetKind, TransformOptions> = {
  // esbuild recovers from a broken stylesheet with a warning nobody sees: fail the build instead.
  css: { loader: "css", minify: true, logOverride: { "css-syntax-error": "error" } },
  js: { loader: "js", minify: true, format: "esm", target: "es2022" },
};

/**
 * esbuild's minifier, remembering its results on disk by a hash of the source: a build whose
 * stylesheet and scripts did not change loads neither esbuild nor its service process, which
 * costs more than the minifying itself.
 */
export function cachedMinifier(cacheDir: string = MINIFIED_CACHE_DIR): Minify {
  return async (source, kind) => {
    const key = createHash("sha256").update(JSON.stringify(OPTIONS[kind])).update(source).digest("hex");
    const file = path.join(cacheDir, `${key}.${kind}`);
    const cached = await readFile(file, "utf8").catch(() => undefined);
    if (cached !== undefined) return cached;
    const { transform } = await import("esbuild");
    const { code } = await transform(source, OPTIONS[kind]);
    await remember(file, code);
    return code;
  };
}

/** Written whole or not at all; a cache that cannot be written only costs the next build time. */
async function remember(file: string, code: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, code);
    await rename(partial, file);
  } catch {
    // Read-only or full disk: the build goes on with the code in hand.
  }
}

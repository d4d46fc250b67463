// Compiles the TypeScript CLI (src/) into an ES module bundle with esbuild, with source maps.
//
// Node 20 cannot run TypeScript, and a loader such as tsx costs about half a second at every
// start: more than a whole bare Eleventy build of the seed wall. So the CLI runs from a bundle
// kept under node_modules/.cache, keyed by a hash of its sources: a change to any of them
// compiles a new bundle (about half a second, once), and every later run starts at once.
// This file is plain JavaScript because it must run before anything is compiled.

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CACHE = path.join(ROOT, "node_modules", ".cache", "tweetwall");
const ENTRY_POINTS = { cli: "src/cli/main.ts" };
// package-lock.json: the bundled packages' versions; tsconfig.json: read by esbuild; this file:
// the options below.
const SOURCES = ["src", "package-lock.json", "tsconfig.json", "bin/compile.js"];
// Packages whose many small modules load measurably slower than the same code in one file.
// All others, Eleventy and what it shares with us (Luxon) first, load from node_modules.
const BUNDLED_PACKAGES = new Set(["zod", "twitter-text", "jsonc-parser"]);
// twitter-text (2019) imports core-js 2 polyfills for ES2015 features Node 20 has natively. They
// replace RegExp and the String methods that take one globally, with JavaScript that makes
// every regex split and replace in the process, Nunjucks' escaping included, several times slower.
export const NATIVE_IN_NODE_20 = /^core-js\/modules\/es[67]\.|^core-js\/modules\/web\.dom\.iterable$/;
// A bundle another process may still be running from is kept this long after its last use.
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Returns the path of the compiled CLI, compiling it first when a
 * source changed. Safe to call from many processes at once: each compiles into a folder of
 * its own and renames it into place; the first rename wins.
 */
export async function compileCli() {
  for (let attempt = 1; ; attempt++) {
    const hash = sourcesHash();
    const folder = path.join(CACHE, `cli-${hash}`);
    const compiled = { cli: path.join(folder, "cli.mjs") };
    if (statSync(compiled.cli, { throwIfNoEntry: false })) {
      markUsed(folder);
      return compiled;
    }
    const staging = `${folder}.staging-${process.pid}`;
    await bundleInto(staging);
    // A save while esbuild read the sources would store other code under this hash for good.
    if (sourcesHash() !== hash) {
      rmSync(staging, { recursive: true, force: true });
      if (attempt === MAX_ATTEMPTS)
        throw new CompileError(new Error("the sources kept changing while they were compiled"));
      continue;
    }
    try {
      renameSync(staging, folder);
    } catch {
      // Another process compiled the same sources first; its bundle is the same.
      rmSync(staging, { recursive: true, force: true });
    }
    removeStaleBundles(folder);
    return compiled;
  }
}

const MAX_ATTEMPTS = 5;

async function bundleInto(staging) {
  mkdirSync(CACHE, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages ship ES modules under "module"; "main" may be a UMD build esbuild cannot follow.
    mainFields: ["module", "main"],
    // Readable code and source maps: a bug's stack trace points at src/…ts:line.
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "silent",
    plugins: [externalPackages, withoutPolyfills],
  }).catch((error) => {
    rmSync(staging, { recursive: true, force: true });
    throw new CompileError(error);
  });
}

/** The source's own compile errors, as esbuild reports them: file:line:column and the code. */
export class CompileError extends Error {
  constructor(cause) {
    const errors = cause?.errors ?? [];
    const lines = errors.length
      ? errors.map(({ text, location }) =>
          location ? `${location.file}:${location.line}:${location.column + 1}: ${text}` : text,
        )
      : [String(cause?.message ?? cause)];
    super(`the code does not compile:\n${lines.map((line) => `  ${line}`).join("\n")}`);
  }
}

/** Bare imports from our own code stay imports, unless the package is one worth bundling. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
      if (importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const name = specifier.startsWith("@")
        ? specifier.split("/").slice(0, 2).join("/")
        : specifier.split("/")[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: specifier, external: true };
    });
  },
};

/** The polyfills' imports (side effects only, nothing imported by name) load nothing. */
const withoutPolyfills = {
  name: "without-polyfills",
  setup(build) {
    build.onResolve({ filter: NATIVE_IN_NODE_20 }, ({ path: specifier }) => ({
      path: specifier,
      namespace: "native-in-node-20",
    }));
    build.onLoad({ filter: /.*/, namespace: "native-in-node-20" }, () => ({ contents: "", loader: "js" }));
  },
};

function sourcesHash() {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap((source) => filesUnder(path.join(ROOT, source)))) {
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function filesUnder(file) {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return [];
  if (!stats.isDirectory()) return [file];
  return readdirSync(file, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(path.join(file, entry.name)));
}

function removeStaleBundles(current) {
  const now = Date.now();
  for (const name of readdirSync(CACHE)) {
    const folder = path.join(CACHE, name);
    // Only bundles: the cache also holds the minified assets (src/site/minify.ts).
    if (!name.startsWith("cli-") || folder === current) continue;
    try {
      if (now - statSync(folder).mtimeMs > STALE_AFTER_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process.
    }
  }
}

function markUsed(folder) {
  const now = new Date();
  try {
    utimesSync(folder, now, now);
  } catch {
    // Read-only: the bundle is still good to run.
  }
}

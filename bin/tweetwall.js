#!/usr/bin/env node
// The CLI is TypeScript: run it from its compiled bundle (see compile.js for why).
import { existsSync } from "node:fs";

if (!existsSync(new URL("../node_modules/@11ty/eleventy/package.json", import.meta.url))) {
  console.error("tweetwall: its dependencies are not installed yet: run npm install first");
  process.exit(1);
}

const { compileCli, CompileError } = await import("./compile.js");
try {
  const compiled = await compileCli();
  // The bundle's source maps: a bug's stack trace names src/…ts and its line.
  process.setSourceMapsEnabled(true);
  const { main } = await import(compiled.cli);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CompileError)) throw error;
  console.error(`tweetwall: ${error.message}`);
  process.exitCode = 1;
}

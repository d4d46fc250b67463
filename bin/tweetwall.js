#!/usr/bin/env node
// The CLI is TypeScript: run it from its compiled bundle (see compile.js for why).
import { compileCli, CompileError } from "./compile.js";

try {
  const compiled = await compileCli();
  const { main } = await import(compiled.cli);
  process.exitCode = await main(process.argv.slice(2), { eleventyConfig: compiled.eleventyConfig });
} catch (error) {
  if (!(error instanceof CompileError)) throw error;
  console.error(`tweetwall: ${error.message}`);
  process.exitCode = 1;
}

import { defineConfig, type Plugin } from "vitest/config";
import { NATIVE_IN_NODE_20 } from "./bin/compile.js";

/** The tests run twitter-text as the compiled CLI does: without the polyfills it would load. */
const withoutPolyfills: Plugin = {
  name: "without-polyfills",
  enforce: "pre",
  resolveId: (id) => (NATIVE_IN_NODE_20.test(id) ? "virtual:native-in-node-20" : undefined),
  load: (id) => (id === "virtual:native-in-node-20" ? "export {};" : undefined),
};

export default defineConfig({
  plugins: [withoutPolyfills],
  // Its ES modules, as the CLI's bundle takes them ("module"); Node alone would load its CommonJS.
  resolve: { alias: { "twitter-text": "twitter-text/dist/esm/index.js" } },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/compile-cli.ts"],
    setupFiles: ["tests/support/cleanup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser tests poll the live page; on a loaded machine (the whole suite at once) the
    // default second was once too short for a few typed keys and their search.
    expect: { poll: { timeout: 10_000 } },
    // Processed by Vite rather than loaded by Node, so the plugin above applies to it.
    server: { deps: { inline: ["twitter-text"] } },
  },
});

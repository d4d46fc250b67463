import { type ChildProcess, spawn } from "node:child_process";
import { watch } from "chokidar";
import Eleventy from "@11ty/eleventy";
import { pathPrefixOf, wallFilesFromEnv } from "../curator/files.ts";
import { CONFIG_SOURCE, INPUT_DIR } from "./build.ts";

/** Runs Eleventy's dev server in this process: rebuilds and live-reloads on data and template saves. */
export async function serveSite(port: number, outputDir: string, eleventyConfig: string): Promise<void> {
  const eleventy = new Eleventy(INPUT_DIR, outputDir, { configPath: eleventyConfig, runMode: "serve" });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(port);
}

// The launcher compiles the changed code before it starts the new server.
const LAUNCHER = "bin/tweetwall.js";
const CODE_PATHS = ["src", CONFIG_SOURCE];

/**
 * Node cannot unload an ES module, so a saved change to the project's own code (src/, the
 * Eleventy config) only takes effect in a fresh process: this supervisor restarts the dev
 * server on such a save, and keeps waiting for the next one when the code does not even load.
 * It restarts it too when a save of the site file moves the wall to another path prefix: the
 * links follow the data at once, while Eleventy reads its prefix (where it serves) at start.
 */
export function superviseDevServer(port: number, outputDir: string): Promise<never> {
  let child: ChildProcess | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = () => {
    child = spawn(process.execPath, [LAUNCHER, "serve", "--port", String(port), "--output", outputDir], {
      stdio: "inherit",
      env: { ...process.env, TWEETWALL_SUPERVISED: "1" },
    });
    child.on("exit", (code, signal) => {
      if (signal === null && code !== 0) {
        console.error(
          `[tweetwall] the dev server stopped (exit ${code}); fix the code and save to restart it.`,
        );
      }
    });
  };

  const restart = (file: string) => {
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => {
      console.log(`[tweetwall] ${file} changed: restarting the dev server…`);
      const previous = child;
      if (previous && previous.exitCode === null && previous.signalCode === null) {
        previous.once("exit", start);
        previous.kill("SIGTERM");
      } else {
        start();
      }
    }, 150);
  };

  watch(CODE_PATHS, { ignoreInitial: true }).on("all", (_event, file) => restart(file));
  const { siteFile } = wallFilesFromEnv();
  let servedPrefix = pathPrefixOf(siteFile);
  watch(siteFile, { ignoreInitial: true }).on("all", () => {
    const prefix = pathPrefixOf(siteFile);
    if (prefix === servedPrefix) return;
    servedPrefix = prefix;
    restart(`the path prefix (now ${prefix})`);
  });
  const stop = () => {
    child?.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  start();
  return new Promise<never>(() => {});
}

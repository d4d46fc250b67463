import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { watch } from "chokidar";
import type { WallFiles } from "../../curator/files.ts";
import { errorPage } from "./error-page.ts";
import type { FromBuilder, ToBuilder } from "./messages.ts";

export interface PreviewOptions {
  port: number;
  /** The preview's own folder: never the published site. */
  outputDir: string;
  files: WallFiles;
  /** The command line that starts a builder process (the CLI with its `--builder` flag). */
  builderCommand: string[];
}

/** The longest a request waits for a build being swapped in. */
const SWAP_WAIT_MS = 1_000;

/** Saves within this long of each other make one build: editors often write a file in steps. */
const SETTLE_MS = 15;

/**
 * The preview: Eleventy's dev server over the preview folder, and a builder process that
 * rebuilds it on every save. While the last save does not build, every page is an error page
 * naming each problem's file and line (in the terminal too); the next good save brings the wall
 * back. A save in src/ starts a new builder with the new code; code that does not compile is
 * an error page like any other.
 */
export async function runPreview({ port, outputDir, files, builderCommand }: PreviewOptions): Promise<never> {
  let problems: string[] | undefined;
  let server: { instance: InstanceType<typeof EleventyDevServer>; pathPrefix: string } | undefined;
  let builder: ChildProcess | undefined;
  let builderOutput = "";
  let building = false;
  let buildAgain = false;
  let firstResult = true;

  const show = async (result: { ok: true; pathPrefix: string } | { ok: false; lines: string[] }) => {
    if (result.ok) {
      if (problems) console.log("[tweetwall] the wall builds again.");
      problems = undefined;
      if (!server || server.pathPrefix !== result.pathPrefix) await startServer(result.pathPrefix);
    } else {
      problems = result.lines;
      console.error(`[tweetwall] the wall could not be built; fix and save to recover:`);
      for (const line of result.lines) console.error(`  ${line}`);
      if (!server) await startServer("/");
    }
    server!.instance.reload({});
    if (firstResult) {
      firstResult = false;
      console.log(
        `[tweetwall] previewing at http://localhost:${port}${server!.pathPrefix} (built into ${outputDir})`,
      );
    }
  };

  const startServer = async (pathPrefix: string) => {
    await server?.instance.close();
    const instance = EleventyDevServer.getServer("tweetwall-preview", outputDir, {
      pathPrefix,
      domDiff: false,
      portReassignmentRetryCount: 0,
      messageOnStart: () => "",
      logger: {
        info: () => {},
        log: () => {},
        error: (message: string) => console.error(`[tweetwall] ${message}`),
      },
      onRequest: {
        "/*": async ({ url }: { url: URL }) => {
          if (problems && isPage(url.pathname)) {
            return {
              status: 500,
              headers: { "Content-Type": "text/html; charset=utf-8" },
              body: errorPage(problems),
            };
          }
          // A new build is swapped in by two renames, between which the folder is missing for a
          // moment: wait for it rather than answer 404.
          for (let waited = 0; !existsSync(outputDir) && waited < SWAP_WAIT_MS; waited += 5) await sleep(5);
          return undefined;
        },
      },
    });
    instance.serve(port);
    await instance.ready();
    server = { instance, pathPrefix };
  };

  const requestBuild = () => {
    if (!builder?.connected) return;
    if (building) {
      buildAgain = true;
      return;
    }
    building = true;
    builder.send({ type: "build" } satisfies ToBuilder);
  };

  const startBuilder = () => {
    builderOutput = "";
    const child = spawn(process.execPath, builderCommand, { stdio: ["ignore", "inherit", "pipe", "ipc"] });
    builder = child;
    building = false;
    buildAgain = false;
    child.stderr?.on("data", (chunk: Buffer) => (builderOutput += chunk.toString()));
    child.on("message", async (message: FromBuilder) => {
      if (message.type === "ready") return requestBuild();
      building = false;
      await show(
        message.type === "built"
          ? { ok: true, pathPrefix: message.pathPrefix }
          : { ok: false, lines: message.lines },
      );
      if (buildAgain) {
        buildAgain = false;
        requestBuild();
      }
    });
    child.on("exit", (code, signal) => {
      if (builder !== child || signal === "SIGTERM") return;
      builder = undefined;
      const lines = builderOutput
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && line !== "tweetwall: the code does not compile:");
      void show({
        ok: false,
        lines: lines.length ? lines : [`the preview's builder stopped (exit ${code ?? signal})`],
      });
    });
  };

  const restartBuilder = () => {
    const previous = builder;
    builder = undefined;
    if (previous && previous.exitCode === null && previous.signalCode === null) {
      previous.once("exit", startBuilder);
      previous.kill("SIGTERM");
    } else {
      startBuilder();
    }
  };

  watchSaves(files, { onData: requestBuild, onCode: restartBuilder });
  const stop = () => {
    builder?.kill("SIGTERM");
    void server?.instance.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  startBuilder();
  return new Promise<never>(() => {});
}

/** Calls `onData` on a save of the curator's files or the templates, `onCode` on one in src/. */
function watchSaves(files: WallFiles, { onData, onCode }: { onData: () => void; onCode: () => void }) {
  const settled = (action: () => void) => {
    let timer: NodeJS.Timeout | undefined;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(action, SETTLE_MS);
    };
  };
  const data = [files.tweetsFile, files.siteFile].map((file) => path.resolve(file));
  const media = path.resolve(path.dirname(files.tweetsFile), "media");
  const isCuratorFile = (file: string) => data.includes(file) || file.startsWith(`${media}${path.sep}`);
  const build = settled(onData);
  // The folders, not the files: an atomic save replaces the file, and a deletion is a save too.
  for (const folder of new Set(data.map((file) => path.dirname(file)))) {
    watchFolder(folder, (file) => isCuratorFile(path.join(folder, file)) && build());
  }
  watchFolder("templates", build);
  watchFolder("src", settled(onCode));
}

function watchFolder(folder: string, onChange: (file: string) => void): void {
  const root = path.resolve(folder);
  watch(root, { ignoreInitial: true })
    .on("all", (_event, file) => onChange(path.relative(root, file)))
    .on("error", (error) => console.error(`[tweetwall] cannot watch ${folder}: ${(error as Error).message}`));
}

/** A request for a page, not for an image, a script or the search index. */
function isPage(pathname: string): boolean {
  return pathname.endsWith("/") || pathname.endsWith(".html") || !path.posix.basename(pathname).includes(".");
}

import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { wallFilesFromEnv } from "../../curator/files.ts";
import { formatProblem } from "../../curator/problems.ts";
import { loadWallView } from "../../view/load.ts";
import { buildSite } from "../build.ts";
import type { FromBuilder, ToBuilder } from "./messages.ts";

/**
 * The preview's builder, a process of its own so that a save in src/ can replace it with one
 * running the new code. Each "build" reads the curator's files once and builds the site into the
 * preview folder exactly as `tweetwall build` does; the server decides what to show.
 */
export function runBuilder(outputDir: string): Promise<never> {
  const send = (message: FromBuilder) => process.send?.(message);
  let building: Promise<void> = Promise.resolve();
  process.on("message", (message: ToBuilder) => {
    if (message.type !== "build") return;
    // Whatever goes wrong, the server hears of it: a build it waits for forever is a preview
    // that never answers again.
    building = building.then(async () => {
      send(
        await buildOnce(outputDir).catch((error: unknown) => ({
          type: "failed" as const,
          lines: [bugLine(error)],
        })),
      );
    });
  });
  send({ type: "ready" });
  // The server going away (Ctrl-C, a crash) ends the builder too, and the server stops it with
  // SIGTERM for new code; either way, a build it was in the middle of leaves nothing behind.
  const stop = () => {
    removeStaging(outputDir);
    process.exit(0);
  };
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  return new Promise<never>(() => {});
}

async function buildOnce(outputDir: string): Promise<FromBuilder> {
  const files = wallFilesFromEnv();
  const wall = await loadWallView(files);
  if (!wall.ok) return { type: "failed", lines: wall.problems.map(formatProblem) };
  const realPath = path.resolve(outputDir);
  const outcome = await buildSite(wall.value, realPath, { mediaRoot: path.dirname(files.tweetsFile) });
  return outcome.ok
    ? { type: "built", seconds: outcome.seconds, pathPrefix: wall.value.site.pathPrefix }
    : { type: "failed", lines: outcome.errors };
}

/** What the curator sees of a bug in the builder: its message and where in src/ it is. */
function bugLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where =
    error instanceof Error
      ? /\(?((?:[^\s()]*\/)?src\/[^\s()]+:\d+:\d+)\)?/.exec(error.stack ?? "")?.[1]
      : undefined;
  return `the preview's builder failed: ${message}${where ? ` (at ${where.replace(/^.*?(src\/)/, "$1")})` : ""}`;
}

/** The staging folders this builder made beside the preview folder (see buildSite). */
function removeStaging(outputDir: string): void {
  const folder = path.dirname(outputDir);
  const prefix = `${path.basename(outputDir)}.building-${process.pid}-`;
  for (const name of readdirSync(folder).filter((entry) => entry.startsWith(prefix))) {
    rmSync(path.join(folder, name), { recursive: true, force: true });
  }
}

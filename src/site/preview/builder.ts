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
    building = building.then(async () => {
      send(await buildOnce(outputDir));
    });
  });
  send({ type: "ready" });
  // The server going away (Ctrl-C, a crash) ends the builder too.
  process.on("disconnect", () => process.exit(0));
  return new Promise<never>(() => {});
}

async function buildOnce(outputDir: string): Promise<FromBuilder> {
  const files = wallFilesFromEnv();
  const wall = await loadWallView(files);
  if (!wall.ok) return { type: "failed", lines: wall.problems.map(formatProblem) };
  const realPath = path.resolve(outputDir);
  const outcome = await buildSite(
    wall.value,
    { shown: outputDir, realPath },
    { mediaRoot: path.dirname(files.tweetsFile) },
  );
  return outcome.ok
    ? { type: "built", seconds: outcome.seconds, pathPrefix: wall.value.site.pathPrefix }
    : { type: "failed", lines: outcome.errors };
}

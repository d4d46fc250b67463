import type { WallFiles } from "../curator/files.ts";
import type { Checked } from "../curator/problems.ts";
import { readWall } from "../curator/read.ts";
import { buildWallView } from "./wall.ts";
import type { WallView } from "./types.ts";

/** The curator's files, read and checked once, as the one frozen view every page is made from. */
export async function loadWallView(files: WallFiles): Promise<Checked<WallView>> {
  const input = await readWall(files);
  return input.ok ? { ok: true, value: buildWallView(input.value.site, input.value.tweets) } : input;
}

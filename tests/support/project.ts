import { cp, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./cli.ts";

/**
 * A copy of the project (code, templates, data) sharing its node_modules, for tests that change
 * sources or need a project folder of their own. The caller removes it.
 */
export async function projectCopy(prefix = "tweetwall-project-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const entry of [
    "bin",
    "src",
    "templates",
    "data",
    ".eleventy.ts",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
  ]) {
    await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

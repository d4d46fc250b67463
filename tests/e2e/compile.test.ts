import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { compileCli } from "../../bin/compile.js";
import { REPO_ROOT } from "../support/cli.ts";

/** A copy of the project's code sharing its node_modules, to change sources without touching ours. */
async function projectCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-compile-"));
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

function launch(project: string, args: string[]) {
  return spawnSync(process.execPath, ["bin/tweetwall.js", ...args], { cwd: project, encoding: "utf8" });
}

describe("the compiled CLI", () => {
  let compiledFiles: string[];
  beforeAll(async () => {
    const { cli } = await compileCli();
    const folder = path.dirname(cli);
    compiledFiles = (await readdir(folder)).map((name) => path.join(folder, name));
  });

  test("is ES modules beside the Eleventy config, with no core-js polyfill in them", async () => {
    expect(compiledFiles.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining(["cli.mjs", "eleventy.config.mjs"]),
    );
    for (const file of compiledFiles) {
      expect(await readFile(file, "utf8"), path.basename(file)).not.toContain("__core-js_shared__");
    }
  });

  test("a changed source is compiled anew before it runs", async () => {
    const project = await projectCopy();
    const main = path.join(project, "src", "cli", "main.ts");
    await writeFile(
      main,
      (await readFile(main, "utf8")).replace("Usage: tweetwall", "Usage (changed): tweetwall"),
    );
    const run = launch(project, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage (changed): tweetwall");
  });

  test("a source that does not compile is reported at its file, line and column, with no stack trace", async () => {
    const project = await projectCopy();
    const linkify = path.join(project, "src", "tweet", "linkify.ts");
    const lines = (await readFile(linkify, "utf8")).split("\n");
    lines.splice(4, 0, "export const broken = (;");
    await writeFile(linkify, lines.join("\n"));
    const run = launch(project, ["check"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^tweetwall: the code does not compile:\n {2}src\/tweets\/linkify\.ts:5:\d+: /,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

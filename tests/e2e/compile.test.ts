import { spawnSync } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compileCli } from "../../bin/compile.js";
import { projectCopy as copyOfProject } from "../support/project.ts";

const copies: string[] = [];
afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

async function projectCopy(): Promise<string> {
  const dir = await copyOfProject("tweetwall-compile-");
  copies.push(dir);
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

  test("is ES modules with source maps, not minified, with no core-js polyfill in them", async () => {
    const names = compiledFiles.map((file) => path.basename(file));
    expect(names).toEqual(expect.arrayContaining(["cli.mjs", "cli.mjs.map"]));
    for (const file of compiledFiles.filter((name) => name.endsWith(".mjs"))) {
      const code = await readFile(file, "utf8");
      expect(code, path.basename(file)).not.toContain("__core-js_shared__");
      expect(code, path.basename(file)).toContain(`//# sourceMappingURL=${path.basename(file)}.map`);
    }
  });

  test("a bug's stack trace points at the TypeScript source and its line", async () => {
    const project = await projectCopy();
    const check = path.join(project, "src", "cli", "commands", "check.ts");
    const source = await readFile(check, "utf8");
    await writeFile(check, source.replace("async run() {", 'async run() {\n    throw new Error("a bug");'));
    const line = source.split("\n").findIndex((text) => text.includes("async run() {")) + 2;
    const run = launch(project, ["check"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("tweetwall: Error: a bug");
    expect(run.stderr).toMatch(new RegExp(`src/cli/commands/check\\.ts:${line}:\\d+`));
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
    expect(run.stderr).toMatch(/^tweetwall: the code does not compile:\n {2}src\/tweet\/linkify\.ts:5:\d+: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

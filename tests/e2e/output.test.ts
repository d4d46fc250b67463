import { createHash } from "node:crypto";
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliRun, runCli } from "../support/cli.ts";
import { projectCopy } from "../support/project.ts";

const MARKER = ".tweetwall-site";
const ADVICE = "choose a new or empty folder, or one an earlier build made";

const runIn = (cwd: string, args: string[]) => runCli(args, {}, cwd);

/**
 * Every file, folder and link under `dir`, links not followed: a file by a hash of its bytes and
 * its modification time, a folder by its modification time (an entry made and removed again
 * changes it), a link by its target.
 */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const stamp = async (file: string) => `${(await lstat(file)).mtimeMs}`;
  entries["."] = await stamp(dir);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, file);
    if (entry.isSymbolicLink()) entries[name] = `link to ${await readlink(file)}`;
    else if (entry.isDirectory()) entries[name] = `folder ${await stamp(file)}`;
    else
      entries[name] = `${createHash("sha256")
        .update(await readFile(file))
        .digest("hex")} ${await stamp(file)}`;
  }
  return entries;
}

async function tweetsOn(site: string): Promise<number> {
  return cheerio.load(await readFile(path.join(site, "index.html"), "utf8"))("main article.tweet").length;
}

describe("--output: folders the build refuses", () => {
  // outer/above/project: the project and two folders above it, all throwaway.
  let outer: string;
  let project: string;
  beforeAll(async () => {
    outer = await mkdtemp(path.join(tmpdir(), "tweetwall-output-"));
    project = path.join(outer, "above", "project");
    await mkdir(path.dirname(project));
    await rename(await projectCopy(), project);
    await mkdir(path.join(project, "notes"));
    await writeFile(path.join(project, "notes", "ideas.txt"), "the curator's own notes\n");
    await writeFile(path.join(project, "NOTES.md"), "a file, not a folder\n");
    await symlink(project, path.join(outer, "link-to-project"));
  });
  afterAll(() => rm(outer, { recursive: true, force: true }));

  test.each([
    [".", "it is this project's folder"],
    ["..", "it holds this project"],
    ["../..", "it holds this project"],
    ["../../link-to-project", "it is this project's folder"],
    ["data", "it holds data/tweets.json"],
    ["templates", "it is templates, which the build reads"],
    ["src", "it is src, which the build reads"],
    ["templates/site", "it is inside templates, which the build reads"],
    ["src/site", "it is inside src, which the build reads"],
    ["data/media", "it is data/media"],
    ["notes", "it holds files the build did not make (ideas.txt)"],
    ["NOTES.md", "it is a file"],
    ["NOTES.md/site", "a part of its path is a file"],
  ])("%s: one line, exit 2, nothing touched", async (output, why) => {
    const before = await snapshot(outer);
    const run = await runIn(project, ["build", "--output", output]);
    expect(run.stderr).toBe(`tweetwall build: refusing to build into ${output}: ${why}; ${ADVICE}\n`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(await snapshot(outer)).toEqual(before);
  });

  // The preview replaces its folder on every save: the same rules, and never the published site.
  test.each([
    ["data", `refusing to build into data: it holds data/tweets.json; ${ADVICE}`],
    [".", `refusing to build into .: it is this project's folder; ${ADVICE}`],
    ["_site", "_site is the published site, which the preview never writes"],
    ["NOTES.md/preview", `refusing to build into NOTES.md/preview: a part of its path is a file; ${ADVICE}`],
  ])("the preview into %s: one line, exit 2, nothing touched", async (output, message) => {
    const before = await snapshot(outer);
    const run = await runIn(project, ["serve", "--port", "8999", "--output", output]);
    expect(run.stderr).toBe(`tweetwall serve: ${message}\n`);
    expect(run.status).toBe(2);
    expect(await snapshot(outer)).toEqual(before);
  });

  test("an empty --output: one line, exit 2, nothing touched", async () => {
    const before = await snapshot(outer);
    const run = await runIn(project, ["build", "--output", ""]);
    expect(run.stderr).toBe(
      "tweetwall build: --output needs a folder: an empty path would mean the project itself\n",
    );
    expect(run.status).toBe(2);
    expect(await snapshot(outer)).toEqual(before);
  });
});

describe("--output: folders the build replaces", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tweetwall-output-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const buildInto = (output: string) => runCli(["build", "--output", output]);

  async function expectBuilt(run: CliRun, site: string) {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(await tweetsOn(site)).toBe(70);
    expect(await readdir(site)).toContain(MARKER);
  }

  test("a folder that does not exist yet, nor its parent", async () => {
    const site = path.join(dir, "new", "site");
    await expectBuilt(await buildInto(site), site);
    expect(await readdir(path.dirname(site))).toEqual(["site"]);
  });

  test("an empty folder", async () => {
    const site = path.join(dir, "empty");
    await mkdir(site);
    await expectBuilt(await buildInto(site), site);
  });

  test("a site an earlier build made, replaced whole", async () => {
    const site = path.join(dir, "earlier");
    await mkdir(site);
    await writeFile(path.join(site, MARKER), "");
    await writeFile(path.join(site, "stale.html"), "from a page since removed");
    await expectBuilt(await buildInto(site), site);
    expect(await readdir(site)).not.toContain("stale.html");
  });

  test("a site built before the marker existed, recognised by what every build writes", async () => {
    const site = path.join(dir, "before-the-marker");
    await mkdir(site);
    for (const name of ["index.html", "search-index.json", "wall.js", "stale.html"]) {
      await writeFile(path.join(site, name), "");
    }
    await expectBuilt(await buildInto(site), site);
    expect(await readdir(site)).not.toContain("stale.html");
  });

  test("a symlinked folder is written through: the link stays, its target holds the site", async () => {
    const target = path.join(dir, "linked", "target");
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, MARKER), "");
    const link = path.join(dir, "link");
    await symlink(target, link);
    await expectBuilt(await buildInto(link), target);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readdir(path.dirname(target))).toEqual(["target"]);
  });

  test("a symlink to a folder not made yet leads there, and stays a link", async () => {
    const target = path.join(dir, "dangling", "target");
    await mkdir(path.dirname(target));
    const link = path.join(dir, "dangling-link");
    await symlink(target, link);
    await expectBuilt(await buildInto(link), target);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkOutputFolder } from "../../../src/site/output-folder.ts";

// root/project (src, templates), root/elsewhere/tweets.json: a tweets file kept outside the project.
let root: string;
let project: string;
let tweetsFile: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "tweetwall-output-folder-"));
  project = path.join(root, "project");
  await mkdir(path.join(project, "src"), { recursive: true });
  await mkdir(path.join(project, "templates"));
  await mkdir(path.join(root, "elsewhere"));
  tweetsFile = path.join(root, "elsewhere", "tweets.json");
  await writeFile(tweetsFile, "[]");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const check = (output: string) =>
  checkOutputFolder(output, {
    projectRoot: project,
    keep: [tweetsFile, path.dirname(tweetsFile), path.join(project, "src"), path.join(project, "templates")],
    sources: [path.join(project, "src"), path.join(project, "templates")],
  });

describe("checkOutputFolder", () => {
  test("names what it would take with it in full when it is outside the project", async () => {
    expect(await check(path.join(root, "elsewhere"))).toBe(
      `refusing to build into ${path.join(root, "elsewhere")}: it holds ${tweetsFile}; ` +
        "choose a new or empty folder, or one an earlier build made",
    );
  });

  test("a folder whose name starts with two dots is still inside its parent", async () => {
    expect(await check(path.join(project, "templates", "..site"))).toMatch(
      /: it is inside templates, which the build reads;/,
    );
  });

  test("a link into the folders the build reads is refused like the folder itself", async () => {
    const link = path.join(root, "link-to-templates");
    await symlink(path.join(project, "templates"), link);
    expect(await check(path.join(link, "site"))).toMatch(/: it is inside templates, which the build reads;/);
  });

  test("a new folder is written where a chain of links leads, relative or not", async () => {
    const target = path.join(root, "target");
    await symlink("target", path.join(root, "second"));
    await symlink(path.join(root, "second"), path.join(root, "first"));
    expect(await check(path.join(root, "first"))).toEqual({ realPath: target, holdsSite: false });
  });
});

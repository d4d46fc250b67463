import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { REPO_ROOT } from "../support/cli.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tweetwall-not-installed-"));
  await cp(path.join(REPO_ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
  await cp(path.join(REPO_ROOT, "package.json"), path.join(dir, "package.json"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("a command run before npm install says so in one line, not a stack trace", () => {
  const run = spawnSync(process.execPath, ["bin/tweetwall.js", "build"], { cwd: dir, encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/npm install/);
});

import { spawnSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectCopy } from "../support/project.ts";

/** Enough calls of Eleventy's `url` filter to pass its 50 ms and 8 % warning thresholds. */
const SLOW = '{% for i in range(0, 50000) %}{{ "/" | url }}{% endfor %}';

let project: string;
beforeAll(async () => {
  project = await projectCopy("tweetwall-benchmarks-");
  const robots = path.join(project, "templates", "robots.njk");
  const lines = (await readFile(robots, "utf8")).split("\n");
  lines.splice(lines.indexOf("---", 1) + 1, 0, SLOW);
  await writeFile(robots, lines.join("\n"));
});
afterAll(() => rm(project, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync(process.execPath, args, {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });

test("a build with a slow filter prints only its own lines, no Eleventy benchmark", () => {
  const build = run(["bin/tweetwall.js", "build"]);
  expect(build.stderr).toBe("");
  expect(build.stdout).toMatch(
    /^No url in data\/site\.json: no feeds, sitemap or share images written \(they need absolute addresses\)\.\nBuilt the wall from data\/tweets\.json into _site in \d+\.\d\d s\.\n$/,
  );
  expect(build.status).toBe(0);
  // The same site built by Eleventy's own command line, told to be quiet, still warns.
  const eleventy = run([
    "--import",
    "tsx",
    "node_modules/@11ty/eleventy/cmd.cjs",
    "--config=.eleventy.ts",
    "--quiet",
    "--output=_eleventy-site",
  ]);
  expect(eleventy.status).toBe(0);
  expect(eleventy.stdout + eleventy.stderr).toMatch(/\[11ty\] Benchmark .*"url" Nunjucks Filter/);
});

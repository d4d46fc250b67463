import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliRun, runCli } from "../support/cli.ts";
import { projectCopy } from "../support/project.ts";

const runIn = (cwd: string, args: string[]) => runCli(args, {}, cwd);

/** Each file of the site with a hash of its bytes and its modification time. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const hash = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
    files[path.relative(dir, file)] = `${hash} ${(await stat(file)).mtimeMs}`;
  }
  return files;
}

/** The source with `lines` put in before its line `line` (counted from 1). */
const insertAt =
  (line: number, ...lines: string[]) =>
  (source: string) => {
    const all = source.split("\n");
    all.splice(line - 1, 0, ...lines);
    return all.join("\n");
  };

/** The line after a page's front matter. */
const afterFrontMatter = (source: string) => source.split("\n").indexOf("---", 1) + 2;

/** The column (from 1) of `needle` in `text`. */
const columnOf = (text: string, needle: string) => text.indexOf(needle) + 1;

interface Case {
  /** What is broken, and how. */
  name: string;
  file: string;
  /** The broken file, from its text. */
  edit: (source: string) => string;
  /** The one line the build prints for it, from the file's unbroken text. */
  expected: (source: string) => string;
}

const FILTER_IN_IF = "{% if wall %}{{ wall.site.title | nofilter }}{% endif %}";
const THROWING_FILTER = '{{ "not an object" | dictsort }}';
const CALL = "{{ wall.nothing() }}";
const MISMATCH = "{% if wall %}{% endfor %}";
const BROKEN_SCRIPT = 'const s = "é😀"; const = 1;';

/** A wrong filter name, used where it runs: inside an `{% if %}`, at every include depth. */
const unknownFilter = (file: string, line = 1): Case => ({
  name: "an unknown filter inside an {% if %}",
  file,
  edit: insertAt(line, FILTER_IN_IF),
  expected: () => `${file}:${line}:${columnOf(FILTER_IN_IF, "nofilter")}: filter not found: nofilter`,
});

const CASES: Case[] = [
  unknownFilter("templates/layouts/base.njk"),
  unknownFilter("templates/partials/header.njk"),
  unknownFilter("templates/partials/timeline.njk"),
  unknownFilter("templates/partials/search.njk"),
  unknownFilter("templates/partials/page-nav.njk"),
  unknownFilter("templates/partials/pages/wall-page.njk", 2),
  unknownFilter("templates/partials/pages/tweet-page.njk", 2),
  {
    name: "an unknown filter after the front matter",
    file: "templates/index.njk",
    edit: (source) => insertAt(afterFrontMatter(source), FILTER_IN_IF)(source),
    expected: (source) =>
      `templates/index.njk:${afterFrontMatter(source)}:${columnOf(FILTER_IN_IF, "nofilter")}: filter not found: nofilter`,
  },
  ...["feed-atom", "feed-json", "sitemap", "robots", "headers", "tweet-page"].map((page): Case => ({
    name: "a filter that throws, after the front matter",
    file: `templates/${page}.njk`,
    edit: (source) => insertAt(afterFrontMatter(source), THROWING_FILTER)(source),
    expected: (source) =>
      `templates/${page}.njk:${afterFrontMatter(source)}:${columnOf(THROWING_FILTER, "dictsort")}: ` +
      "the filter dictsort failed: dictsort filter: val must be an object",
  })),
  {
    name: "a filter that throws, in a partial",
    file: "templates/partials/timeline.njk",
    edit: insertAt(1, THROWING_FILTER),
    expected: () =>
      `templates/partials/timeline.njk:1:${columnOf(THROWING_FILTER, "dictsort")}: the filter dictsort failed: dictsort filter: val must be an object`,
  },
  {
    name: "a call of something undefined",
    file: "templates/partials/page-nav.njk",
    edit: insertAt(1, CALL),
    expected: () =>
      `templates/partials/page-nav.njk:1:${columnOf(CALL, "(")}: Unable to call \`wall["nothing"]\`, which is undefined or falsey`,
  },
  {
    name: "an unclosed {{",
    file: "templates/layouts/base.njk",
    edit: insertAt(3, "{{ wall.site.title", "<p>more</p>"),
    expected: () =>
      "templates/layouts/base.njk:4:9: unexpected token: / (the {{ at line 3, column 1 is not closed)",
  },
  {
    name: "an unclosed {{ at the end of the file",
    file: "templates/partials/search.njk",
    edit: (source) => `${source}{{ wall.site.title`,
    expected: (source) =>
      `templates/partials/search.njk:${source.split("\n").length}:1: {{ is not closed: the file ends inside it`,
  },
  {
    name: "an {% if %} without its {% endif %}",
    file: "templates/partials/header.njk",
    edit: (source) => `${source}{% if wall %}`,
    expected: (source) =>
      `templates/partials/header.njk:${source.split("\n").length}:4: {% if %} is not closed: the file ends before its {% endif %}`,
  },
  {
    name: "an {% if %} closed by another block's end tag",
    file: "templates/sitemap.njk",
    edit: (source) => insertAt(afterFrontMatter(source), MISMATCH)(source),
    expected: (source) => {
      const line = afterFrontMatter(source);
      return `templates/sitemap.njk:${line}:${columnOf(MISMATCH, "endfor")}: unknown block tag: endfor (the {% if %} at line ${line}, column 4 is not closed)`;
    },
  },
  {
    name: "an unknown tag",
    file: "templates/partials/pages/wall-page.njk",
    edit: insertAt(2, "{% frobnicate %}"),
    expected: () => "templates/partials/pages/wall-page.njk:2:4: unknown block tag: frobnicate",
  },
  {
    name: "an unknown tag after the front matter",
    file: "templates/robots.njk",
    edit: (source) => insertAt(afterFrontMatter(source), "{% frobnicate %}")(source),
    expected: (source) => `templates/robots.njk:${afterFrontMatter(source)}:4: unknown block tag: frobnicate`,
  },
  {
    name: "an include of a template that does not exist",
    file: "templates/partials/pages/tweet-page.njk",
    edit: insertAt(2, '{% include "nowhere.njk" %}'),
    expected: () => "templates/partials/pages/tweet-page.njk:2:4: template not found: nowhere.njk",
  },
  {
    name: "front matter that is not YAML",
    file: "templates/scripts.njk",
    edit: insertAt(2, "title: a: b"),
    expected: () => "templates/scripts.njk:2:9: front matter: bad indentation of a mapping entry",
  },
  {
    name: "a stylesheet that does not parse",
    file: "templates/assets/wall.css",
    edit: insertAt(1, "}"),
    expected: () => 'templates/assets/wall.css:1:1: Unexpected "}"',
  },
  ...["wall", "finder"].map((script): Case => ({
    name: "a script that does not parse, its column counted in characters",
    file: `templates/assets/${script}.js`,
    edit: insertAt(1, BROKEN_SCRIPT),
    expected: () =>
      `templates/assets/${script}.js:1:${[...BROKEN_SCRIPT.slice(0, BROKEN_SCRIPT.indexOf("= 1"))].length + 1}: ` +
      'Expected identifier but found "="',
  })),
  {
    name: "a wall page that renders without its tweets",
    file: "templates/partials/pages/wall-page.njk",
    edit: (source) => {
      const cards = "{{ wallPage.tweets | cards | safe }}";
      expect(source).toContain(cards);
      return source.replace(cards, "");
    },
    expected: () =>
      "templates/index.njk: the page / was rendered without its tweets: a template it uses failed without an error",
  },
];

describe("a broken template, stylesheet or script", () => {
  let project: string;
  let site: string;
  let built: Record<string, string>;
  let listing: string[];
  beforeAll(async () => {
    project = await projectCopy("tweetwall-template-errors-");
    const run = await runIn(project, ["build"]);
    expect(run.stderr).toBe("");
    site = path.join(project, "_site");
    built = await snapshot(site);
    listing = await readdir(project);
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  test.each(CASES.map((brokenCase) => [`${brokenCase.file}: ${brokenCase.name}`, brokenCase] as const))(
    "%s: one located line, exit 1, the site untouched",
    async (_, { file, edit, expected }) => {
      const original = await readFile(path.join(project, file), "utf8");
      await writeFile(path.join(project, file), edit(original));
      let run: CliRun;
      try {
        run = await runIn(project, ["build"]);
      } finally {
        await writeFile(path.join(project, file), original);
      }
      expect(run.stderr.split("\n")).toEqual([
        "1 problem:",
        `  ${expected(original)}`,
        "Nothing was written: _site still holds the last good build.",
        "",
      ]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(await snapshot(site)).toEqual(built);
      expect(await readdir(project)).toEqual(listing);
    },
  );
});

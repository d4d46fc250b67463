import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkTemplates, findTemplateReference } from "../../../src/site/template-check.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "tweetwall-template-check-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

let folders = 0;
/** A templates folder holding these files. */
async function templates(files: Record<string, string>): Promise<string> {
  const dir = path.join(root, `templates-${++folders}`);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** The one line checkTemplates fails with, the folder shown as `templates`. */
async function failure(files: Record<string, string>): Promise<string> {
  const dir = await templates(files);
  const error = await checkTemplates(dir).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message.replace(dir, "templates");
}

describe("checkTemplates", () => {
  test("passes templates that compile, in every folder", async () => {
    await expect(
      checkTemplates(await templates({ "a.njk": "{{ a }}", "partials/b.njk": "{% if b %}b{% endif %}" })),
    ).resolves.toBeUndefined();
  });

  test("a syntax error in a nested folder, at its line and column", async () => {
    expect(await failure({ "a.njk": "fine", "partials/deep/b.njk": "one\n{% frobnicate %}\n" })).toBe(
      "templates/partials/deep/b.njk:2:4: unknown block tag: frobnicate",
    );
  });

  test("lines are the editor's, front matter included", async () => {
    expect(
      await failure({ "page.njk": "---\ntitle: x\n---\n<h1>{{ title }}</h1>\n{% frobnicate %}\n" }),
    ).toBe("templates/page.njk:5:4: unknown block tag: frobnicate");
  });

  test("columns count characters, and \\r\\n ends a line", async () => {
    expect(await failure({ "a.njk": "one\r\n<p>😀 é</p>{% frobnicate %}\r\n" })).toBe(
      "templates/a.njk:2:14: unknown block tag: frobnicate",
    );
  });

  test("a {{ left open names itself when Nunjucks stops on a later line", async () => {
    expect(await failure({ "a.njk": "<p>\n  {{ title\n</p>\n" })).toBe(
      "templates/a.njk:3:2: unexpected token: / (the {{ at line 2, column 3 is not closed)",
    );
  });

  test("a {{ left open at the end of the file is placed where it opens", async () => {
    expect(await failure({ "a.njk": "<p>\n{{ title" })).toBe(
      "templates/a.njk:2:1: {{ is not closed: the file ends inside it",
    );
  });

  test("a block left open at the end of the file is placed at its tag, blocks and {% set %}s nesting", async () => {
    const source =
      "{% set a = 1 %}{% set b %}b{% endset %}\n{% for x in y %}\n  {% if x %}x{% endif %}\n{% endfor %}\n";
    expect(await failure({ "a.njk": source.replace("{% endfor %}", "") })).toBe(
      "templates/a.njk:2:4: {% for %} is not closed: the file ends before its {% endfor %}",
    );
    expect(await failure({ "a.njk": `${source}{% if z %}` })).toBe(
      "templates/a.njk:5:4: {% if %} is not closed: the file ends before its {% endif %}",
    );
  });

  test("an end tag where another block is open names the block left open", async () => {
    expect(await failure({ "a.njk": "{% for x in y %}\n  {% if x %}\n{% endfor %}\n" })).toBe(
      "templates/a.njk:3:4: unknown block tag: endfor (the {% if %} at line 2, column 6 is not closed)",
    );
  });
});

describe("findTemplateReference", () => {
  test("finds an include, extends, import or from of the name, in the named template first", async () => {
    const dir = await templates({
      "a.njk": '{% include "other.njk" %}\n{% include "missing.njk" %}',
      "b.njk": '{% extends "base.njk" %}\n\n  {% from "missing.njk" import x %}',
    });
    expect(await findTemplateReference(dir, "missing.njk")).toEqual({
      file: path.join(dir, "a.njk"),
      line: 2,
      column: 4,
    });
    expect(await findTemplateReference(dir, "missing.njk", path.join(dir, "b.njk"))).toEqual({
      file: path.join(dir, "b.njk"),
      line: 3,
      column: 6,
    });
    expect(await findTemplateReference(dir, "base.njk")).toMatchObject({ line: 1, column: 4 });
    expect(await findTemplateReference(dir, "nowhere.njk")).toBeUndefined();
  });
});

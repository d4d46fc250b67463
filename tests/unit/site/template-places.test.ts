import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nunjucks from "nunjucks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SiteError } from "../../../src/site/site-error.ts";
import { frontMatterLines, placeTemplateErrors } from "../../../src/site/template-places.ts";

type Done = (error: unknown) => void;
interface Environment {
  addFilter(name: string, filter: () => unknown): void;
  render(name: string, context: object, done: Done): void;
}
/** The parts of Nunjucks the project's declarations leave out. */
const { Environment, FileSystemLoader, Template } = nunjucks as unknown as {
  Environment: new (loader: unknown, options: { dev: boolean }) => Environment;
  FileSystemLoader: new (dir: string) => unknown;
  Template: new (
    source: string,
    env: Environment,
    path: string,
  ) => { render(context: object, done: Done): void };
};

/** The templates' folder, and an environment loading from it as Eleventy's does (`dev` keeps causes). */
let dir: string;
let env: Environment;

const TEMPLATES: Record<string, string> = {
  "layout.njk": "<main>\n{% block body %}{% endblock %}\n</main>\n<p>{{ 'x' | nofilter }}</p>\n",
  "page.njk": '{% extends "layout.njk" %}\n{% block body %}fine{% endblock %}\n',
  "part.njk": "<p>a part</p>\n",
  "after-include.njk": '{% include "part.njk" %}\n{{ wall.nothing() }}\n',
  "throws.njk": "{% if true %}\n  {{ 1 | boom }}\n{% endif %}\n",
  "test-in.njk": '{% if "x" in 5 %}{% endif %}\n',
  "wide.njk": "<p>😀 é</p>{{ 1 | nofilter }}\n",
  "crlf.njk": "one\r\ntwo\r\n{{ 1 | nofilter }}\r\n",
  "front-matter.njk": "---\ntitle: a page\n---\n<h1>{{ title }}</h1>\n{{ 1 | nofilter }}\n",
};

beforeAll(async () => {
  placeTemplateErrors();
  // Twice: the second time changes nothing.
  placeTemplateErrors();
  dir = await mkdtemp(path.join(tmpdir(), "tweetwall-places-"));
  for (const [name, text] of Object.entries(TEMPLATES)) await writeFile(path.join(dir, name), text);
  env = new Environment(new FileSystemLoader(dir), { dev: true });
  env.addFilter("boom", () => {
    throw new TypeError("no good");
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The SiteError a render fails with, found as Eleventy finds it: among the causes. */
function failure(render: (done: Done) => void): Promise<SiteError> {
  return new Promise((resolve, reject) => {
    render((error) => {
      for (let link: unknown = error; link; link = (link as { cause?: unknown }).cause) {
        if (link instanceof SiteError) return resolve(link);
      }
      reject(new Error(`no SiteError in ${String(error)}`));
    });
  });
}

const renderFailure = (name: string) => failure((done) => env.render(name, { wall: {} }, done));

describe("placeTemplateErrors", () => {
  test("an unknown filter in a layout is placed in the layout, not the page that extends it", async () => {
    const error = await renderFailure("page.njk");
    expect(error.place).toEqual({ file: path.join(dir, "layout.njk"), line: 4, column: 13 });
    expect(error.reason).toBe("filter not found: nofilter");
  });

  test("a call after an include is placed in the template that makes it, not the one included", async () => {
    const error = await renderFailure("after-include.njk");
    expect(error.place).toEqual({ file: path.join(dir, "after-include.njk"), line: 2, column: 16 });
    expect(error.reason).toBe('Unable to call `wall["nothing"]`, which is undefined or falsey');
  });

  test("a filter that throws is named with what it threw", async () => {
    const error = await renderFailure("throws.njk");
    expect(error.place).toEqual({ file: path.join(dir, "throws.njk"), line: 2, column: 10 });
    expect(error.reason).toBe("the filter boom failed: no good");
  });

  test("an `in` test on something that is not a list or text", async () => {
    const error = await renderFailure("test-in.njk");
    expect(error.place).toMatchObject({ line: 1, column: 7 });
    expect(error.reason).toMatch(/^Cannot use "in" operator/);
  });

  test("columns count characters, as an editor does, not UTF-16 units", async () => {
    expect((await renderFailure("wide.njk")).place).toMatchObject({ line: 1, column: 18 });
  });

  test("lines end at \\r\\n as at \\n", async () => {
    expect((await renderFailure("crlf.njk")).place).toMatchObject({ line: 3, column: 8 });
  });

  test("a page compiled without its front matter is placed at the file's own lines", async () => {
    const file = path.join(dir, "front-matter.njk");
    const body = TEMPLATES["front-matter.njk"]!.split("---\n")[2]!;
    const error = await failure((done) => new Template(body, env, file).render({}, done));
    expect(error.place).toEqual({ file, line: 5, column: 8 });
    expect(frontMatterLines(file)).toBe(3);
  });
});

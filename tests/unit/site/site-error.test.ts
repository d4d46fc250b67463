import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nunjucks from "nunjucks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { describeBuildError } from "../../../src/site/build.ts";
import { readNunjucksError, SiteError } from "../../../src/site/site-error.ts";

type Done = (error: unknown) => void;
/** The parts of Nunjucks the project's declarations leave out. */
const { Environment, FileSystemLoader } = nunjucks as unknown as {
  Environment: new (
    loader: unknown,
    options: { dev: boolean },
  ) => { render(name: string, context: object, done: Done): void };
  FileSystemLoader: new (dir: string) => unknown;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tweetwall-site-error-"));
  await writeFile(path.join(dir, "page.njk"), '<main>{% include "part.njk" %}</main>');
  await writeFile(path.join(dir, "part.njk"), "\n\n  {{ nothing() }}\n");
  await writeFile(path.join(dir, "bad.njk"), "a\n{% frobnicate %}\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The error Nunjucks renders the template with, as Eleventy's environment gives it (`dev` keeps causes). */
function nunjucksError(name: string): Promise<unknown> {
  const env = new Environment(new FileSystemLoader(dir), { dev: true });
  return new Promise((resolve) => env.render(name, {}, resolve));
}

describe("SiteError", () => {
  test("names a file inside the project from the project, one outside it in full", () => {
    expect(new SiteError({ file: "templates/a.njk", line: 3, column: 5 }, "why").message).toBe(
      "templates/a.njk:3:5: why",
    );
    expect(new SiteError({ file: path.resolve("templates/a.njk") }, "why").message).toBe(
      "templates/a.njk: why",
    );
    expect(new SiteError({ file: "/elsewhere/a.njk", line: 1 }, "why").message).toBe(
      "/elsewhere/a.njk:1:1: why",
    );
  });
});

describe("readNunjucksError", () => {
  test("a render error: the innermost template, its place counted from 0, the cause without its type", async () => {
    expect(readNunjucksError(await nunjucksError("page.njk"))).toEqual({
      file: path.join(dir, "part.njk"),
      line: 2,
      column: 12,
      rendering: true,
      cause: "Unable to call `nothing`, which is undefined or falsey",
    });
  });

  test("a compile error: its place counted from 1", async () => {
    expect(readNunjucksError(await nunjucksError("bad.njk"))).toEqual({
      file: path.join(dir, "bad.njk"),
      line: 2,
      column: 4,
      rendering: false,
      cause: "unknown block tag: frobnicate",
    });
  });

  test("an error that is not Nunjucks' is not read, whatever its message holds", () => {
    expect(readNunjucksError(new Error("(./templates/index.njk)\n  Error: looks like one"))).toBeUndefined();
  });
});

describe("describeBuildError", () => {
  test("a Nunjucks error that reached Eleventy unplaced: one line, at the editor's line and column", async () => {
    const error = {
      message: "Having trouble rendering njk template",
      originalError: await nunjucksError("page.njk"),
    };
    expect(await describeBuildError(error)).toEqual([
      `${path.join(dir, "part.njk")}:3:13: Unable to call \`nothing\`, which is undefined or falsey`,
    ]);
    expect(await describeBuildError(await nunjucksError("bad.njk"))).toEqual([
      `${path.join(dir, "bad.njk")}:2:4: unknown block tag: frobnicate`,
    ]);
  });

  test("a SiteError anywhere in the chain is the line", async () => {
    const cause = new SiteError({ file: "templates/a.njk", line: 2, column: 3 }, "why");
    expect(
      await describeBuildError({ message: "outer", originalError: new Error("inner", { cause }) }),
    ).toEqual(["templates/a.njk:2:3: why"]);
  });

  test("anything else: the innermost message's first line", async () => {
    expect(
      await describeBuildError(new Error("outer", { cause: new Error("inner\n    at somewhere") })),
    ).toEqual(["inner"]);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { transform } from "esbuild";
import { beforeEach, describe, expect, test } from "vitest";
import { cachedMinifier } from "../../../src/site/minify.ts";
import { tempDir } from "../../support/temp.ts";

const CSS = ":root {\n  --ink: #111;\n}\n\n/* a comment */\nbody {\n  color: var(--ink);\n}\n";
const JS = "// a comment\nconst answer = 40 + 2;\ndocument.title = String(answer);\n";

describe("cachedMinifier", () => {
  let cacheDir: string;
  beforeEach(async () => {
    cacheDir = path.join(await tempDir("tweetwall-minify-"), "cache");
  });

  test("gives esbuild's minified CSS and JavaScript", async () => {
    const minify = cachedMinifier(cacheDir);
    expect(await minify(CSS, "css")).toBe((await transform(CSS, { loader: "css", minify: true })).code);
    const js = await minify(JS, "js");
    expect(js).not.toContain("comment");
    expect(js).toBe(
      (await transform(JS, { loader: "js", minify: true, format: "esm", target: "es2022" })).code,
    );
  });

  test("a later build reads the stored result instead of minifying again", async () => {
    await cachedMinifier(cacheDir)(CSS, "css");
    const [stored, ...others] = await readdir(cacheDir);
    expect(others).toEqual([]);
    // Only a read of the stored file can return what was planted in it.
    await writeFile(path.join(cacheDir, stored!), "planted");
    expect(await cachedMinifier(cacheDir)(CSS, "css")).toBe("planted");
  });

  test("a changed source is minified anew, not served from the old entry", async () => {
    const minify = cachedMinifier(cacheDir);
    await minify(CSS, "css");
    const changed = await minify(CSS.replace("#111", "#222"), "css");
    expect(changed).toContain("#222");
    expect(await readdir(cacheDir)).toHaveLength(2);
  });

  test("keeps working when the cache cannot be written", async () => {
    const blocker = path.join(path.dirname(cacheDir), "a-file");
    await writeFile(blocker, "not a folder");
    const minify = cachedMinifier(path.join(blocker, "cache"));
    expect(await minify(CSS, "css")).toContain("--ink: #111}body{");
    expect(await readFile(blocker, "utf8")).toBe("not a folder");
  });
});

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { fromNunjucksMessage, SiteError } from "./site-error.ts";

/**
 * Compiles every template before anything is rendered, so a syntax error fails the build at its
 * file, line and column. Nunjucks drops an error raised in an `{% include %}` inside an `{% if %}`
 * and renders the rest of the page without a word (mozilla/nunjucks#925, 11ty/eleventy#3303):
 * a broken partial would otherwise publish a wall without its tweets. Whole files, front matter
 * and all, so lines are counted as in the editor.
 */
export async function checkTemplates(inputDir: string): Promise<void> {
  // Compiling needs no loader: what a template includes is compiled as a template of its own.
  const environment = new nunjucks.Environment();
  for (const file of await templatesUnder(inputDir)) {
    const source = await readFile(file, "utf8");
    try {
      new nunjucks.Template(source, environment, file, true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw fromNunjucksMessage(message) ?? new SiteError({ file }, message.trim());
    }
  }
}

async function templatesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".njk"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

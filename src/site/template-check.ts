import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { placeAt } from "../tweet/place.ts";
import { SiteError } from "./site-error.ts";
import { placeTemplateErrors } from "./template-places.ts";

/** A Nunjucks token or error place: lines and columns from 0, columns in UTF-16 units. */
interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

/** The parts of Nunjucks this module uses that its type declarations leave out. */
const internals = nunjucks as unknown as {
  compiler: { compile(source: string, asyncFilters: string[], extensions: unknown[], name: string): string };
  lexer: { lex(source: string): { nextToken(): Token | null } };
  parser: { parse(source: string): { findAll(type: unknown): TemplateReference[] } };
  nodes: Record<"Include" | "Extends" | "Import" | "FromImport", unknown>;
};

/** An `{% include %}`, `{% extends %}`, `{% import %}` or `{% from %}` node. */
interface TemplateReference {
  lineno: number;
  colno: number;
  template: { typename: string; value?: unknown };
}

/** The tags that open a block, each with the tag that closes it. */
const CLOSING_TAGS: Record<string, string> = {
  if: "endif",
  for: "endfor",
  asyncEach: "endeach",
  asyncAll: "endall",
  block: "endblock",
  macro: "endmacro",
  call: "endcall",
  filter: "endfilter",
  switch: "endswitch",
  set: "endset",
};

/**
 * Compiles every template before anything is rendered, so a syntax error fails the build at its
 * file, line and column. Nunjucks drops a syntax error in a template it includes inside an
 * `{% if %}` and renders the rest of the page without a word (mozilla/nunjucks#925, 11ty/eleventy#3303):
 * a broken partial would otherwise publish a wall without its tweets. Whole files, front matter
 * and all, so lines are counted as in the editor. Errors the templates raise while rendering are
 * placed by placeTemplateErrors.
 */
export async function checkTemplates(inputDir: string): Promise<void> {
  placeTemplateErrors();
  for (const file of await templatesUnder(inputDir)) {
    const source = await readFile(file, "utf8");
    try {
      internals.compiler.compile(source, [], [], file);
    } catch (error) {
      throw syntaxError(file, source, error);
    }
  }
}

/** The .njk files under the folder, sorted. */
async function templatesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".njk"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The first place a template names `name` in an include, extends, import or from tag, looking
 * in `first` before the others: where a "template not found" error comes from (Nunjucks names
 * no line for it, and may charge it to the wrong template).
 */
export async function findTemplateReference(
  inputDir: string,
  name: string,
  first?: string,
): Promise<{ file: string; line: number; column: number } | undefined> {
  const files = await templatesUnder(inputDir);
  const firstPath = first && path.resolve(first);
  files.sort((a, b) => Number(path.resolve(b) === firstPath) - Number(path.resolve(a) === firstPath));
  for (const file of files) {
    const source = await readFile(file, "utf8");
    let references: TemplateReference[];
    try {
      const root = internals.parser.parse(source);
      references = [
        internals.nodes.Include,
        internals.nodes.Extends,
        internals.nodes.Import,
        internals.nodes.FromImport,
      ]
        .flatMap((type) => root.findAll(type))
        .sort((a, b) => a.lineno - b.lineno || a.colno - b.colno);
    } catch {
      continue;
    }
    const reference = references.find(
      ({ template }) => template.typename === "Literal" && template.value === name,
    );
    if (reference) return { file, ...editorPlace(source, reference.lineno, reference.colno) };
  }
  return undefined;
}

/** Where Nunjucks' 0-based line and column (UTF-16 units, lines at \n) are, as an editor counts. */
export function editorPlace(source: string, line: number, column: number): { line: number; column: number } {
  let lineStart = 0;
  for (let i = 0; i < line; i++) {
    const next = source.indexOf("\n", lineStart);
    if (next === -1) break;
    lineStart = next + 1;
  }
  return placeAt(source, lineStart + column);
}

/** Nunjucks' compile error as a SiteError at its place, with the tag or block left open when it helps. */
function syntaxError(file: string, source: string, error: unknown): SiteError {
  const { message, lineno, colno } = error as { message?: unknown; lineno?: unknown; colno?: unknown };
  const reason = String(message ?? error).trim();
  if (typeof lineno === "number" && typeof colno === "number") {
    // Nunjucks counts the lines and columns of a compile error from 1.
    const at = { lineno: lineno - 1, colno: colno - 1 };
    const open = openTags(source, at);
    const endTag = /^unknown block tag: (end\w+)$/.exec(reason)?.[1];
    const block = open?.blocks.at(-1);
    // A `{{` or `{%` left open runs on into the lines after it, where Nunjucks stops.
    const unclosed =
      open?.tag && open.tag.lineno < at.lineno
        ? { shown: open.tag.name, ...open.tag }
        : endTag && block && CLOSING_TAGS[block.name] !== endTag
          ? { shown: `{% ${block.name} %}`, ...block }
          : undefined;
    const hint = unclosed
      ? ` (the ${unclosed.shown} at line ${unclosed.place.line}, column ${unclosed.place.column} is not closed)`
      : "";
    return new SiteError({ file, ...editorPlace(source, at.lineno, at.colno) }, `${reason}${hint}`);
  }
  // Nunjucks names no place when the file ends inside a tag or block: its opening is the place.
  const open = openTags(source);
  if (open?.tag) {
    return new SiteError(
      { file, ...open.tag.place },
      `${open.tag.name} is not closed: the file ends inside it`,
    );
  }
  const block = open?.blocks.at(-1);
  if (block) {
    return new SiteError(
      { file, ...block.place },
      `{% ${block.name} %} is not closed: the file ends before its {% ${CLOSING_TAGS[block.name]} %}`,
    );
  }
  return new SiteError({ file, ...placeAt(source, source.length) }, reason);
}

interface OpenTag {
  /** The block's tag name, or the delimiter of a tag left open. */
  name: string;
  lineno: number;
  place: { line: number; column: number };
}

/**
 * What is open at `until` (or at the end of the file): the blocks, outermost first, and the
 * `{{` or `{%` tag being read, if any. Undefined when the blocks do not nest or the text does not
 * lex.
 */
function openTags(
  source: string,
  until?: { lineno: number; colno: number },
): { blocks: OpenTag[]; tag: OpenTag | undefined } | undefined {
  const blocks: OpenTag[] = [];
  let tag: OpenTag | undefined;
  const opened = (token: Token, name: string) => ({
    name,
    lineno: token.lineno,
    place: editorPlace(source, token.lineno, token.colno),
  });
  try {
    const tokens = internals.lexer.lex(source);
    const next = () => {
      let token = tokens.nextToken();
      while (token?.type === "whitespace") token = tokens.nextToken();
      if (
        token &&
        until &&
        (token.lineno > until.lineno || (token.lineno === until.lineno && token.colno >= until.colno))
      ) {
        return null;
      }
      return token;
    };
    for (let token = next(); token; token = next()) {
      if (token.type === "variable-start") tag = opened(token, "{{");
      if (token.type === "variable-end" || token.type === "block-end") tag = undefined;
      if (token.type !== "block-start") continue;
      tag = opened(token, "{%");
      const name = next();
      if (!name || name.type !== "symbol") continue;
      if (Object.hasOwn(CLOSING_TAGS, name.value)) {
        // `{% set x = … %}` is a statement; only `{% set x %}…{% endset %}` opens a block.
        if (name.value === "set" && assigns(next)) {
          tag = undefined;
          continue;
        }
        blocks.push(opened(name, name.value));
      } else if (name.value.startsWith("end")) {
        if (CLOSING_TAGS[blocks.at(-1)?.name ?? ""] !== name.value) return undefined;
        blocks.pop();
      }
    }
  } catch {
    return undefined;
  }
  return { blocks, tag };
}

/** Reads the rest of a `{% set %}` tag: whether it assigns with `=`. */
function assigns(next: () => Token | null): boolean {
  for (let token = next(); token && token.type !== "block-end"; token = next()) {
    if (token.type === "operator" && token.value === "=") return true;
  }
  return false;
}

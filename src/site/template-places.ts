import { readFileSync } from "node:fs";
import nunjucks from "nunjucks";
import { placeAt } from "../tweet/place.ts";
import { SiteError } from "./site-error.ts";

/** A Nunjucks syntax tree node; lines and columns count from 0, columns in UTF-16 units. */
interface TemplateNode {
  lineno: number;
  colno: number;
  name?: { value?: unknown };
}

/** The parts of Nunjucks' compiler and runtime this module hooks into: none of them public. */
interface NunjucksInternals {
  Template: { prototype: { _compile(this: TemplateBeingCompiled): void } };
  compiler: { Compiler: { prototype: Record<CompiledKind, CompileMethod> } };
  runtime: Record<string, unknown>;
}
interface TemplateBeingCompiled {
  path: string | null;
  tmplStr: unknown;
}
interface Compiler {
  _emit(code: string): void;
}
type CompileMethod = (this: Compiler, node: TemplateNode, frame: unknown) => void;
type CompiledKind = "compileFilter" | "compileFunCall" | "compileIn";

const internals = nunjucks as unknown as NunjucksInternals;

/** The runtime helper's name, as the compiled templates call it. */
const HELPER = "tweetwallPlaced";

/** The template being compiled, as its file holds it, while Nunjucks compiles it. */
let compiling: { file: string; text: string; start: number; lineStarts: number[] } | undefined;

/** For each template compiled from part of its file (after front matter), the lines before it. */
const linesBefore = new Map<string, number>();

/**
 * Nunjucks names a runtime error's place from variables its compiled code updates only at
 * function calls, counted from 0 and after any front matter; an error in a filter has no line at
 * all, and one raised in a layout or after an include is charged to another template
 * (mozilla/nunjucks#975, #1287, #1429, #673, open since 2016 on a library no longer released). From
 * here on, every template Nunjucks compiles wraps each filter, function call and `in` test in a
 * helper that turns what it throws into a SiteError at that expression's place in the editor.
 */
export function placeTemplateErrors(): void {
  if (HELPER in internals.runtime) return;
  internals.runtime[HELPER] = placed;

  const template = internals.Template.prototype;
  const compileTemplate = template._compile;
  template._compile = function () {
    const outer = compiling;
    compiling = sourceOf(this);
    try {
      compileTemplate.call(this);
    } finally {
      compiling = outer;
    }
  };

  const compiler = internals.compiler.Compiler.prototype;
  for (const kind of ["compileFilter", "compileFunCall", "compileIn"] as const) {
    const compile = compiler[kind];
    compiler[kind] = function (node, frame) {
      const place = compiling && placeOf(compiling, node);
      if (!place) return compile.call(this, node, frame);
      const filter = kind === "compileFilter" ? JSON.stringify(node.name?.value) : "null";
      this._emit(`runtime.${HELPER}(${JSON.stringify(place)}, ${filter}, function () { return `);
      compile.call(this, node, frame);
      this._emit("; })");
    };
  }
}

/**
 * How many lines of the template's file come before the text Nunjucks compiled (Eleventy
 * compiles a page without its front matter), for a place Nunjucks counted itself.
 */
export function frontMatterLines(file: string): number {
  return linesBefore.get(file) ?? 0;
}

function placed<T>(
  place: { file: string; line: number; column: number },
  filter: string | null,
  run: () => T,
): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SiteError) throw error;
    const cause = innermostMessage(error);
    const reason =
      filter === null || cause === `filter not found: ${filter}`
        ? cause
        : `the filter ${filter} failed: ${cause}`;
    throw new SiteError(place, reason);
  }
}

/** Eleventy wraps a filter's error in one of its own that only names the filter. */
function innermostMessage(error: unknown): string {
  let innermost = error;
  for (;;) {
    const next =
      (innermost as { originalError?: unknown; cause?: unknown } | undefined)?.originalError ??
      (innermost as { cause?: unknown } | undefined)?.cause;
    if (!(next instanceof Error)) break;
    innermost = next;
  }
  return (innermost instanceof Error ? innermost.message : String(innermost)).split("\n")[0]!.trim();
}

function sourceOf(template: TemplateBeingCompiled): typeof compiling {
  const source = template.tmplStr;
  const file = template.path;
  if (typeof source !== "string" || !file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  // Eleventy compiles a page without its front matter, the rest of the file; and a permalink
  // from the front matter on its own, found where it is written once.
  let start: number;
  if (text.endsWith(source)) {
    start = text.length - source.length;
    const before = placeAt(text, start).line - 1;
    if (before > 0) linesBefore.set(file, before);
    else linesBefore.delete(file);
  } else {
    start = text.indexOf(source);
    if (start === -1 || text.includes(source, start + 1)) return undefined;
  }
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { file, text, start, lineStarts };
}

/** Where the node is in the file, as an editor counts (Nunjucks counts lines at \n alone). */
function placeOf(
  { file, text, start, lineStarts }: NonNullable<typeof compiling>,
  node: TemplateNode,
): { file: string; line: number; column: number } | undefined {
  const lineStart = lineStarts[node.lineno];
  if (lineStart === undefined) return undefined;
  return { file, ...placeAt(text, start + lineStart + node.colno) };
}

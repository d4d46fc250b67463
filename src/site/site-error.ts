import path from "node:path";

/**
 * Something in the site's own files (a template, the stylesheet, a script) that stops the build,
 * with its place when known: printed as one line, `file:line:column: cause`.
 */
export class SiteError extends Error {
  override readonly name = "SiteError";

  constructor(
    readonly place: { file: string; line?: number | undefined; column?: number | undefined },
    readonly reason: string,
  ) {
    const file = path.relative(process.cwd(), path.resolve(place.file)) || place.file;
    const where = place.line === undefined ? file : `${file}:${place.line}:${place.column ?? 1}`;
    super(`${where}: ${reason}`);
  }
}

/**
 * Nunjucks names a template's place inside its message, `(path) [Line 3, Column 29]`, once for
 * each template the error passed through, innermost last; the cause follows. As a SiteError at
 * the innermost place, or undefined for a message that names no template.
 */
export function fromNunjucksMessage(message: string): SiteError | undefined {
  const places = [...message.matchAll(/\(([^()\n]+\.njk)\)(?:\s*\[Line (\d+), Column (\d+)\])?/g)];
  const innermost = places.at(-1);
  if (!innermost) return undefined;
  const cause = message
    .slice(innermost.index + innermost[0].length)
    .split("\n")
    .map((line) => line.trim().replace(/^(?:Template render error:?\s*)?(?:Error:\s*)?/, ""))
    .filter(Boolean)
    .join(" ");
  const [, file, line, column] = innermost;
  return new SiteError(
    { file: file!, ...(line === undefined ? {} : { line: Number(line), column: Number(column) }) },
    cause || "the template could not be rendered",
  );
}

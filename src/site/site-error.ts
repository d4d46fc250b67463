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
    // Relative to the project when inside it, as the curator's editor shows it.
    const absolute = path.resolve(place.file);
    const relative = path.relative(process.cwd(), absolute);
    const file =
      relative && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative) ? relative : absolute;
    const where = place.line === undefined ? file : `${file}:${place.line}:${place.column ?? 1}`;
    super(`${where}: ${reason}`);
  }
}

/** What a Nunjucks error says: the innermost template it passed through, its place there, its cause. */
export interface NunjucksReport {
  file: string;
  /** As Nunjucks counts them: from 1 for a compile error, from 0 for one raised while rendering. */
  line?: number;
  column?: number;
  /** Raised while rendering, not while compiling. */
  rendering: boolean;
  cause: string;
}

/**
 * Nunjucks starts its error's message with one `(path)` line for each template the error passed
 * through, innermost last, the innermost with `[Line 3, Column 29]` when it knows the place; the
 * cause follows, as `TypeError: …` when it was raised while rendering. Undefined for an error
 * that is not Nunjucks'.
 */
export function readNunjucksError(error: unknown): NunjucksReport | undefined {
  if (!(error instanceof Error) || typeof (error as { Update?: unknown }).Update !== "function")
    return undefined;
  const lines = error.message.split("\n");
  let innermost: RegExpExecArray | undefined;
  let index = 0;
  for (; index < lines.length; index++) {
    const place = /^\s*\((.+)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?$/.exec(lines[index]!);
    if (!place) break;
    innermost = place;
  }
  if (!innermost) return undefined;
  const rendering = (error as { cause?: unknown }).cause instanceof Error;
  const cause = lines
    .slice(index)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ")
    .replace(rendering ? /^\w*Error: / : /^$/, "");
  const [, file, line, column] = innermost;
  return {
    file: file!,
    ...(line === undefined ? {} : { line: Number(line) }),
    ...(column === undefined ? {} : { column: Number(column) }),
    rendering,
    cause: cause || "the template could not be rendered",
  };
}

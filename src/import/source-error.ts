/**
 * A problem in a file being imported, with its place when known (1-based line and column),
 * what is wrong and what was expected: printed as one line, `file:line:column: problem, expected …`.
 */
export class SourceError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly problem: string;
  readonly expected: string;

  constructor(place: { file: string; line?: number; column?: number }, problem: string, expected: string) {
    const where = place.line === undefined ? place.file : `${place.file}:${place.line}:${place.column ?? 1}`;
    super(`${where}: ${problem}, expected ${expected}`);
    this.file = place.file;
    this.line = place.line;
    this.column = place.line === undefined ? undefined : (place.column ?? 1);
    this.problem = problem;
    this.expected = expected;
  }
}

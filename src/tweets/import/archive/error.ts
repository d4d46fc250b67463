/**
 * A problem with an X archive, with its place: the file (a path, or `archive.zip!data/tweets.js`
 * inside a zip) and, where it can be found, the 1-based line and column.
 */
export class ArchiveError extends Error {
  override readonly name = "ArchiveError";
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** What is wrong, e.g. `tweet 1600537548036857856 (element 3) has the date "yesterday", which can't be read`. */
  readonly problem: string;
  /** What the importer expected instead. */
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

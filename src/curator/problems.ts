/** One thing wrong with the curator's input, located precisely enough to fix without searching. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** 1-based position of the tweet in the file, when the problem is inside one. */
  tweet?: number;
  /** Dotted path of the field inside the tweet (or the file), e.g. `author.handle`. */
  field?: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function formatProblem({ file, line, column, tweet, field, message }: Problem): string {
  const where = [tweet === undefined ? undefined : `tweet ${tweet}`, field && `field "${field}"`]
    .filter(Boolean)
    .join(", ");
  return `${file}:${line}:${column}: ${where ? `${where}: ` : ""}${message}`;
}

/** Every problem found in the curator's files, thrown only where a caller cannot take a value. */
export class CuratorProblems extends Error {
  override readonly name = "CuratorProblems";

  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

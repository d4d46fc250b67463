/** The bench's table: one row a measurement, judged against its budget where it has one. */

export interface Row {
  case: string;
  measured: string;
  budget: string;
  verdict: "✓" | "✗" | "";
}

export function judged(name: string, measured: string, budget: string, met: boolean): Row {
  return { case: name, measured, budget, verdict: met ? "✓" : "✗" };
}

/** A measurement reported for the record, with no budget to meet. */
export function reported(name: string, measured: string): Row {
  return { case: name, measured, budget: "", verdict: "" };
}

/** A case that could not be measured (the build broke, a file was missing) misses its budget. */
export function broken(name: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return { case: name, measured: `error: ${message.split("\n")[0]}`, budget: "", verdict: "✗" };
}

export function tally(rows: Row[]): string {
  const met = rows.filter((row) => row.verdict === "✓").length;
  const missed = rows.filter((row) => row.verdict === "✗").length;
  return `budgets: ${met} met, ${missed} missed`;
}

export const KIB = 1024;

export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} B`;
}

export function formatRatio(ours: number, bare: number): string {
  return `${(ours / bare).toFixed(2)}×`;
}

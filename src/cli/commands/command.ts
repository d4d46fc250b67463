import type { ParseArgsConfig } from "node:util";

export type Values = Record<string, string | boolean | undefined>;

/** One command of the CLI: its help, its options (node:util parseArgs), and what it runs. */
export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Values, operands: string[]): Promise<number>;
}

/** A string option's value, if given. */
export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

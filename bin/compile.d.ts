export interface CompiledCli {
  /** The CLI module; its `main(argv)` runs one command line. */
  cli: string;
}

export function compileCli(): Promise<CompiledCli>;

export class CompileError extends Error {}

/** The polyfill imports the compiled CLI (and the tests) leave out: Node 20 has these natively. */
export const NATIVE_IN_NODE_20: RegExp;

export interface CompiledCli {
  /** The CLI module; its `main(argv, compiled)` runs one command line. */
  cli: string;
  /** The Eleventy config, compiled to JavaScript Eleventy can import. */
  eleventyConfig: string;
}

export function compileCli(): Promise<CompiledCli>;

export class CompileError extends Error {}

/** The polyfill imports the compiled CLI (and the tests) leave out: Node 20 has these natively. */
export const NATIVE_IN_NODE_20: RegExp;

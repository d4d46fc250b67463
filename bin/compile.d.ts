export interface CompiledCli {
  /** The CLI module; its `main(argv, compiled)` runs one command line. */
  cli: string;
  /** The Eleventy config, compiled to JavaScript Eleventy can import. */
  eleventyConfig: string;
}

export function compileCli(): Promise<CompiledCli>;

export class CompileError extends Error {}

/** The slice of Eleventy's configuration API this project uses (Eleventy ships no TypeScript types). */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addWatchTarget(target: string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addShortcode(name: string, shortcode: (...args: never[]) => unknown): void;
  addPlugin<Options>(plugin: (config: EleventyConfig, options: Options) => void, options?: Options): void;
  addTemplateFormats(formats: string): void;
  addTransform(name: string, transform: (this: TransformContext, content: unknown) => unknown): void;
  on(event: "eleventy.before" | "eleventy.after", handler: () => void | Promise<void>): void;
  setInputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string): void;
  setServerOptions(options: Record<string, unknown>): void;
  setWatchThrottleWaitTime(ms: number): void;
  setUseGitIgnore(use: boolean): void;
  ignores: { add(glob: string): void };
  directories: { input: string; output: string };
  watchIgnores: { add(glob: string): void };
}

/** What Eleventy gives a transform as `this`: the page being written. */
export interface TransformContext {
  page: { url: string | false; inputPath: string; outputPath: string | false };
}

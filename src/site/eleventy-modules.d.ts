// Eleventy 3 ships no type declarations; this is the programmatic API the CLI uses.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    disableLogger(): void;
    setIsVerbose(verbose: boolean): void;
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { EleventyConfig } from "./eleventy-types.ts";
  const rssPlugin: (eleventyConfig: EleventyConfig) => void;
  export default rssPlugin;
}

declare module "@11ty/eleventy-img" {
  interface ImageEntry {
    url: string;
    srcset: string;
    sourceType: string;
    width: number;
    height: number;
  }
  interface ImageOptions {
    widths: (number | "auto")[];
    formats: string[];
    outputDir: string;
    urlPath: string;
  }
  export default function Image(source: string, options: ImageOptions): Promise<Record<string, ImageEntry[]>>;
}

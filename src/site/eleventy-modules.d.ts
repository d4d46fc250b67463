// Eleventy 3 ships no type declarations; this is the programmatic API the CLI uses.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    configPath?: string;
    /** Called with Eleventy's configuration API before any configuration file. */
    config?: (eleventyConfig: import("./eleventy-types.ts").EleventyConfig) => void | Promise<void>;
    pathPrefix?: string;
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

declare module "@11ty/eleventy-img" {
  interface ImageEntry {
    url: string;
    srcset: string;
    sourceType: string;
    width: number;
    height: number;
    filename: string;
    outputPath: string;
  }
  interface ImageOptions {
    widths: (number | "auto")[];
    formats: string[];
    outputDir: string;
    urlPath: string;
  }
  export default function Image(source: string, options: ImageOptions): Promise<Record<string, ImageEntry[]>>;
}

declare module "@11ty/eleventy-dev-server" {
  type DevServerResponse =
    string | { status?: number; headers?: Record<string, string>; body?: string } | undefined;
  interface DevServerOptions {
    pathPrefix?: string;
    domDiff?: boolean;
    portReassignmentRetryCount?: number;
    messageOnStart?: () => string;
    logger?: { info(message: string): void; log(message: string): void; error(message: string): void };
    onRequest?: Record<string, (request: { url: URL }) => Promise<DevServerResponse> | DevServerResponse>;
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    reload(event: Record<string, unknown>): void;
    close(): Promise<void>;
  }
}

declare module "nunjucks" {
  class Environment {}
  class Template {
    constructor(source: string, env: Environment, path: string, eagerCompile: boolean);
  }
  const nunjucks: { Environment: typeof Environment; Template: typeof Template };
  export default nunjucks;
}

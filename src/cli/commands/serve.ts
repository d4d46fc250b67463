import path from "node:path";
import { wallFilesFromEnv } from "../../curator/files.ts";
import { checkOutput, PUBLISHED_SITE } from "../output.ts";
import { usageError } from "../report.ts";
import type { Command } from "./command.ts";

const USAGE = `tweetwall serve [--port N] [--output DIR]

Previews the wall on http://localhost:8080 (or N), built into DIR (default _preview/, never the
published _site/). Every save in data/ and templates/ rebuilds it and reloads the page; a save in
src/ restarts the builder with the new code. While a save does not build, every page shows its
problems, with file and line, until the next good save.`;

export const serve: Command = {
  summary: "preview on http://localhost:8080, reloading on every save",
  usage: USAGE,
  options: {
    port: { type: "string", default: "8080" },
    output: { type: "string", default: "_preview" },
    // The preview's own builder process (see src/site/preview/builder.ts), not for the curator.
    builder: { type: "boolean", default: false },
  },
  async run(values) {
    const port = Number(values.port);
    const outputDir = String(values.output);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return usageError("serve", "--port expects a number from 1 to 65535");
    }
    if (values.builder === true) {
      const { runBuilder } = await import("../../site/preview/builder.ts");
      return runBuilder(outputDir);
    }
    const files = wallFilesFromEnv();
    if (path.resolve(outputDir) === path.resolve(PUBLISHED_SITE)) {
      return usageError("serve", `${PUBLISHED_SITE} is the published site, which the preview never writes`);
    }
    // The preview replaces its folder on every save, so it is held to the build's rules, and
    // the published site is never it.
    const output = await checkOutput(outputDir, files, { besides: [PUBLISHED_SITE] });
    if (typeof output === "string") return usageError("serve", output);
    const { runPreview } = await import("../../site/preview/server.ts");
    return runPreview({
      port,
      outputDir: output.realPath,
      files,
      builderCommand: [process.argv[1]!, "serve", "--builder", "--output", output.realPath],
    });
  },
};

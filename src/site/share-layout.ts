import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** A font as satori takes it. */
export interface SatoriFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: "normal";
}

/**
 * Satori on a thread of its own: it lays text out in JavaScript, some 15–35 ms an image, and on
 * the main thread that time would add to Eleventy's rendering instead of running beside it.
 * The thread's code is this string rather than a file, so the CLI's bundle needs no second entry.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { satoriFile, width, height, fonts } = workerData;
const satori = require(satoriFile).default;
parentPort.on("message", async ({ id, tree }) => {
  try {
    // Glyphs the fonts lack (emoji, CJK…) are not fetched: builds stay offline.
    const svg = await satori(tree, { width, height, fonts, loadAdditionalAsset: async () => [] });
    parentPort.postMessage({ id, svg });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

export interface LayoutThread {
  /** The tree as an SVG whose text is paths. */
  layout(tree: object): Promise<string>;
  /** Until it stops: a preview keeps its thread from build to build, warm. */
  readonly alive: boolean;
  close(): Promise<void>;
}

export function startLayoutThread(
  size: { width: number; height: number },
  fonts: SatoriFont[],
): LayoutThread {
  // Satori's CommonJS build: the thread's code is a script.
  const satoriFile = createRequire(import.meta.url).resolve("satori");
  const worker = new Worker(THREAD_CODE, {
    eval: true,
    workerData: {
      satoriFile,
      ...size,
      fonts: fonts.map((font) => ({ ...font, data: new Uint8Array(font.data) })),
    },
  });
  const waiting = new Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  let alive = true;
  // An idle thread does not keep the process alive; one with work to do does.
  worker.unref();
  worker.on("message", ({ id, svg, error }: { id: number; svg?: string; error?: string }) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    if (svg !== undefined) call?.resolve(svg);
    else call?.reject(new Error(`a share image could not be laid out: ${error}`));
  });
  const failAll = (error: Error) => {
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", () => {
    alive = false;
    failAll(new Error("the share images' layout thread stopped"));
  });
  return {
    layout: (tree) =>
      new Promise((resolve, reject) => {
        const id = next++;
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, tree });
      }),
    get alive() {
      return alive;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

/** Debian's chromium; the tests never download a browser of their own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

// Quiet and offline: no sync, no component or safe-browsing updates, no QUIC probes.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export interface LaunchedChromium {
  /** Make one context per viewport or colour scheme with `browser.newContext(…)`. */
  browser: Browser;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Launches headless chromium on a fresh, throwaway profile. Playwright's plain `launch` refuses a
 * `--user-data-dir` argument, so the profile comes from `launchPersistentContext`; the tests then
 * open ordinary isolated contexts on the browser behind it.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), "tweetwall-chromium-"));
  try {
    const persistent = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const browser = persistent.browser();
    if (!browser) throw new Error(`${CHROMIUM_PATH} started without a browser behind its persistent context`);
    return {
      browser,
      async close() {
        await persistent.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".mp4": "video/mp4",
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a random port, the way a static host would: `/` is `/index.html`. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer((request, response) => {
    answer(base, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function answer(base: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return reply(response, 405, "text/plain; charset=utf-8", "only GET and HEAD", request.method);
  }
  const file = await fileFor(base, request.url ?? "/");
  if (!file) return reply(response, 404, "text/plain; charset=utf-8", "not found", request.method);
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return reply(response, 200, type, await readFile(file), request.method);
}

function reply(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  method: string | undefined,
): void {
  response.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  response.end(method === "HEAD" ? undefined : body);
}

/** The file a URL names inside `base`, or undefined when there is none (or it would escape `base`). */
async function fileFor(base: string, url: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://127.0.0.1").pathname);
  } catch {
    return undefined;
  }
  let file = path.join(base, pathname);
  if (file !== base && !file.startsWith(base + path.sep)) return undefined;
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, "index.html");
    info = await stat(file).catch(() => undefined);
  }
  return info?.isFile() ? file : undefined;
}

declare global {
  interface Window {
    /** The sum of every layout shift since the page began, as `openWatched` records it. */
    __layoutShift?: number;
    /** Each Content-Security-Policy violation, as `openWatched` records it. */
    __cspViolations?: string[];
  }
}

/**
 * `address` on `server` in a fresh context of its own, offline (any other origin is refused),
 * summing every layout shift in `window.__layoutShift` and listing CSP violations in
 * `window.__cspViolations`; closed once `run` is done.
 */
export async function openWatched<T>(
  browser: Browser,
  server: StaticServer,
  address: string,
  options: BrowserContextOptions,
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => route.abort("blockedbyclient"),
    );
    await context.addInitScript(() => {
      window.__layoutShift = 0;
      window.__cspViolations = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
          window.__layoutShift! += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
      });
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}${address}`, { waitUntil: "load" });
    return await run(page);
  } finally {
    await context.close();
  }
}

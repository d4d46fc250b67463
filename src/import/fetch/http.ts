import { setTimeout as sleep } from "node:timers/promises";
import type { FetchSettings } from "./settings.ts";

/** What one GET came to: a whole answer (any status), a body over its cap, or no answer at all. */
export type HttpResult =
  | { kind: "answer"; status: number; headers: Headers; body: Buffer }
  | { kind: "too-large"; bytes: number }
  | { kind: "failed"; reason: string };

export interface GetOptions {
  /** The body is abandoned as soon as it is known to be larger. */
  maxBytes: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * GETs `url`, retrying on 429, 5xx, a timeout or a network error: after `Retry-After` when X
 * sends one (up to `maxRetryAfterMs`), else after `backoffMs`, doubled on each retry. The last
 * answer is returned as it is, so a 503 that never ends is the caller's to name. A redirect is
 * followed only on the same scheme, host and port: never to a host nobody checked.
 */
export async function httpGet(
  url: string,
  settings: FetchSettings,
  options: GetOptions,
): Promise<HttpResult> {
  let at = url;
  for (let redirects = 0; ; redirects++) {
    const result = await getRetrying(at, settings, options);
    const location =
      result.kind === "answer" && REDIRECTS.has(result.status) && result.headers.get("location");
    if (!location) return result;
    const next = URL.canParse(location, at) ? new URL(location, at) : undefined;
    if (next?.origin !== new URL(at).origin) {
      return { kind: "failed", reason: `redirected to another host, not followed: ${location}` };
    }
    if (redirects >= MAX_REDIRECTS) return { kind: "failed", reason: "redirected too many times" };
    at = next.href;
  }
}

async function getRetrying(url: string, settings: FetchSettings, options: GetOptions): Promise<HttpResult> {
  for (let attempt = 0; ; attempt++) {
    const result = await getOnce(url, settings, options);
    const retryable =
      result.kind === "failed" ||
      (result.kind === "answer" && (result.status === 429 || result.status >= 500));
    if (!retryable || attempt >= settings.retries) return result;
    const asked = result.kind === "answer" ? retryAfterMs(result.headers.get("retry-after")) : undefined;
    if (asked !== undefined && asked > settings.maxRetryAfterMs) {
      return { kind: "failed", reason: `X asks to wait ${Math.ceil(asked / 1000)} s before trying again` };
    }
    await sleep(asked ?? settings.backoffMs * 2 ** attempt);
  }
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: whole seconds, or an HTTP date
 * (0 when it has passed). Undefined when there is none or it can't be read.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day of the week; a bare number with a sign or a point is no date.
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function getOnce(url: string, settings: FetchSettings, options: GetOptions): Promise<HttpResult> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // The timeout covers the wait for the headers and then each wait for more of the body, so a
  // large video downloads as long as it keeps coming.
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
  };
  arm();
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: "manual" });
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > options.maxBytes) {
      controller.abort();
      return { kind: "too-large", bytes: declared };
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        arm();
        bytes += chunk.byteLength;
        // Leaving the loop cancels the body; aborting inside it would throw instead.
        if (bytes > options.maxBytes) break;
        chunks.push(chunk);
      }
    }
    if (bytes > options.maxBytes) {
      controller.abort();
      return { kind: "too-large", bytes };
    }
    return {
      kind: "answer",
      status: response.status,
      headers: response.headers,
      body: Buffer.concat(chunks),
    };
  } catch (error) {
    if (timedOut) return { kind: "failed", reason: `no answer within ${seconds(settings.timeoutMs)}` };
    return { kind: "failed", reason: networkReason(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** undici says "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND…) in its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === "string") return `network error (${cause.code})`;
  if (typeof cause?.message === "string") return `network error (${cause.message})`;
  return `network error (${error instanceof Error ? error.message : String(error)})`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

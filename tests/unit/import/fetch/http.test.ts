import { createServer } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { httpGet, retryAfterMs } from "../../../../src/import/fetch/http.ts";
import { fetchSettingsFromEnv } from "../../../../src/import/fetch/settings.ts";
import { mp4Variants } from "../../../../src/import/fetch/convert.ts";

describe("retryAfterMs", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  test.each([
    ["120", 120_000],
    ["0", 0],
    ["Wed, 01 May 2024 12:00:30 GMT", 30_000],
    ["Wed, 01 May 2024 11:00:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["1.5", undefined],
    [null, undefined],
  ])("%s → %s ms", (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe("mp4Variants", () => {
  test("keeps the MP4s, the highest bitrate first, and leaves out HLS playlists", () => {
    const variants = [
      { bitrate: 832000, content_type: "video/mp4", url: "mid.mp4" },
      { content_type: "application/x-mpegURL", url: "list.m3u8" },
      { bitrate: 2176000, content_type: "video/mp4", url: "high.mp4" },
      { bitrate: 256000, content_type: "video/mp4", url: "low.mp4" },
    ];
    expect(mp4Variants({ video_info: { variants } })).toEqual(["high.mp4", "mid.mp4", "low.mp4"]);
  });
});

describe("httpGet", () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  /** A server answering each request with the next of `answers`: [status, headers, body]. */
  async function serve(
    answers: [number, Record<string, string>, string][],
  ): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createServer((_, response) => {
      const [status, headers, body] = answers[Math.min(hits++, answers.length - 1)]!;
      response.writeHead(status, headers).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    close = () => server.close();
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, hits: () => hits };
  }

  const settings = fetchSettingsFromEnv({}, { timeoutMs: 500, backoffMs: 10, retries: 2 });

  test("retries a 503 and a 429 with Retry-After, then takes the answer", async () => {
    const { url, hits } = await serve([
      [503, {}, "busy"],
      [429, { "retry-after": "0" }, "slow down"],
      [200, {}, "done"],
    ]);
    const result = await httpGet(url, settings, { maxBytes: 100 });
    expect(result.kind === "answer" && [result.status, result.body.toString()]).toEqual([200, "done"]);
    expect(hits()).toBe(3);
  });

  test("gives up on a Retry-After longer than it will wait, and after the last retry", async () => {
    const long = await serve([[429, { "retry-after": "3600" }, ""]]);
    expect(await httpGet(long.url, settings, { maxBytes: 100 })).toEqual({
      kind: "failed",
      reason: "X asks to wait 3600 s before trying again",
    });
    close?.();
    const down = await serve([[502, {}, ""]]);
    const result = await httpGet(down.url, settings, { maxBytes: 100 });
    expect(result.kind === "answer" && result.status).toBe(502);
    expect(down.hits()).toBe(3);
  });

  test("abandons a body larger than its cap", async () => {
    const { url } = await serve([[200, {}, "x".repeat(1000)]]);
    const result = await httpGet(url, settings, { maxBytes: 999 });
    expect(result).toEqual({ kind: "too-large", bytes: 1000 });
  });
});

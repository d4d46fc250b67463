import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { REPO_ROOT } from "./cli.ts";

/** Recorded answers of X: `syndication/<id>.json`, `oembed/<id>.json`, and `files/<path on X's media hosts>`. */
export const X_FIXTURES = path.join(REPO_ROOT, "tests/fixtures/x");

/** The status ids of the recorded answers, by what each one shows. */
export const X_TWEETS = {
  /** One photo with alt text; an emoji before a link, an `&amp;`, a hashtag. */
  photo: "1635573199926198273",
  /** Four photos, one without alt text, one a PNG. */
  fourPhotos: "1642573904343990273",
  /** A video: MP4s of 20,000, 8,000 and 3,000 bytes, and an HLS playlist. */
  video: "1659891896153014273",
  gif: "1664187526149046273",
  /** Quotes `quoted`, which has a photo; its text ends with the quoted tweet's t.co link. */
  quote: "1676195524899766273",
  quoted: "1676168974955446273",
  /** Replies to `photo`, with it as `parent`; its text starts with a hidden @mention. */
  reply: "1689353874437046273",
  card: "1702567924331446273",
  tombstone: "1708270504244150273",
  /** `{}` from the syndication API; oEmbed has it. */
  onlyInOembed: "1708848122819510273",
  /** `{}` from the syndication API, and a 404 from oEmbed. */
  empty: "1709010891174838273",
  /** A 404 from both. */
  missing: "1709373279040438273",
  /** For `rateLimitedOnce`. */
  limited: "1710022041400246273",
  /** For `silent`. */
  silent: "1710384429265846273",
  /** Its photo is on images.example.net, not on X's media hosts. */
  offHost: "1710746817131446273",
} as const;

/** A status URL of one of them. */
export function statusUrlOf(id: string): string {
  return `https://x.com/someone/status/${id}`;
}

export interface XServerOptions {
  /** Status ids whose syndication (and oEmbed) requests are never answered. */
  silent?: Set<string>;
  /** Status ids whose first syndication request is answered 429 with this `Retry-After`. */
  rateLimitedOnce?: Map<string, string>;
  /**
   * Asked first about every request: answers it (a hostile X, say) and returns true, or leaves
   * it to the recorded answers.
   */
  route?: (url: URL, response: ServerResponse) => boolean | Promise<boolean>;
}

export interface XServer {
  /** Its address, for `TWEETWALL_SYNDICATION_URL`, `TWEETWALL_OEMBED_URL` and `TWEETWALL_MEDIA_URL`. */
  url: string;
  /** The environment that points the CLI at it. */
  env: Record<string, string>;
  /** Every request's path and query, in the order they came. */
  requests: URL[];
  close(): Promise<void>;
}

/**
 * A stand-in for X on 127.0.0.1: the syndication API (`/tweet-result?id=`), oEmbed
 * (`/oembed?url=`) and the media hosts (any other path), serving the recorded answers in
 * tests/fixtures/x. An id with no recorded answer is a 404, as X's own is.
 */
export async function startXServer(options: XServerOptions = {}): Promise<XServer> {
  const requests: URL[] = [];
  const limited = new Map(options.rateLimitedOnce);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    answer(url, request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  async function answer(url: URL, _request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (await options.route?.(url, response)) return;
    if (url.pathname === "/tweet-result") {
      const id = url.searchParams.get("id") ?? "";
      if (options.silent?.has(id)) return; // Never answered: the client's timeout is what is tested.
      const retryAfter = limited.get(id);
      if (retryAfter !== undefined) {
        limited.delete(id);
        response.writeHead(429, { "content-type": "application/json", "retry-after": retryAfter });
        response.end(JSON.stringify({ errors: [{ code: 88, message: "Rate limit exceeded" }] }));
        return;
      }
      return json(response, path.join(X_FIXTURES, "syndication", `${id}.json`));
    }
    if (url.pathname === "/oembed") {
      const id = /\/status\/(\d+)/.exec(url.searchParams.get("url") ?? "")?.[1] ?? "";
      if (options.silent?.has(id)) return;
      return json(response, path.join(X_FIXTURES, "oembed", `${id}.json`));
    }
    const file = path.join(X_FIXTURES, "files", path.posix.normalize(url.pathname));
    if (!file.startsWith(path.join(X_FIXTURES, "files"))) return notFound(response);
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined) return notFound(response);
    response.writeHead(200, { "content-type": contentType(file), "content-length": bytes.length });
    response.end(bytes);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    env: { TWEETWALL_SYNDICATION_URL: base, TWEETWALL_OEMBED_URL: base, TWEETWALL_MEDIA_URL: base },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The recorded syndication answer for `id`, parsed, for a test to alter. */
export async function recordedTweet(id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(X_FIXTURES, "syndication", `${id}.json`), "utf8")) as Record<
    string,
    unknown
  >;
}

async function json(response: ServerResponse, file: string): Promise<void> {
  const body = await readFile(file).catch(() => undefined);
  if (body === undefined) return notFound(response);
  response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
  response.end(body);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { "content-type": "text/html" });
  response.end("<!doctype html><title>Not found</title>");
}

function contentType(file: string): string {
  const extension = path.extname(file);
  if (extension === ".mp4") return "video/mp4";
  if (extension === ".png") return "image/png";
  return "image/jpeg";
}

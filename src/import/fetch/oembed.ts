import type { TweetInput } from "../../curator/schema.ts";
import { dateOfStatusId, handleOfStatusUrl, statusIdOf } from "../../tweet/status.ts";
import { parseEmbedHtml } from "../embed-html.ts";
import { SourceError } from "../source-error.ts";
import { httpGet } from "./http.ts";
import type { FetchSettings } from "./settings.ts";

/**
 * X's oEmbed API, the fallback when the syndication API has no answer:
 *
 *     GET https://publish.twitter.com/oembed?url=https://twitter.com/jack/status/20&omit_script=1&dnt=true
 *     { "url", "author_name", "author_url", "html": "<blockquote class=\"twitter-tweet\">…", … }
 *
 * Its `html` is the embed the embed importer reads: text, author, day and language, but no
 * media, likes or pictures. The time is read from the status id, which is more exact than the
 * day the embed shows.
 */
export async function fetchOembed(
  id: string,
  statusUrl: string,
  settings: FetchSettings,
): Promise<{ ok: true; tweet: TweetInput } | { ok: false; reason: string }> {
  const url = new URL(`${settings.oembedUrl}/oembed`);
  url.searchParams.set("url", `https://twitter.com/${handleOfStatusUrl(statusUrl) ?? "i"}/status/${id}`);
  url.searchParams.set("omit_script", "1");
  url.searchParams.set("dnt", "true");
  const result = await httpGet(url.href, settings, { maxBytes: 1_000_000 });
  if (result.kind === "failed") return { ok: false, reason: result.reason };
  if (result.kind === "too-large") return { ok: false, reason: "an answer too large to be a tweet" };
  if (result.status === 404) return { ok: false, reason: "not found (HTTP 404)" };
  if (result.status !== 200) return { ok: false, reason: `HTTP ${result.status}` };
  let html: unknown;
  try {
    html = (JSON.parse(result.body.toString("utf8")) as { html?: unknown } | null)?.html;
  } catch {
    return { ok: false, reason: "an answer that is not JSON" };
  }
  if (typeof html !== "string") return { ok: false, reason: 'an answer without "html"' };
  try {
    const [tweet] = parseEmbedHtml(html, "X's oEmbed answer");
    if (!tweet) return { ok: false, reason: "an answer without a tweet" };
    const answered = statusIdOf(tweet.url);
    if (answered !== id) return { ok: false, reason: `an answer about another tweet (${answered})` };
    return { ok: true, tweet: { ...tweet, date: dateOfStatusId(id) ?? tweet.date } };
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, reason: `${error.problem}` };
    throw error;
  }
}

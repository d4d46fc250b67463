import { canonicalTwitterUrl, isHttpUrl } from "../../tweet/urls.ts";
import { decodeXEntities } from "../../tweet/html.ts";

/** The part of a syndication tweet its text is made from. */
export interface TweetTextSource {
  text: string;
  display_text_range?: [number, number] | undefined;
  entities?:
    | {
        urls?: { url: string; expanded_url?: string | undefined; indices?: [number, number] | undefined }[];
        media?: { url: string; display_url?: string | undefined; indices?: [number, number] | undefined }[];
      }
    | undefined;
}

/**
 * The text as X shows it: only `display_text_range` (so without the leading @mentions of a
 * reply, which the wall shows as `replyTo`), each t.co link replaced by the URL it stands for,
 * the media link dropped (the media is shown), and `&amp;`, `&lt;`, `&gt;` decoded once.
 *
 * X counts indices in code points of the text as it sends it, entities still escaped; a string
 * index would put every link after an emoji one place off. An index that does not land on its
 * link is not trusted: the link is looked for instead. A link X says stands for anything but a
 * plain http(s) URL (`javascript:`, a line break inside) stays the t.co link it was. `dropLink`
 * says which expanded links to leave out when they end the text (the quoted tweet's own
 * address, shown as the quote).
 */
export function expandText(
  source: TweetTextSource,
  dropLink: (expanded: string) => boolean = () => false,
): string {
  const points = Array.from(source.text);
  const [rangeStart, rangeEnd] = source.display_text_range ?? [0, points.length];
  const start = clamp(rangeStart, points.length);
  const end = clamp(rangeEnd, points.length);
  const replacements = [
    ...(source.entities?.urls ?? []).map((link) => ({
      ...link,
      with: canonicalTwitterUrl(plainHttpUrl(link.expanded_url) ?? link.url),
      media: false,
    })),
    ...(source.entities?.media ?? []).map((link) => ({ ...link, with: "", media: true })),
  ]
    .flatMap((link) => {
      const at = locate(points, link.url, link.indices);
      return at === undefined ? [] : [{ ...at, with: link.with, media: link.media }];
    })
    .filter(({ from, to }) => from >= start && to <= end)
    .sort((a, b) => a.from - b.from);

  let text = "";
  let at = start;
  for (const [index, link] of replacements.entries()) {
    if (link.from < at) continue; // Media entities repeat one link, once for each image.
    text += decodeXEntities(points.slice(at, link.from).join(""));
    const rest = points.slice(link.to, end).join("");
    const endsText = replacements.slice(index + 1).every((next) => next.media) && rest.trim() === "";
    text += link.media || (endsText && dropLink(link.with)) ? "" : link.with;
    at = link.to;
  }
  text += decodeXEntities(points.slice(at, end).join(""));
  return text.trim();
}

/** The code-point range of `url` in the text: at `indices` when it is there, else where it first is. */
function locate(
  points: string[],
  url: string,
  indices: [number, number] | undefined,
): { from: number; to: number } | undefined {
  if (indices && points.slice(indices[0], indices[1]).join("") === url)
    return { from: indices[0], to: indices[1] };
  const index = points.join("").indexOf(url);
  if (index === -1) return undefined;
  const from = Array.from(points.join("").slice(0, index)).length;
  return { from, to: from + Array.from(url).length };
}

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(index)));
}

/** `url` when it is an http(s) URL without spaces or control characters, which a URL parser skips. */
function plainHttpUrl(url: string | undefined): string | undefined {
  return url !== undefined && isHttpUrl(url) && !/[\s\u0000-\u001f\u007f-\u009f]/.test(url) ? url : undefined;
}

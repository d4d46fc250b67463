import { findEntities } from "../tweet/linkify.ts";

/** The first words of a text, cut at a word boundary, for titles, descriptions and link labels. */
export function shorten(text: string, length: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > length / 2 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** A tweet's text as written, its line breaks as `\n`, without the spaces around it. */
export function tidyText(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

const MEDIA_LINK = /^(?:https?:\/\/)?pic\.(?:twitter|x)\.com\//i;

/**
 * The text as X shows a tweet with its attachments: without the `pic.twitter.com/…` (or
 * `pic.x.com/…`) links when it shows their photos or video, and without the link its card
 * previews when that link ends the text. Found as linkify finds links, so a look-alike inside
 * another address stays.
 */
export function withoutAttachmentLinks(
  text: string,
  { hasMedia, cardUrl }: { hasMedia: boolean; cardUrl: string | undefined },
): string {
  if (!hasMedia && cardUrl === undefined) return text;
  const entities = findEntities(text).filter((entity) => entity.kind === "url");
  const last = entities.at(-1);
  const hidden = entities.filter(
    (entity) =>
      (hasMedia && MEDIA_LINK.test(entity.text)) ||
      (entity === last &&
        cardUrl !== undefined &&
        sameLink(entity.text, cardUrl) &&
        text.slice(entity.end).trim() === ""),
  );
  if (hidden.length === 0) return text;
  let kept = "";
  let cursor = 0;
  for (const entity of hidden) {
    kept += text.slice(cursor, entity.start).trimEnd();
    cursor = entity.end;
  }
  return (kept + text.slice(cursor)).trim();
}

/** The same address, written with or without its scheme or a trailing slash. */
function sameLink(written: string, url: string): boolean {
  const bare = (link: string) =>
    link
      .replace(/^https?:\/\//i, "")
      .replace(/\/$/, "")
      .toLowerCase();
  return bare(written) === bare(url);
}

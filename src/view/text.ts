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

const PIC_TWITTER = /^(?:https?:\/\/)?pic\.twitter\.com\//i;

/**
 * The text without its `pic.twitter.com/…` links, as X shows a tweet whose photos or video it
 * shows: the link only stood for them. Found as linkify finds links, so a look-alike inside
 * another address stays.
 */
export function withoutMediaLinks(text: string): string {
  if (!/pic\.twitter\.com/i.test(text)) return text;
  let kept = "";
  let cursor = 0;
  for (const entity of findEntities(text)) {
    if (!PIC_TWITTER.test(entity.text)) continue;
    kept += text.slice(cursor, entity.start).trimEnd();
    cursor = entity.end;
  }
  return (kept + text.slice(cursor)).trim();
}

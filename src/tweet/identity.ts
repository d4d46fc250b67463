import { parseTweetDate } from "./dates.ts";

/**
 * What makes two tweets the same one, for the importers' merge and the curator's check alike:
 * the same status id, or else the same text on the same day.
 */

/** The calendar day as written; ISO forms already start with it, so only "December 3, 2022" needs reading. */
export function dayOf(date: string): string {
  const isoDay = /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0];
  if (isoDay) return isoDay;
  const parsed = parseTweetDate(date);
  return parsed.ok ? parsed.date.iso.slice(0, 10) : date;
}

/** The text as tweets are compared: line endings and surrounding space do not tell two apart. */
export function comparableText(text: string): string {
  return (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text).trim();
}

import { DateTime, Info } from "luxon";

/** A tweet's date, checked and ready to display. */
export interface TweetDate {
  /** Machine-readable value for `<time datetime>`: `2022-12-03` or a full ISO date-time. */
  iso: string;
  /** Human label, e.g. `December 3, 2022`. */
  label: string;
  year: number;
  /** 1–12, on the day as the writer saw it. */
  month: number;
  /** Milliseconds since the epoch, for sorting and feeds. */
  timestamp: number;
}

export type DateParseResult = { ok: true; date: TweetDate } | { ok: false; expected: string };

export const ACCEPTED_DATE_FORMS =
  '"2022-12-03", an ISO date-time like "2022-12-03T17:44:09Z", or "December 3, 2022"';

const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const LONG_DATE = /^[A-Za-z]+ \d{1,2}, \d{4}$/;

/** The shapes of the accepted forms (not their calendar validity), for the editor JSON Schema. */
export const DATE_FORM_SHAPES = [ISO_DATE_ONLY, ISO_DATE_TIME, LONG_DATE];

/**
 * Reads a tweet date in one of the three accepted forms, strictly: an impossible day such as
 * February 30 is an error, never rolled over into March.
 */
export function parseTweetDate(input: string): DateParseResult {
  const value = input.trim();
  if (ISO_DATE_ONLY.test(value)) {
    const parsed = DateTime.fromISO(value, { zone: "utc" });
    return parsed.isValid ? dateOnly(parsed) : notOnTheCalendar(value);
  }
  if (ISO_DATE_TIME.test(value)) {
    const parsed = DateTime.fromISO(value, { zone: "utc", setZone: true });
    if (!parsed.isValid) return notOnTheCalendar(value);
    return {
      ok: true,
      date: {
        iso: parsed.toISO({ suppressMilliseconds: true }) ?? value,
        label: labelOf(parsed),
        year: parsed.year,
        month: parsed.month,
        timestamp: parsed.toMillis(),
      },
    };
  }
  if (LONG_DATE.test(value)) {
    const parsed = DateTime.fromFormat(value, "LLLL d, yyyy", { zone: "utc", locale: "en-US" });
    if (parsed.isValid) return dateOnly(parsed);
    return parsed.invalidReason === "unit out of range" ? notOnTheCalendar(value) : unreadable();
  }
  return unreadable();
}

function unreadable(): DateParseResult {
  return { ok: false, expected: `a date written as ${ACCEPTED_DATE_FORMS}` };
}

function notOnTheCalendar(value: string): DateParseResult {
  return { ok: false, expected: `a real calendar date ("${value}" does not exist)` };
}

const MONTHS = Info.months("long", { locale: "en-US" });

/**
 * "December 3, 2022", on the day as the writer saw it (their own offset). Built from the parts:
 * Luxon's toLocaleString creates an Intl formatter each call, which dominates large imports.
 */
function labelOf(parsed: DateTime<true>): string {
  return `${MONTHS[parsed.month - 1]} ${parsed.day}, ${parsed.year}`;
}

function dateOnly(parsed: DateTime<true>): DateParseResult {
  return {
    ok: true,
    date: {
      iso: parsed.toISODate(),
      label: labelOf(parsed),
      year: parsed.year,
      month: parsed.month,
      timestamp: parsed.toMillis(),
    },
  };
}

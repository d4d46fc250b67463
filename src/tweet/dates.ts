import { DateTime, IANAZone, Info } from "luxon";

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
  const common = parseCommonForm(value);
  if (common) return common;
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

// The two forms importers write and most files hold: "2022-12-03" and "2022-12-03T17:44:09Z",
// in years 1000–9999 (Date.UTC takes 0–99 for 1900–1999). Read digit by digit, without Luxon,
// whose general ISO parser is about 50 times slower, or a regular expression and its match
// arrays: on a wall of 100,000 tweets every date is read twice (validation, display).
function parseCommonForm(value: string): DateParseResult | undefined {
  const withTime = value.length === 20;
  if (!withTime && value.length !== 10) return undefined;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined;
  if (withTime && !(value[10] === "T" && value[13] === ":" && value[16] === ":" && value[19] === "Z")) {
    return undefined;
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = withTime ? digitsAt(value, 11, 2) : 0;
  const minute = withTime ? digitsAt(value, 14, 2) : 0;
  const second = withTime ? digitsAt(value, 17, 2) : 0;
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  // ISO 8601's 24:00:00, the end of a day, is Luxon's to read (as the next day's midnight).
  if (hour === 24) return undefined;
  const timestamp = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(timestamp);
  // Date.UTC rolls an impossible day or time over (February 30 into March 2, minute 60 into
  // the next hour) rather than refusing it.
  const onTheCalendar =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  if (!onTheCalendar) return notOnTheCalendar(value);
  return { ok: true, date: { iso: value, label: dayLabel(year, month, day), year, month, timestamp } };
}

const DASH = 0x2d;
const ZERO = 0x30;

/** The number written by `count` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digitsAt(value: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = value.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
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
  return dayLabel(parsed.year, parsed.month, parsed.day);
}

// One string per day, however many tweets share it: a 100,000-tweet wall has a few thousand days.
const dayLabels = new Map<number, string>();

function dayLabel(year: number, month: number, day: number): string {
  const key = (year * 100 + month) * 100 + day;
  let label = dayLabels.get(key);
  if (label === undefined) {
    label = `${MONTHS[month - 1]} ${day}, ${year}`;
    dayLabels.set(key, label);
  }
  return label;
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

/** What a wall shows its dates in: its language, and its IANA time zone. */
export interface DateDisplay {
  language: string;
  timeZone: string;
}

/**
 * A date as the wall shows it. A date-time falls on its day in the wall's zone (which may not be
 * the writer's), and its `iso` is written in that zone, so that its first ten characters are that
 * day for the finder and the sitemap; a date-only value is that day everywhere. The label is in
 * the wall's language. One Intl formatter per wall and one label per day: Luxon's toLocaleString
 * makes a formatter per call (measured: 1.6 µs a date-time in Europe/Paris, 0.3 µs in UTC).
 */
export function dateShower({ language, timeZone }: DateDisplay): (date: TweetDate) => TweetDate {
  const format = dayFormat(language);
  const labels = new Map<number, string>();
  const label = (year: number, month: number, day: number) => {
    const key = (year * 100 + month) * 100 + day;
    let text = labels.get(key);
    if (text === undefined) {
      text = format.format(Date.UTC(year, month - 1, day));
      labels.set(key, text);
    }
    return text;
  };
  const zone = IANAZone.create(timeZone);
  const utc = zone.offset(0) === 0 && zone.offset(Date.UTC(2000, 6)) === 0;
  const offsetOf = zoneOffsets(zone);
  return (date) => {
    if (date.iso.length === 10) {
      const day = Number(date.iso.slice(8, 10));
      return { ...date, label: label(date.year, date.month, day) };
    }
    if (utc) {
      const shown = new Date(date.timestamp);
      const iso = date.iso.endsWith("Z") ? date.iso : shown.toISOString().replace(/\.000Z$/, "Z");
      const [year, month, day] = [shown.getUTCFullYear(), shown.getUTCMonth() + 1, shown.getUTCDate()];
      return { iso, label: label(year, month, day), year, month, timestamp: date.timestamp };
    }
    const offset = offsetOf(date.timestamp);
    const shown = new Date(date.timestamp + offset * 60_000);
    const [year, month, day] = [shown.getUTCFullYear(), shown.getUTCMonth() + 1, shown.getUTCDate()];
    const iso = `${shown.toISOString().replace(/(\.000)?Z$/, "")}${offsetText(offset)}`;
    return { iso, label: label(year, month, day), year, month, timestamp: date.timestamp };
  };
}

/**
 * The zone's offset in minutes at a time. Luxon reads it with an Intl call (7 µs); a zone changes
 * offset at most once a day, so one read at each end of a UTC day does for all its tweets.
 */
function zoneOffsets(zone: IANAZone): (timestamp: number) => number {
  const offsets = new Map<number, number | undefined>();
  return (timestamp) => {
    const day = Math.floor(timestamp / DAY);
    let offset = offsets.get(day);
    if (!offsets.has(day)) {
      const start = zone.offset(day * DAY);
      offset = start === zone.offset((day + 1) * DAY - 1) ? start : undefined;
      offsets.set(day, offset);
    }
    return offset ?? zone.offset(timestamp);
  };
}

const DAY = 86_400_000;

/** An offset in minutes as ISO 8601 writes it: `+09:00`, `-08:00`, `+05:45`. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** "3 décembre 2022" for fr; the schema's language tag may name a locale Intl lacks, then English. */
function dayFormat(language: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  } catch {
    return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
  }
}

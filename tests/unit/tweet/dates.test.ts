import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { parseTweetDate } from "../../../src/tweet/dates.ts";

describe("parseTweetDate", () => {
  test.each([
    ["2022-12-03", "2022-12-03", "December 3, 2022", 2022],
    ["December 3, 2022", "2022-12-03", "December 3, 2022", 2022],
    ["october 4, 2014", "2014-10-04", "October 4, 2014", 2014],
    ["2022-12-03T17:44:09Z", "2022-12-03T17:44:09Z", "December 3, 2022", 2022],
    ["2022-12-31T23:30:00-05:00", "2022-12-31T23:30:00-05:00", "December 31, 2022", 2022],
    ["2024-02-29", "2024-02-29", "February 29, 2024", 2024],
  ])("reads %j", (input, iso, label, year) => {
    const result = parseTweetDate(input);
    expect(result).toMatchObject({ ok: true, date: { iso, label, year } });
  });

  test("keeps the writer's own offset and day for a date-time", () => {
    const result = parseTweetDate("2022-12-31T23:30:00-05:00");
    if (!result.ok) throw new Error(result.expected);
    expect(result.date.timestamp).toBe(Date.UTC(2023, 0, 1, 4, 30));
  });

  test.each(["February 30, 2022", "2022-02-30", "2023-02-29", "2022-13-01", "2022-04-31T10:00:00Z"])(
    "rejects the impossible date %j instead of rolling it over",
    (input) => {
      const result = parseTweetDate(input);
      expect(result).toEqual({ ok: false, expected: `a real calendar date ("${input}" does not exist)` });
    },
  );

  test.each([
    "Dec 3, 2022",
    "3 December 2022",
    "12/03/2022",
    "yesterday",
    "",
    "2022-12-3",
    "Decembre 3, 2022",
  ])("explains the accepted forms for the unreadable %j", (input) => {
    const result = parseTweetDate(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toContain('"December 3, 2022"');
  });
});

describe("parseTweetDate agrees with Luxon's own reading", () => {
  /** The oracle: Luxon's general ISO parser, as the validation's contract describes it. */
  function luxonReading(value: string) {
    const parsed = DateTime.fromISO(value, { zone: "utc", setZone: true });
    if (!parsed.isValid) return { ok: false };
    const iso = value.includes("T") ? parsed.toISO({ suppressMilliseconds: true }) : parsed.toISODate();
    return {
      ok: true,
      date: {
        iso,
        label: parsed.setLocale("en-US").toLocaleString(DateTime.DATE_FULL),
        year: parsed.year,
        month: parsed.month,
        timestamp: parsed.toMillis(),
      },
    };
  }

  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  // Every day number 0–32 of every month 0–13 of a leap and a common year, at times that
  // include the impossible hour 24, minute 60 and second 60.
  const samples = [1900, 2000, 2023, 2024, 9999].flatMap((year) =>
    Array.from({ length: 14 }, (_, month) =>
      Array.from({ length: 33 }, (_, day) => {
        const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const [hour, minute, second] = [(day * 7) % 25, (day * 13) % 61, (month * 11 + day) % 61];
        return [date, `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`];
      }),
    ).flat(2),
  );

  // The edges of a day, which a formula over the day numbers would rarely reach.
  samples.push(
    ...["00:00:00", "23:59:59", "24:00:00", "24:00:01", "24:01:00", "23:60:00", "23:59:60"].map(
      (time) => `2022-12-31T${time}Z`,
    ),
  );

  // Near misses of the two common forms, which are read digit by digit: a letter for a digit,
  // another separator, a year below 1000.
  samples.push(
    "2022-1a-03",
    "2022-12-0x",
    "2O22-12-03",
    "202-12-031",
    "2022-12-03T1a:00:00Z",
    "2022-12-03T10:00:0xZ",
    "2022-12-03T10-00-00Z",
    "2022-12-03T10:00:00+",
    "2022/12/03",
    "0999-12-31",
    "0050-06-15",
    "0999-12-31T10:00:00Z",
    "1000-01-01T00:00:00Z",
  );

  test(`on ${samples.length} dates and date-times, valid and not`, () => {
    for (const value of samples) {
      const ours = parseTweetDate(value);
      expect(ours.ok ? ours : { ok: false }, value).toEqual(luxonReading(value));
    }
  });
});

import { describe, expect, test } from "vitest";
import { parseTweetDate } from "../../src/tweets/dates.ts";

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

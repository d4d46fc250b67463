import { describe, expect, test } from "vitest";
import { dateShower, parseTweetDate, type TweetDate } from "../../../src/tweet/dates.ts";

function parsed(input: string): TweetDate {
  const result = parseTweetDate(input);
  if (!result.ok) throw new Error(result.expected);
  return result.date;
}

const shown = (input: string, timeZone: string, language = "en") =>
  dateShower({ language, timeZone })(parsed(input));

describe("a date as the wall shows it", () => {
  // 07:30 UTC on December 3 is still December 2 in Los Angeles (UTC−8), and 16:30 in Tokyo (UTC+9);
  // 20:00 UTC is December 4 in Tokyo.
  test.each([
    ["2022-12-03T07:30:00Z", "America/Los_Angeles", "December 2, 2022", "2022-12-02T23:30:00-08:00", 12],
    ["2022-12-03T07:30:00Z", "Asia/Tokyo", "December 3, 2022", "2022-12-03T16:30:00+09:00", 12],
    ["2022-12-03T20:00:00Z", "Asia/Tokyo", "December 4, 2022", "2022-12-04T05:00:00+09:00", 12],
    ["2022-12-03T20:00:00Z", "America/Los_Angeles", "December 3, 2022", "2022-12-03T12:00:00-08:00", 12],
    ["2022-12-31T23:30:00-05:00", "UTC", "January 1, 2023", "2023-01-01T04:30:00Z", 1],
    ["2022-12-03T17:44:09Z", "UTC", "December 3, 2022", "2022-12-03T17:44:09Z", 12],
    ["2022-07-01T06:00:00Z", "America/Los_Angeles", "June 30, 2022", "2022-06-30T23:00:00-07:00", 6],
    ["2022-07-01T00:00:00Z", "Asia/Kathmandu", "July 1, 2022", "2022-07-01T05:45:00+05:45", 7],
  ])("%s in %s: %s", (input, zone, label, iso, month) => {
    const date = shown(input, zone);
    expect(date).toMatchObject({ label, iso, month, timestamp: Date.parse(input) });
    // The datetime attribute stays a valid date-time for the same instant.
    expect(Date.parse(date.iso)).toBe(Date.parse(input));
  });

  test.each(["2022-12-03", "December 3, 2022"])("a day (%s) is that day in every zone", (input) => {
    for (const zone of ["America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      expect(shown(input, zone)).toMatchObject({
        iso: "2022-12-03",
        label: "December 3, 2022",
        year: 2022,
        month: 12,
      });
    }
  });

  test("the first day of a year stays in its year, whatever the zone", () => {
    expect(shown("2023-01-01", "America/Los_Angeles")).toMatchObject({ year: 2023, month: 1 });
  });

  test("the year changes with the day shown", () => {
    expect(shown("2023-01-01T03:00:00Z", "America/Los_Angeles")).toMatchObject({
      label: "December 31, 2022",
      year: 2022,
      month: 12,
    });
  });

  test.each([
    ["fr", "3 décembre 2022"],
    ["ja", "2022年12月3日"],
    ["de", "3. Dezember 2022"],
    ["en-GB", "3 December 2022"],
  ])("in %s: %s", (language, label) => {
    expect(shown("2022-12-03", "UTC", language).label).toBe(label);
    expect(shown("2022-12-03T17:44:09Z", "Europe/Paris", language).label).toBe(label);
  });

  test("around a change of offset, each time on its own side of it", () => {
    // Europe/Paris went from +02:00 to +01:00 at 01:00 UTC on October 30, 2022.
    expect(shown("2022-10-30T00:59:00Z", "Europe/Paris").iso).toBe("2022-10-30T02:59:00+02:00");
    expect(shown("2022-10-30T01:00:00Z", "Europe/Paris").iso).toBe("2022-10-30T02:00:00+01:00");
  });
});

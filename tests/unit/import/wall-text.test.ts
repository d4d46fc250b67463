import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseWallText, WallTextError } from "../../../src/import/wall-text.ts";
import { hasSeed, seedText } from "../../support/seed.ts";

const seed = seedText;

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/wall-text/${name}`, import.meta.url), "utf8");
const parseFixture = (name: string) => parseWallText(fixture(name), name);

function errorFrom(name: string): WallTextError {
  try {
    parseFixture(name);
  } catch (error) {
    if (error instanceof WallTextError) return error;
    throw error;
  }
  throw new Error(`${name} was expected to fail`);
}

describe.skipIf(!hasSeed)("parseWallText on the real fave tweets wall", () => {
  // Read when the tests run, not when they are collected: without the seed they are skipped.
  let wall: ReturnType<typeof parseWallText>;
  beforeAll(() => {
    wall = parseWallText(seed, "000_346cd6146a224bde.txt");
  });

  it("reads every tweet, as many as a plain line scan finds attribution lines", () => {
    const attributionLines = seed.split("\n").filter((line) => line.startsWith("— ") && line.includes("(@"));
    expect(attributionLines).toHaveLength(70);
    expect(wall.tweets).toHaveLength(attributionLines.length);
  });

  it("reads the header: title, intro, author and the profile link behind 'here'", () => {
    expect(wall.site).toEqual({
      title: "fave tweets wall",
      intro:
        "Sometimes tweets get lost in the hustle and bustle of the ephemeral timeline, so I thought it " +
        "would be fun to collect some of my favorite tweets. The full collection of my tweets, of course, is here.",
      author: { name: "Andrej Karpathy", handle: "karpathy" },
      links: [
        { text: "The full collection of my tweets, of course, is here", url: "https://twitter.com/karpathy" },
      ],
    });
  });

  it("starts with the Andromeda party and ends with video conferencing", () => {
    expect(wall.tweets[0]).toEqual({
      text: "Plan is to throw a party in the Andromeda galaxy 1B years from now. Everyone welcome, except for those who litter",
      date: "2022-12-03",
    });
    const last = wall.tweets.at(-1);
    expect(last?.text).toContain("Video Conferencing, Presentation, Printing.");
    expect(last?.date).toBe("2014-10-04");
  });

  it("keeps line breaks inside a tweet", () => {
    const transformer = wall.tweets.find((tweet) =>
      tweet.text.startsWith("The Transformer is a magnificient"),
    );
    expect(transformer?.text.split("\n")).toEqual([
      "The Transformer is a magnificient neural network architecture because it is a general-purpose differentiable computer. It is simultaneously:",
      "1) expressive (in the forward pass)",
      "2) optimizable (via backpropagation+gradient descent)",
      "3) efficient (high parallelism compute graph)",
    ]);
    expect(wall.tweets.map((tweet) => tweet.text)).toContain(
      "real-world data distribution is ~N(0,1)\ngood dataset is ~U(-2,2)",
    );
  });

  it("keeps every text verbatim, in the file's order rather than date order", () => {
    let previousPosition = -1;
    for (const tweet of wall.tweets) {
      const position = seed.indexOf(tweet.text);
      expect(position, tweet.text).toBeGreaterThan(previousPosition);
      previousPosition = position;
    }
    const dates = wall.tweets.map((tweet) => tweet.date);
    expect(dates.slice(0, 3)).toEqual(["2022-12-03", "2022-12-06", "2022-12-05"]);
  });

  it("keeps emoji, curly quotes and code-like text untouched", () => {
    const texts = wall.tweets.map((tweet) => tweet.text);
    expect(texts).toContain("Trees are solidified air 🌬✨🌳");
    expect(texts.some((text) => text.startsWith("“Would aliens also have X?”"))).toBe(true);
    expect(texts.some((text) => text.includes(`>>> "Stock Market %s!!" % ('rises'`))).toBe(true);
  });

  it("gives tweets only text and date, since every one is by the wall's author", () => {
    for (const tweet of wall.tweets) expect(Object.keys(tweet)).toEqual(["text", "date"]);
  });
});

describe("parseWallText on small walls", () => {
  it("reads CRLF files as if they had plain line feeds", () => {
    const text = fixture("crlf.txt");
    expect(text).toContain("\r\n");
    expect(parseWallText(text, "crlf.txt")).toEqual(parseWallText(text.replaceAll("\r\n", "\n"), "crlf.txt"));
    expect(parseFixture("crlf.txt").tweets).toEqual([
      { text: "First line\nsecond line", date: "2021-03-01" },
      { text: "Another one", date: "2020-02-02" },
    ]);
  });

  it("gives a guest tweet its own author and accepts every dash form", () => {
    const wall = parseFixture("other-author.txt");
    expect(wall.site.author).toEqual({ name: "Ada Lovelace", handle: "ada" });
    expect(wall.site.links).toEqual([{ text: "@ada", url: "https://twitter.com/ada" }]);
    expect(wall.tweets).toEqual([
      { text: "Mine, first.", date: "2021-03-01" },
      {
        text: "A guest, in the middle.",
        date: "2019-06-05",
        author: { name: "Charles Babbage", handle: "cbabbage" },
      },
      { text: "Mine, with an en dash.", date: "2020-01-09" },
      { text: "Mine, with two hyphens.", date: "2018-07-04" },
    ]);
  });

  it("keeps blank lines between a tweet's paragraphs and joins the intro's paragraphs", () => {
    const wall = parseFixture("multi-paragraph.txt");
    expect(wall.site.intro).toBe("The intro's first paragraph\nhas two lines.\n\nIts second paragraph.");
    expect(wall.tweets).toEqual([
      {
        text: "A body in\u00a0three paragraphs 🌱\n\n“the second”, curly\n\n\nand a third after two blank lines",
        date: "2021-03-01",
      },
      { text: "Short one", date: "2021-03-02" },
    ]);
  });

  it("leaves body lines that merely start with a dash as text", () => {
    expect(parseFixture("dash-lines-in-body.txt").tweets).toEqual([
      {
        text: "Things I learned:\n- thanks to Jane (@jane) for this\n-- and to @bob\n— a quote, not an attribution",
        date: "2021-03-01",
      },
    ]);
  });

  it("reads a title followed at once by two blank lines as a wall without intro", () => {
    const wall = parseFixture("no-intro.txt");
    expect(wall.site.intro).toBe("");
    expect(wall.site.links).toEqual([{ text: "@ada", url: "https://twitter.com/ada" }]);
    expect(wall.tweets).toEqual([{ text: "A first tweet\n\nwith two paragraphs", date: "2021-03-01" }]);
  });

  it("without two blank lines, reads the paragraph after the title as the intro", () => {
    const wall = parseFixture("no-double-blank.txt");
    expect(wall.site.intro).toBe("The intro is this paragraph.");
    expect(wall.tweets).toEqual([{ text: "First tweet", date: "2021-03-01" }]);
  });
});

describe("parseWallText errors", () => {
  it.each([
    ["empty.txt", 1, 1, "the file is empty, expected a title, an intro, then each tweet's text followed by"],
    ["blank.txt", 1, 1, "the file is empty, expected"],
    [
      "no-attribution.txt",
      6,
      1,
      "no attribution line in the file, expected each tweet's text to be followed by",
    ],
    ["stray-text.txt", 10, 1, "tweet text with no attribution line after it, expected a line like"],
    [
      "empty-body.txt",
      11,
      1,
      "an attribution line with no tweet text above it, expected the tweet's text above it",
    ],
    ["intro-swallows-tweet.txt", 5, 1, "the paragraph after the title is read as the intro"],
    [
      "bad-date.txt",
      12,
      25,
      `the date "Marhc 2, 2021" can't be read, expected a date written as "2022-12-03"`,
    ],
    [
      "impossible-date.txt",
      8,
      23,
      `the date "February 30, 2021" can't be read, expected a real calendar date`,
    ],
    ["bad-handle.txt", 8, 17, `the handle "@ada_lovelace_1815" can't be used, expected a handle of 1–15`],
  ])("%s fails at line %i, column %i", (name, line, column, message) => {
    const error = errorFrom(name);
    expect({ file: error.file, line: error.line, column: error.column }).toEqual({
      file: name,
      line,
      column,
    });
    expect(error.message.startsWith(`${name}:${line}:${column}: `)).toBe(true);
    expect(error.message).toContain(message);
  });

  it("spells out the whole message", () => {
    expect(errorFrom("stray-text.txt").message).toBe(
      'stray-text.txt:10:1: tweet text with no attribution line after it, expected a line like "— Name (@handle) December 3, 2022" after the tweet\'s text',
    );
    expect(errorFrom("bad-date.txt")).toMatchObject({
      name: "WallTextError",
      problem: `the date "Marhc 2, 2021" can't be read`,
    });
  });
});

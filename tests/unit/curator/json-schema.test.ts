import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import {
  JSON_SCHEMA_FILE,
  tweetsJsonSchema,
  tweetsJsonSchemaText,
} from "../../../src/curator/json-schema.ts";
import { tweetsFileSchema } from "../../../src/curator/schema.ts";
import { REPO_ROOT } from "../../support/cli.ts";

describe("the editor JSON Schema", () => {
  test(`${JSON_SCHEMA_FILE} is current with src/curator/schema.ts (run npm run schema if not)`, async () => {
    expect(await readFile(`${REPO_ROOT}${JSON_SCHEMA_FILE}`, "utf8")).toBe(tweetsJsonSchemaText());
  });

  test("data/tweets.json points editors at it", async () => {
    const data = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8"));
    expect(data.$schema).toBe(`../${JSON_SCHEMA_FILE}`);
  });

  test("describes the fields editors complete, and closes tweets to unknown keys", () => {
    const schema = tweetsJsonSchema() as {
      definitions: Record<string, { properties: Record<string, { pattern?: string }>; required: string[] }>;
    };
    const tweet = schema.definitions.Tweet!;
    expect(Object.keys(tweet.properties)).toEqual([
      "text",
      "date",
      "url",
      "author",
      "lang",
      "added",
      "media",
      "quote",
      "replyTo",
      "card",
      "likes",
      "fetched",
      "pinned",
      "hidden",
      "tags",
    ]);
    expect(tweet.required).toEqual(["text", "date"]);
    expect(tweet).toMatchObject({ additionalProperties: false });
    const datePattern = new RegExp(tweet.properties.date!.pattern!);
    for (const good of ["2022-12-03", "2022-12-03T17:44:09Z", "December 3, 2022"])
      expect(good).toMatch(datePattern);
    for (const bad of ["Dec 3 2022", "03/12/2022", "yesterday"]) expect(bad).not.toMatch(datePattern);
    expect(new RegExp(tweet.properties.url!.pattern!).test("javascript:alert(1)")).toBe(false);
    expect(schema.definitions.Photo!.required).toEqual(["src", "alt", "width", "height"]);
    expect(schema.definitions.Video!.required).toEqual(["type", "src", "poster", "width", "height"]);
  });
});

describe("the editor and the CLI agree", () => {
  const validateInEditor = new Ajv({ strict: true, allErrors: true }).compile(tweetsJsonSchema());
  const seedText = "real-world data distribution is ~N(0,1)\ngood dataset is ~U(-2,2)";

  /** A tweets file whose one tweet (or the file's own `$schema`) holds `value` at `field`. */
  function fileWith(field: string, value: unknown): unknown {
    if (field === "$schema") return { $schema: value, tweets: [{ text: seedText, date: "2022-05-22" }] };
    const author = { name: "Andrej Karpathy", handle: "karpathy" };
    const image = { src: "media/1599152286672248832-1.jpg", alt: "A slide", width: 1200, height: 800 };
    const [outer, inner] = field.split(".");
    const tweet: Record<string, unknown> = { text: seedText, date: "2022-05-22" };
    if (outer === "author") tweet.author = { ...author, [inner!]: value };
    else if (outer === "media") tweet.media = [{ ...image, [inner!]: value }];
    else tweet[outer!] = value;
    return { $schema: "../tweets.schema.json", tweets: [tweet] };
  }

  // [field, value, whether it is valid]
  const cases: [string, unknown, boolean][] = [
    ["text", seedText, true],
    ["text", "tab\tkept", true],
    ["text", "👩‍👩‍👧‍👦 🏳️‍🌈 مرحبا", true],
    ["text", "", false],
    ["text", " \n\t\u00a0", false],
    ["text", "a Windows line break\r\n", false],
    ["text", "a bell\u0007", false],
    ["text", "\u0000", false],
    ["text", "delete\u007f", false],
    ["text", "a C1 control\u0085", false],
    ["date", "2022-12-03", true],
    ["date", "2022-12-03T17:44:09Z", true],
    ["date", "2022-12-03T17:44:09.123+05:30", true],
    ["date", "December 3, 2022", true],
    ["date", " 2022-12-03", false],
    ["date", "2022-12-03 ", false],
    ["date", "2022-12-03\n", false],
    ["date", "Dec 3 2022", false],
    ["date", "03/12/2022", false],
    ["date", "", false],
    ["date", 20221203, false],
    ["url", "https://x.com/karpathy/status/1599152286672248832", true],
    ["url", "http://example.com", true],
    ["url", "https://ja.wikipedia.org/wiki/日本", true],
    ["url", "https://user@example.com:8080/a?b=c#d", true],
    ["url", " https://x.com/karpathy/status/1599152286672248832", false],
    ["url", "https://x.com/karpathy/status/1599152286672248832 ", false],
    ["url", "https://x.com/a b", false],
    ["url", "https://x.com/\u0001", false],
    ["url", "https://x.com/\u0085", false],
    ["url", "HTTPS://X.COM/karpathy", false],
    ["url", "https:///x.com", false],
    ["url", "http:x.com", false],
    ["url", "https://", false],
    ["url", "javascript:alert(1)", false],
    ["url", "ftp://example.com/tweet", false],
    ["url", "//x.com/karpathy/status/1", false],
    ["author.name", "Andrej Karpathy", true],
    ["author.name", "安德烈 🤖", true],
    ["author.name", " ", false],
    ["author.name", "Andrej\u0007", false],
    ["author.handle", "karpathy", true],
    ["author.handle", "@karpathy", true],
    ["author.handle", "@karpathy ", false],
    ["author.handle", " karpathy", false],
    ["author.handle", "kar pathy", false],
    ["author.handle", "a".repeat(16), false],
    ["author.handle", "karpathy\u0000", false],
    ["lang", "en", true],
    ["lang", "pt-BR", true],
    ["lang", "EN", false],
    ["lang", "en ", false],
    ["lang", "en_US", false],
    ["added", "2024-05-01", true],
    ["added", " 2024-05-01", false],
    ["added", "2024-5-1", false],
    ["added", "May 1, 2024", false],
    ["media.src", "media/1599152286672248832-1.jpg", true],
    ["media.src", "media/photos/a.JPG", true],
    ["media.src", "media/a.jpeg", true],
    ["media.src", "media/a.Png", true],
    ["media.src", "media/a.gif", true],
    ["media.src", "media/a.webp", true],
    ["media.src", "media/a.avif", true],
    ["media.src", " media/a.jpg", false],
    ["media.src", "media/a.jpg ", false],
    ["media.src", "media/../secret.jpg", false],
    ["media.src", "/etc/passwd", false],
    ["media.src", "images/a.jpg", false],
    ["media.src", "media/a.svg", false],
    ["media.src", "media/a b.jpg", false],
    ["media.alt", "A slide from Tesla", true],
    ["media.alt", "", false],
    ["media.alt", "a slide\u001b[31m", false],
    ["media.width", 1, true],
    ["media.width", 0, false],
    ["media.width", 1.5, false],
    ["media.width", "1200", false],
    ["media.width", 2 ** 53, false],
    ["$schema", "../tweets.schema.json", true],
    ["$schema", "../tweets.schema.json\u0000", false],
  ];

  test.each(cases)("%s %j: valid is %s in both", (field, value, valid) => {
    const file = fileWith(field, value);
    expect(tweetsFileSchema.safeParse(file).success, "the CLI").toBe(valid);
    expect(validateInEditor(file), "the editor").toBe(valid);
  });

  test("a 25,000-character text passes both, and with a control character at its end fails both", () => {
    const long = "a".repeat(25_000);
    for (const [text, valid] of [
      [long, true],
      [`${long}\u0001`, false],
    ] as const) {
      const file = fileWith("text", text);
      expect(tweetsFileSchema.safeParse(file).success, "the CLI").toBe(valid);
      expect(validateInEditor(file), "the editor").toBe(valid);
    }
  });

  // What a regular expression cannot tell, the CLI alone refuses: the editor flags the rest.
  test.each([
    ["date", "2022-02-30", "a day not on the calendar"],
    ["date", "February 30, 2022", "a day not on the calendar"],
    ["date", "2022-13-01", "a month not on the calendar"],
    ["date", "Smarch 3, 2022", "a month that does not exist"],
    ["added", "2024-02-30", "a day not on the calendar"],
    ["url", "https://x.com:99999/karpathy", "a port out of range"],
    ["url", "https://exa<mple.com/", "a host the URL parser refuses"],
    ["url", "https://x.com/\ud83d", "a lone surrogate (a pattern naming one would flag every emoji)"],
    ["text", "cut 😀\ud83d", "a lone surrogate (a pattern naming one would flag every emoji)"],
    ["author.name", "\ude00", "a lone surrogate (a pattern naming one would flag every emoji)"],
  ])("%s %j: only the CLI refuses %s", (field, value) => {
    const file = fileWith(field, value);
    expect(tweetsFileSchema.safeParse(file).success, "the CLI").toBe(false);
    expect(validateInEditor(file), "the editor").toBe(true);
  });
});

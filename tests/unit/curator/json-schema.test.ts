import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import {
  JSON_SCHEMA_FILE,
  tweetsJsonSchema,
  tweetsJsonSchemaText,
} from "../../../src/curator/json-schema.ts";
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
    ]);
    expect(tweet.required).toEqual(["text", "date"]);
    expect(tweet).toMatchObject({ additionalProperties: false });
    const datePattern = new RegExp(tweet.properties.date!.pattern!);
    for (const good of ["2022-12-03", "2022-12-03T17:44:09Z", "December 3, 2022"])
      expect(good).toMatch(datePattern);
    for (const bad of ["Dec 3 2022", "03/12/2022", "yesterday"]) expect(bad).not.toMatch(datePattern);
    expect(new RegExp(tweet.properties.url!.pattern!).test("javascript:alert(1)")).toBe(false);
    expect(schema.definitions.Media!.required).toEqual(["src", "alt", "width", "height"]);
  });
});

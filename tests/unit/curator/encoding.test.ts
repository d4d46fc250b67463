import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeUtf8 } from "../../../src/curator/encoding.ts";
import { formatProblem } from "../../../src/curator/problems.ts";
import { readTweetsFile } from "../../../src/curator/read.ts";
import { REPO_ROOT } from "../../support/cli.ts";

const seed = readFileSync(`${REPO_ROOT}data/tweets.json`, "utf8");
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tweetwall-encoding-"));
});

afterAll(() => rm(folder, { recursive: true, force: true }));

/** The seed file as an editor set to Windows-1252 saves it: its first ’ is the byte 0x92. */
function seedWithWindowsApostrophe(): { bytes: Buffer; line: number; column: number } {
  const bytes = Buffer.from(seed);
  const apostrophe = bytes.indexOf("’");
  const lines = seed.split("\n");
  const line = lines.findIndex((text) => text.includes("’"));
  const column = [...lines[line]!.slice(0, lines[line]!.indexOf("’"))].length + 1;
  return {
    bytes: Buffer.concat([
      bytes.subarray(0, apostrophe),
      Buffer.from([0x92]),
      bytes.subarray(apostrophe + 3),
    ]),
    line: line + 1,
    column,
  };
}

describe("decodeUtf8", () => {
  test("reads the seed file, and one with a UTF-8 byte-order mark, as they are", () => {
    expect(decodeUtf8(Buffer.from(seed))).toEqual({ ok: true, text: seed });
    expect(decodeUtf8(Buffer.from(`\ufeff${seed}`))).toEqual({ ok: true, text: `\ufeff${seed}` });
  });

  test("places the first byte that is not UTF-8, counting the emoji before it as one column each", () => {
    const { bytes, line, column } = seedWithWindowsApostrophe();
    expect(seed.slice(0, seed.indexOf("’"))).toContain("🤔");
    expect(decodeUtf8(bytes)).toEqual({
      ok: false,
      place: { line, column },
      message:
        "the file is not UTF-8: byte 0x92 here is not part of any character (Latin-1 or Windows-1252?): save it as UTF-8",
    });
  });

  test("looks past a � the file really holds to the byte that is not UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from('[{"text": "�ok�'), Buffer.from([0xe9]), Buffer.from('"}]')]);
    const decoded = decodeUtf8(bytes);
    expect(decoded).toMatchObject({ ok: false, place: { line: 1, column: 16 } });
    expect(!decoded.ok && decoded.message).toContain("byte 0xE9");
  });

  test("places a character cut short at the end of the file", () => {
    const bytes = Buffer.from('[{"text": "…"}]\n…').subarray(0, -1);
    expect(decodeUtf8(bytes)).toMatchObject({ ok: false, place: { line: 2, column: 1 } });
  });

  test.each([
    ["UTF-16 with its byte-order mark (little-endian)", Buffer.from(`\ufeff${seed}`, "utf16le")],
    ["UTF-16 with its byte-order mark (big-endian)", Buffer.from(`\ufeff${seed}`, "utf16le").swap16()],
    ["UTF-16 without a byte-order mark (little-endian)", Buffer.from(seed, "utf16le")],
    ["UTF-16 without a byte-order mark (big-endian)", Buffer.from(seed, "utf16le").swap16()],
  ])("tells %s to be saved as UTF-8", (_name, bytes) => {
    expect(decodeUtf8(bytes)).toEqual({
      ok: false,
      place: { line: 1, column: 1 },
      message: "the file is UTF-16: save it as UTF-8",
    });
  });
});

describe("reading a tweets file that is not UTF-8", () => {
  test("reports the bad byte's place in the file, and no tweets", async () => {
    const { bytes, line, column } = seedWithWindowsApostrophe();
    const file = path.join(folder, "windows-1252.json");
    await writeFile(file, bytes);
    const result = await readTweetsFile(file);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${file}:${line}:${column}: the file is not UTF-8: byte 0x92 here is not part of any character (Latin-1 or Windows-1252?): save it as UTF-8`,
    ]);
  });

  test("says a UTF-16 file is UTF-16 rather than that its JSON is invalid", async () => {
    const file = path.join(folder, "utf-16.json");
    await writeFile(file, Buffer.from(`\ufeff${seed}`, "utf16le"));
    const result = await readTweetsFile(file);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${file}:1:1: the file is UTF-16: save it as UTF-8`,
    ]);
  });
});

import { createInterface } from "node:readline";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import streamArray from "stream-json/streamers/stream-array.js";
import verifier from "stream-json/utils/verifier.js";
import { columnAt } from "../../tweet/place.ts";
import { ArchiveError } from "./error.ts";
import type { ArchiveFile } from "./source.ts";

/**
 * The archive's data files are JavaScript: `window.YTD.tweets.part0 = [ … ]`, a JSON array behind
 * an assignment. They are streamed: the assignment is blanked out of the first bytes (spaces, so
 * that line and column numbers stay those of the file) and the rest goes through stream-json's
 * array streamer, one element at a time, so memory stays flat however large the file is.
 */

const YTD_ARRAY = 'a JSON array after "window.YTD.<name>.part0 =", as X writes it';

/**
 * Calls `handle` with each element of the file's array, in order, waiting for it. `onBytes` is
 * told of every chunk read, for progress.
 */
export async function forEachYtdElement(
  file: ArchiveFile,
  handle: (element: unknown, index: number) => void | Promise<void>,
  onBytes: (bytes: number) => void = () => {},
): Promise<void> {
  try {
    await pipeline(
      withoutYtdPrefix(await file.open(), file, onBytes),
      // Packed values only: the array streamer needs no more, and half the tokens is a third faster.
      streamArray.withParserAsStream({ streamValues: false }),
      async function (elements: AsyncIterable<{ key: number; value: unknown }>) {
        for await (const { key, value } of elements) await handle(value, key);
      },
    );
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw await malformedJson(file, error);
  }
}

/**
 * The file's bytes with its `window.YTD.<name>.partN =` head turned into spaces and a leading
 * byte-order mark dropped. Read errors come out as the file's own `ArchiveError`.
 */
async function* withoutYtdPrefix(
  input: Readable,
  file: ArchiveFile,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      if (head === undefined) {
        yield chunk;
        continue;
      }
      head = Buffer.concat([head, chunk]);
      if (!head.includes("=") && head.length < MAX_PREFIX_BYTES) continue;
      yield blankPrefix(head, file);
      head = undefined;
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw file.readError(error);
  }
  if (head !== undefined) yield blankPrefix(head, file);
}

const MAX_PREFIX_BYTES = 1024;
const BOM = "\xEF\xBB\xBF";
// Read as latin1, one character per byte, so match lengths are byte counts.
const YTD_PREFIX = new RegExp(`^(${BOM})?[ \\t\\r\\n]*window\\.YTD\\.[\\w$]+(?:\\.[\\w$]+)*[ \\t\\r\\n]*=`);

function blankPrefix(head: Buffer, file: ArchiveFile): Buffer {
  const match = YTD_PREFIX.exec(head.toString("latin1", 0, MAX_PREFIX_BYTES));
  if (match === null) {
    throw new ArchiveError(
      { file: file.label, line: 1, column: 1 },
      'the file does not start with "window.YTD."',
      `an X archive data file: ${YTD_ARRAY}`,
    );
  }
  const start = match[1] === undefined ? 0 : BOM.length;
  const blanked = Buffer.from(head.subarray(start));
  for (let index = 0; index < match[0].length - start; index++) {
    if (blanked[index] !== 0x0a && blanked[index] !== 0x0d) blanked[index] = 0x20;
  }
  return blanked;
}

/**
 * stream-json's parser does not track positions, so on failure the file is read once more through
 * its verifier, which does. The verifier can pass where the parser failed (valid JSON that is not
 * an array); the error then has no place.
 */
async function malformedJson(file: ArchiveFile, parserError: unknown): Promise<ArchiveError> {
  const found = await verify(file);
  if (found === undefined) {
    const reason = (parserError instanceof Error ? parserError.message : String(parserError)).replace(
      /\.$/,
      "",
    );
    return new ArchiveError({ file: file.label }, `the data can't be read (${reason})`, YTD_ARRAY);
  }
  return new ArchiveError(
    { file: file.label, line: found.line, column: found.pos },
    `the JSON is malformed here (${found.reason})`,
    YTD_ARRAY,
  );
}

async function verify(file: ArchiveFile): Promise<{ line: number; pos: number; reason: string } | undefined> {
  try {
    await pipeline(
      withoutYtdPrefix(await file.open(), file, () => {}),
      verifier.asStream(),
      discard(),
    );
    return undefined;
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const { line, pos, message } = error as verifier.VerifierError;
    if (typeof line !== "number" || typeof pos !== "number") return undefined;
    // "ERROR at 812 (30, 5): Verifier cannot parse input: expected ','" → "expected ','"
    const reason = message
      .replace(/^ERROR at .*?\): /, "")
      .replace(/^Verifier (cannot parse input: |has )/, "");
    return { line, pos, reason };
  }
}

function discard(): Writable {
  return new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() });
}

/**
 * The 1-based line and column of `needle` in the file, first looking for `anchor` (a regular
 * expression) and then for `needle` after it: used to point at one field of one element once a
 * problem was found in it. Slow and only for errors; undefined when either is not found.
 */
export async function locateInFile(
  file: ArchiveFile,
  anchor: RegExp,
  needle: string,
): Promise<{ line: number; column: number } | undefined> {
  const input = Readable.from(withoutYtdPrefix(await file.open(), file, () => {}));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let anchored = false;
  try {
    for await (const line of lines) {
      lineNumber++;
      let from = 0;
      if (!anchored) {
        const match = anchor.exec(line);
        if (match === null) continue;
        anchored = true;
        from = match.index + match[0].length;
      }
      const index = line.indexOf(needle, from);
      if (index !== -1) return { line: lineNumber, column: columnAt(line, index) };
    }
    return undefined;
  } finally {
    lines.close();
    input.destroy();
  }
}

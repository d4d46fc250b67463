import { isUtf8 } from "node:buffer";
import { type Place, placeAt } from "../tweet/place.ts";

export type Decoded = { ok: true; text: string } | { ok: false; place: Place; message: string };

const REPLACEMENT = "\ufffd";

/**
 * A curator's file as text, which must be UTF-8: read as anything else, each é would quietly
 * become a � on the wall. The check is one native pass; the bad byte is looked for only on failure.
 */
export function decodeUtf8(bytes: Buffer): Decoded {
  if (isUtf16(bytes)) {
    return { ok: false, place: { line: 1, column: 1 }, message: "the file is UTF-16: save it as UTF-8" };
  }
  const text = bytes.toString("utf8");
  if (isUtf8(bytes)) return { ok: true, text };
  // The bytes are not UTF-8, so the decoder replaced at least one sequence with a �.
  const bad = firstUndecodable(bytes, text)!;
  const byte = bytes[bad.byte]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    ok: false,
    place: placeAt(text, bad.index),
    message: `the file is not UTF-8: byte 0x${byte} here is not part of any character (Latin-1 or Windows-1252?): save it as UTF-8`,
  };
}

/**
 * A byte-order mark of UTF-16, or a NUL byte in the first two bytes: JSON begins with an ASCII
 * character, which UTF-16 writes beside a zero byte, and UTF-8 JSON never holds a raw NUL.
 */
function isUtf16(bytes: Buffer): boolean {
  const [first, second] = bytes;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true;
  return bytes.length >= 2 && (first === 0 || second === 0);
}

/**
 * Where the decoder first gave up: the first � in the text that the file does not itself hold
 * (as the bytes EF BF BD), as an index in the text and an offset in the bytes.
 */
function firstUndecodable(bytes: Buffer, text: string): { index: number; byte: number } | undefined {
  let byte = 0;
  let from = 0;
  for (let index = text.indexOf(REPLACEMENT); index !== -1; index = text.indexOf(REPLACEMENT, index + 1)) {
    byte += Buffer.byteLength(text.slice(from, index));
    if (bytes[byte] !== 0xef || bytes[byte + 1] !== 0xbf || bytes[byte + 2] !== 0xbd) return { index, byte };
    byte += 3;
    from = index + 1;
  }
  return undefined;
}

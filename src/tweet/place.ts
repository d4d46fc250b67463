/**
 * Where something is in a text, as an editor shows it: 1-based line and column, the column
 * counted in characters (code points: an emoji before the place counts once), a line ending at
 * \n, \r\n or \r, and a byte-order mark, which editors do not show, taking no column.
 */
export interface Place {
  line: number;
  column: number;
}

/** The place of the character at `offset` (a UTF-16 index) in `text`. */
export function placeAt(text: string, offset: number): Place {
  let line = 1;
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: columnAt(text.slice(lineStart, Math.max(lineStart, offset)), Infinity) };
}

/** The 1-based column of the character at `index` (a UTF-16 index) of one line. */
export function columnAt(line: string, index: number): number {
  let column = 1;
  for (const _character of line.slice(0, index)) column++;
  return column;
}

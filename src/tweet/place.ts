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

/**
 * The places of many offsets in a text, read in one pass: from each offset to the next rather
 * than from the start for each, which for a problem in every tweet of a large file (a wall
 * pasted in twice, a date written wrong throughout) would read the whole file once a problem.
 */
export function placesOf(text: string, offsets: number[]): (offset: number) => Place {
  const places = new Map<number, Place>();
  let from = 0;
  let place: Place = { line: 1, column: 1 };
  for (const offset of [...new Set(offsets)].sort((a, b) => a - b)) {
    // From 0, the text itself, whose byte-order mark takes no column.
    const step = placeAt(from === 0 ? text : text.slice(from), offset - from);
    place =
      step.line === 1
        ? { line: place.line, column: place.column + step.column - 1 }
        : { line: place.line + step.line - 1, column: step.column };
    places.set(offset, place);
    from = offset;
  }
  return (offset) => places.get(offset)!;
}

/**
 * A one-line progress bar on stderr for long imports. It draws only on a terminal, so logs
 * and pipes stay clean; a dozen lines here beat a dependency for it.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastDraw = 0;
  const draw = (done: number, total?: number) => {
    const now = Date.now();
    if (!stream.isTTY || now - lastDraw < 100) return;
    lastDraw = now;
    const width = 24;
    const share = total ? Math.min(1, done / total) : undefined;
    const bar = share === undefined ? "" : `[${"#".repeat(Math.round(share * width)).padEnd(width, ".")}] `;
    const percent = share === undefined ? "" : ` ${Math.round(share * 100)}%`;
    stream.write(`\r${label} ${bar}${done.toLocaleString("en-US")}${percent}\u001b[K`);
  };
  const finish = () => {
    if (stream.isTTY && lastDraw > 0) stream.write("\r\u001b[K");
  };
  return { draw, finish };
}

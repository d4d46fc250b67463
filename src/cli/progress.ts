/**
 * A one-line progress bar on stderr for long imports. It draws only on a terminal, so logs
 * and pipes stay clean; a dozen lines here beat a dependency for it. It counts megabytes, or
 * with a `unit` such as "tweets" whole things.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, unit?: string) {
  let lastDraw = 0;
  const draw = (bytesDone: number, bytesTotal: number) => {
    const now = Date.now();
    if (!stream.isTTY || now - lastDraw < 100) return;
    lastDraw = now;
    const width = 24;
    const share = bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 0;
    const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
    const total = unit ? `${bytesTotal} ${unit}` : `${(bytesTotal / 1_000_000).toFixed(1)} MB`;
    stream.write(`\r${label} [${bar}] ${Math.round(share * 100)}% of ${total}\u001b[K`);
  };
  const finish = () => {
    if (stream.isTTY && lastDraw > 0) stream.write("\r\u001b[K");
  };
  return { draw, finish };
}

/**
 * A one-line progress bar on stderr for long imports. It draws only on a terminal, so logs
 * and pipes stay clean; a dozen lines here beat a dependency for it.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastDraw = 0;
  const draw = (bytesDone: number, bytesTotal: number) => {
    const now = Date.now();
    if (!stream.isTTY || now - lastDraw < 100) return;
    lastDraw = now;
    const width = 24;
    const share = bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 0;
    const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
    const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);
    stream.write(`\r${label} [${bar}] ${Math.round(share * 100)}% of ${megabytes(bytesTotal)} MB\u001b[K`);
  };
  const finish = () => {
    if (stream.isTTY && lastDraw > 0) stream.write("\r\u001b[K");
  };
  return { draw, finish };
}

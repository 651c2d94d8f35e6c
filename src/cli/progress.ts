/** A progress bar on stderr when it is a terminal; silent otherwise (stdout carries only results). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let last = -1;
  return {
    update(done: number, total: number, label: string) {
      if (!stream.isTTY || total <= 0) return;
      const pct = Math.floor((100 * done) / total);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((width * done) / total);
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${label.slice(0, 30).padEnd(30)}`,
      );
    },
    done() {
      if (stream.isTTY && last >= 0) stream.write('\r\x1b[K');
    },
  };
}

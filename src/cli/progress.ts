/** A one-line progress bar on stderr, redrawn at most every 100 ms; only ever used on a TTY. */
export function progressBar(write: (s: string) => void, label: string): { update(done: number, total: number): void; done(): void } {
  let last = 0;
  const mb = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(share * width);
      write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb(done)} / ${mb(total)}`);
    },
    done() {
      write('\r\x1b[2K');
    },
  };
}

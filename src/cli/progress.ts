/** A one-line progress bar on stderr, redrawn at most every 100 ms; only ever used on a TTY. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the line; call it on failure too, so an error message starts on a clean line. */
  done(): void;
}

export interface ProgressOptions {
  /** The terminal's width now (it may be resized while reading); undefined when unknown. */
  columns?: () => number | undefined;
  /** Milliseconds, for the redraw throttle. */
  now?: () => number;
}

const BAR = 30;
const MIN_BAR = 5;

/** Bytes as MB, with a decimal under 10 MB so a small file does not read `0 MB / 0 MB`. */
export function formatMb(n: number): string {
  const mb = n / 1048576;
  return `${mb < 10 ? mb.toFixed(1) : mb.toFixed(0)} MB`;
}

/**
 * The line for one redraw, at most `columns - 1` characters: writing in the last column makes
 * terminals wrap, and a wrapped line is no longer overwritten by `\r` (the bar would scroll).
 * The bar shrinks first, then goes; the label is cut last.
 */
function progressLine(label: string, done: number, total: number, columns: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const figures = ` ${(share * 100).toFixed(0).padStart(3)}% ${formatMb(done)} / ${formatMb(total)}`;
  const room = Math.max(1, columns - 1);
  const barWidth = Math.min(BAR, room - label.length - figures.length - 3);
  if (barWidth >= MIN_BAR) {
    const filled = Math.round(share * barWidth);
    return `${label} [${'#'.repeat(filled)}${' '.repeat(barWidth - filled)}]${figures}`;
  }
  return `${label}${figures}`.slice(0, room);
}

export function progressBar(write: (s: string) => void, label: string, opts: ProgressOptions = {}): ProgressBar {
  const columns = opts.columns ?? (() => process.stderr.columns);
  const now = opts.now ?? Date.now;
  let last: number | null = null;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (last !== null && t - last < 100 && done < total) return;
      last = t;
      drawn = true;
      // `\x1b[K` erases what a longer previous line (before a resize) left to the right.
      write(`\r${progressLine(label, done, total, columns() ?? 80)}\x1b[K`);
    },
    done() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}

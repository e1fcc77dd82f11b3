/** Exit code of a run ended by Ctrl-C: the shell's convention for SIGINT (128 + 2). */
export const INTERRUPTED = 130;

/** Everything a command needs from the process, decided once so commands stay testable. */
export interface CliContext {
  color: boolean;
  /** Prompts are allowed: a TTY on both ends, not CI, not --no-interactive. */
  interactive: boolean;
  /** Progress bars on stderr: only when it is a terminal and not CI. */
  progress: boolean;
  debug: boolean;
  /** Columns for terminal tables: $COLUMNS, else stdout's width when it is a terminal; else unknown. */
  columns?: number;
  out(text: string): void;
  err(text: string): void;
}

function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

export function makeContext(opts: { interactive?: boolean; debug?: boolean }): CliContext {
  const env = process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return {
    color: colorWanted(env, process.stdout.isTTY === true),
    interactive: opts.interactive !== false && !ci && process.stdin.isTTY === true && process.stdout.isTTY === true,
    progress: !ci && process.stderr.isTTY === true,
    debug: opts.debug === true,
    columns: terminalColumns(env.COLUMNS, process.stdout.isTTY === true ? process.stdout.columns : undefined),
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  };
}

/** A positive whole `COLUMNS` wins (users set it to fix a width); then the terminal's own width. */
export function terminalColumns(env: string | undefined, tty: number | undefined): number | undefined {
  const fromEnv = env !== undefined && /^\d+$/.test(env.trim()) ? Number(env) : 0;
  if (fromEnv > 0) return fromEnv;
  return tty !== undefined && tty > 0 ? tty : undefined;
}

/** Today in UTC as YYYY-MM-DD: the only place tierplan reads the clock. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

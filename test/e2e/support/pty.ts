import * as pty from '@lydell/node-pty';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/tierplan.js', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Keystrokes as a terminal sends them. */
export const keys = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  space: ' ',
  ctrlC: '\x03',
  backspace: '\x7f',
  tab: '\t',
} as const;

// Enough of ECMA-48 to turn a terminal transcript into readable text: CSI and OSC sequences, charset picks.
// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b[=>78]/g;

function stripAnsi(s: string): string {
  return s.replace(ansi, '');
}

export interface PtySession {
  /** Everything written to the terminal so far, escape sequences removed. */
  screen(): string;
  /** The raw transcript, escape sequences kept (to check colour or a progress bar's carriage returns). */
  raw(): string;
  /** Resolves once the screen (after `since` characters) matches; rejects with the screen after the timeout. */
  waitFor(what: string | RegExp, opts?: { timeoutMs?: number; since?: number }): Promise<void>;
  write(data: string): void;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  kill(): void;
}

/**
 * Runs the built binary on a real pseudo-terminal, as an architect at a terminal would:
 * stdin, stdout and stderr are all the TTY, CI is unset so prompts and progress bars are allowed.
 */
export function spawnOnPty(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; cols?: number; rows?: number } = {},
): PtySession {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR') env[k] = v;
  Object.assign(env, { TERM: 'xterm-256color', ...opts.env });
  const child = pty.spawn(process.execPath, [bin, ...args], {
    name: 'xterm-256color',
    cols: opts.cols ?? 100,
    rows: opts.rows ?? 40,
    cwd: opts.cwd ?? repo,
    env,
  });
  let transcript = '';
  const waiters = new Set<() => void>();
  child.onData((d) => {
    transcript += d;
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number>((resolve) => child.onExit((e) => resolve(e.exitCode)));
  return {
    screen: () => stripAnsi(transcript),
    raw: () => transcript,
    waitFor(what, { timeoutMs = 15000, since = 0 } = {}) {
      const matches = (): boolean => {
        const text = stripAnsi(transcript).slice(since);
        return typeof what === 'string' ? text.includes(what) : what.test(text);
      };
      if (matches()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!matches()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out waiting for ${String(what)}; the screen shows:\n${stripAnsi(transcript).slice(-3000)}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then(() => setTimeout(check, 0));
      });
    },
    write: (data) => child.write(data),
    exited,
    kill: () => child.kill(),
  };
}

/**
 * Drives one session: each step waits for its prompt (after the previous step's output) before
 * typing, and the next step looks only past that prompt.
 */
export function driver(s: PtySession, wait = { timeoutMs: 30_000 }) {
  let mark = 0;
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  return {
    async at(prompt: string, ...typed: string[]): Promise<void> {
      await s.waitFor(prompt, { ...wait, since: mark });
      mark = s.screen().indexOf(prompt, mark) + prompt.length;
      // The prompt is drawn before it listens: give it a moment, then type one key at a time.
      await sleep(80);
      for (const k of typed) {
        s.write(k);
        await sleep(40);
      }
    },
    async sees(text: string | RegExp): Promise<void> {
      await s.waitFor(text, { ...wait, since: mark });
    },
    since: (): string => s.screen().slice(mark),
  };
}

// SIGINT and SIGTERM during a write: recorded while a writer is running, so the writer can stop
// at a safe point, remove its temporaries and say what state the files are in.

/** SIGINT or SIGTERM arrived while writing; the message says what state the outputs are in. */
export class OutputInterrupted extends Error {
  override name = 'OutputInterrupted';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The shell's convention: 128 + the signal's number. */
export const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type Signal = keyof typeof SIGNALS;

/** While installed, SIGINT and SIGTERM are recorded instead of ending the process at once. */
export function catchSignals(): { got: Signal | null; dispose(): void } {
  const handlers: [Signal, () => void][] = [];
  const state = {
    got: null as Signal | null,
    dispose(): void {
      for (const [s, h] of handlers) process.off(s, h);
    },
  };
  for (const s of Object.keys(SIGNALS) as Signal[]) {
    const h = (): void => {
      state.got ??= s;
    };
    process.on(s, h);
    handlers.push([s, h]);
  }
  return state;
}

/** Lets the event loop turn once, so a signal that arrived during synchronous writes is recorded. */
export const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

// Ctrl-C during the terminal session: at a prompt it ends the prompt; during a save it waits for
// the file to be replaced whole, then stops.
/**
 * Ctrl-C at a prompt (@inquirer's ExitPromptError), or SIGINT from elsewhere cancelling the prompt
 * on screen (AbortPromptError): the run ends without the plan.
 */
export const isPromptExit = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');

class Interrupted extends Error {
  override name = 'ExitPromptError';
}

/**
 * While a prompt is on screen the terminal is in raw mode and Ctrl-C is a key press; otherwise
 * it arrives as SIGINT. A signal cancels the prompt on screen, or, while a use case is being
 * saved, waits for the save to finish (the file is replaced whole or not at all) and stops after.
 */
export class SigintGuard {
  private readonly controller = new AbortController();
  private pending = false;
  private saving = false;
  private readonly onSigint = (): void => {
    if (this.saving) this.pending = true;
    else this.controller.abort();
  };

  constructor() {
    process.on('SIGINT', this.onSigint);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws when a signal came in since the last check. */
  check(): void {
    if (this.pending || this.controller.signal.aborted) throw new Interrupted('interrupted');
  }

  async whileSaving<T>(run: () => Promise<T>): Promise<T> {
    this.saving = true;
    try {
      return await run();
    } finally {
      this.saving = false;
    }
  }

  release(): void {
    process.off('SIGINT', this.onSigint);
  }
}

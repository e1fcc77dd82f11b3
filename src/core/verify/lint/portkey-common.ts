// What every part of the Portkey config lint shares: its options and the walk's context.
import { didYouMean, type Problem } from '../../diagnostics/problems.js';
import { shown, type Obj, type Path } from './values.js';

export interface PortkeyLintOptions {
  /**
   * Check `custom_host` values against the gateway's SSRF guard (`isValidCustomHost`), with
   * these hosts trusted as in `TRUSTED_CUSTOM_HOSTS` (which replaces the gateway's default
   * localhost, 127.0.0.1, ::1, host.docker.internal: DEFAULT_TRUSTED_CUSTOM_HOSTS). Off when
   * not given, since the gateway's environment is not known from the config.
   */
  trustedCustomHosts?: string[];
}

export interface Ctx {
  add: (p: Problem) => void;
  options: PortkeyLintOptions;
}

export function unknownKeys(o: Obj, known: readonly string[], at: Path, where: string, ctx: Ctx): void {
  for (const key of Object.keys(o)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    // A near miss of a known key is a typo that silently does nothing; anything else may be a
    // key of a newer gateway.
    ctx.add({
      code: 'unknown-key',
      severity: hint ? 'error' : 'warning',
      path: [...at, key],
      message: `unknown key ${JSON.stringify(key)} in ${where}: the gateway ignores it without an error`,
      ...(hint ? { hint } : {}),
    });
  }
}

export function typeError(v: unknown, expected: string, at: Path, ctx: Ctx): void {
  ctx.add({ code: 'wrong-type', severity: 'error', path: at, message: `expected ${expected}, found ${shown(v)}` });
}

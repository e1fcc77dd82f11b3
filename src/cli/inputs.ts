// The input flags every planning command shares, turned into what the pipeline takes: the one
// step that needs the clock (the default --as-of) happens here, in the cli.
import { isIsoDate } from '../core/plan/dates.js';
import { UsageError } from '../io/source/errors.js';
import { loadCheckedInputs, type Inputs } from '../pipeline/inputs.js';
import { today } from './context.js';

export { loadPolicy, type Inputs } from '../pipeline/inputs.js';

export interface InputOptions {
  inventory?: string;
  policy?: string;
  asOf?: string;
}

export function resolveAsOf(asOf: string | undefined): string {
  if (asOf === undefined) return today();
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date like 2026-11-24, got "${asOf}"`);
  return asOf;
}

/** Policy and inventory of the flags, checked (see src/pipeline/inputs.ts). */
export async function loadInputs(o: InputOptions): Promise<Inputs> {
  const paths = {
    ...(o.inventory !== undefined ? { inventory: o.inventory } : {}),
    ...(o.policy !== undefined ? { policy: o.policy } : {}),
  };
  return loadCheckedInputs({ ...paths, asOf: resolveAsOf(o.asOf) });
}

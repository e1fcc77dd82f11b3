import { UsageError } from '../io/source/errors.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;

/** The review period in months: --quarter, --from/--to, or by default the last full quarter before `asOf`. */
export function reviewPeriod(
  opts: { quarter?: string; from?: string; to?: string },
  asOf: string,
): { from: string; to: string } {
  if (opts.quarter !== undefined) {
    if (opts.from !== undefined || opts.to !== undefined)
      throw new UsageError('give either --quarter or --from/--to, not both');
    const m = QUARTER.exec(opts.quarter);
    if (!m) throw new UsageError(`--quarter must look like 2026-Q3, got "${opts.quarter}"`);
    return quarter(Number(m[1]), Number(m[2]));
  }
  if (opts.from !== undefined || opts.to !== undefined) {
    const from = opts.from ?? opts.to!;
    const to = opts.to ?? opts.from!;
    for (const [flag, v] of [
      ['--from', from],
      ['--to', to],
    ] as const) {
      if (!MONTH.test(v)) throw new UsageError(`${flag} must be a month like 2026-07, got "${v}"`);
    }
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    return { from, to };
  }
  const year = Number(asOf.slice(0, 4));
  const q = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? quarter(year - 1, 4) : quarter(year, q - 1);
}

function quarter(year: number, q: number): { from: string; to: string } {
  const first = (q - 1) * 3 + 1;
  const mm = (m: number): string => `${year}-${String(m).padStart(2, '0')}`;
  return { from: mm(first), to: mm(first + 2) };
}

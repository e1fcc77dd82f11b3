// Values of the limit flags (review's, import's, --max-yaml-size): byte sizes as people write them (8GiB, 512MB,
// 1048576) and plain positive numbers. A bad value is commander's InvalidArgumentError: the flag is named, exit 2.
import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 2 ** 20,
  mib: 2 ** 20,
  mb: 1e6,
  g: 2 ** 30,
  gib: 2 ** 30,
  gb: 1e9,
  t: 2 ** 40,
  tib: 2 ** 40,
  tb: 1e12,
};

/** `8GiB` → 8589934592; KiB/MiB/GiB/TiB (and k, m, g, t) are binary, KB/MB/GB/TB decimal. */
export function parseBytes(flag: string): (value: string) => number {
  return (value) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
    const n = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(
        `${flag} takes a size in bytes, e.g. 64MiB, 8GiB or 1000000 (units: KiB, MiB, GiB, TiB, or KB, MB, GB, TB); got ${JSON.stringify(value)}`,
      );
    return n;
  };
}

/** A whole number ≥ 1. */
export function parseCount(flag: string): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(
        `${flag} takes a whole number of at least 1, e.g. 500000; got ${JSON.stringify(value)}`,
      );
    return n;
  };
}

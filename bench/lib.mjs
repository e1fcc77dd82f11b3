// Shared helpers for the benchmarks: a seeded PRNG, wall-clock timing of a spawned command, medians.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = fileURLToPath(new URL('../bin/tierplan.js', import.meta.url));

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = (r, list) => list[Math.floor(r() * list.length)];

/** Runs a command `runs` times and returns the wall times in ms; fails loudly on an unexpected exit code. */
export function time(cmd, args, runs, options = {}) {
  // `status`: the exit code expected (1 for a `--check` that finds drift).
  const { status = 0, ...opts } = options;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(cmd, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
      ...opts,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== status) throw new Error(`${cmd} ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
    times.push(ms);
  }
  return times;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const fmt = (ms) => `${ms.toFixed(1)} ms`;

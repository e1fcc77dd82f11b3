// `gateway --check` after a large change, through the built binary (run `npm run build` first):
// the list of drifted files and the exit code stay exact, and the diffs printed are bounded —
// an unbounded diff of a large, heavily changed file ran for minutes, so this test would hang
// until the runner's timeout fails it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];

describe('tierplan gateway --check on a large drift', () => {
  it('reports exactly the drifted files, with diffs cut short, and exits 1', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierplan-gw-large-')), 'gateway');
    expect(tierplan(['gateway', ...example, '--out', out]).code).toBe(0);
    // The LiteLLM config replaced by 100,000 unrelated lines; one Portkey file with every line changed.
    let seed = 3;
    const next = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed;
    };
    const litellm = join(out, 'litellm/config.yaml');
    writeFileSync(litellm, Array.from({ length: 100_000 }, () => `key${next() % 1000}: ${next()}\n`).join(''));
    const portkey = join(out, 'portkey/conditional.json');
    writeFileSync(portkey, readFileSync(portkey, 'utf8').replace(/^/gm, ' '));

    const r = tierplan(['gateway', ...example, '--out', out, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^drift: 2 files under /m);
    expect([...r.stdout.matchAll(/^\+\+\+ (.*) \(generated\)$/gm)].map((m) => m[1])).toEqual([litellm, portkey]);
    expect(r.stdout).toMatch(
      /^… lines 1–100000 on disk differ from lines 1–\d+ generated: more than \d+ lines changed, too many to diff here; run `tierplan gateway --out .*` to see them$/m,
    );
    expect(r.stdout).toMatch(
      /^… \d+ more changed lines in .*conditional\.json; run `tierplan gateway --out .*` to see them$/m,
    );
    expect(r.stdout.length).toBeLessThan(50_000);
  });
});

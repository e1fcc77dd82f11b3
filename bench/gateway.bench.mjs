// `tierplan gateway` and `tierplan verify` for 1,000 use cases over the default policy's 3 tiers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { bin, fmt, median, root, time } from './lib.mjs';
import { generateInventory } from './plan.bench.mjs';

export function run() {
  const dir = join(root, 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  const inventory = join(dir, 'inventory-1k.yaml');
  writeFileSync(inventory, stringify(generateInventory(1_000, 7), { aliasDuplicateObjects: false }));
  const out = join(mkdtempSync(join(tmpdir(), 'tierplan-bench-gw-')), 'gateway');
  try {
    const common = ['--inventory', inventory, '--as-of', '2026-11-24'];
    const generate = [bin, 'gateway', ...common, '--out', out];
    time('node', generate, 1);
    const gen = time('node', generate, 5);
    const check = time('node', [bin, 'gateway', ...common, '--out', out, '--check'], 5);
    const verify = time('node', [bin, 'verify', out, ...common], 5);
    // A large inventory change: another seeded 1,000 use cases against the files written above.
    const changed = join(dir, 'inventory-1k-changed.yaml');
    writeFileSync(changed, stringify(generateInventory(1_000, 8), { aliasDuplicateObjects: false }));
    const drift = time(
      'node',
      [bin, 'gateway', '--inventory', changed, '--as-of', '2026-11-24', '--out', out, '--check'],
      3,
      {
        status: 1,
      },
    );
    return [
      ['gateway, 1,000 use cases × 3 tiers, LiteLLM + Portkey (median of 5)', fmt(median(gen)), 'goal < 1000 ms'],
      ['gateway --check, same (median of 5)', fmt(median(check)), ''],
      ['verify of the generated configs, same (median of 5)', fmt(median(verify)), 'goal < 1000 ms'],
      ['gateway --check after a large inventory change (every file drifts; median of 3)', fmt(median(drift)), ''],
    ];
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

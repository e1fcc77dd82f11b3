// `tierplan plan` on a generated inventory of 10,000 use cases, writing every output and the JSON plan alone,
// its default terminal output on 5,000 use cases (at 80 columns, as in a pipe), and the start-up of
// `tierplan --version` against a bare `node -e 0`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { bin, fmt, median, pick, rng, root, time } from './lib.mjs';

const CLASSES = [
  [],
  ['public'],
  ['internal_docs'],
  ['source_code'],
  ['customer_data'],
  ['pii'],
  ['financial'],
  ['phi'],
  ['pci'],
  ['classified'],
  ['pii', 'customer_data'],
  ['export_controlled'],
];
const TASKS = [
  'classification',
  'extraction',
  'summarization',
  'search',
  'generation',
  'transcription',
  'reasoning',
  'agentic',
  'code',
];
const STATUS = ['idea', 'pilot', 'production', 'production', 'production', 'retired'];

export function generateInventory(n, seed = 42) {
  const r = rng(seed);
  const use_cases = [];
  for (let i = 0; i < n; i++) {
    const task = pick(r, TASKS);
    const uc = {
      id: `uc-${String(i).padStart(5, '0')}`,
      name: `Generated use case ${i} (${task})`,
      owner: `team-${i % 97}@example.com`,
      status: pick(r, STATUS),
      data: { classes: pick(r, CLASSES), ...(r() < 0.15 ? { residency: [pick(r, ['us', 'eu'])] } : {}) },
      needs: {
        task,
        reasoning: pick(r, ['low', 'medium', 'high']),
        context_tokens: pick(r, [4000, 16000, 32000, 128000, 250000]),
        tools: r() < 0.3,
        modalities: task === 'transcription' ? ['audio'] : ['text'],
      },
      volume: {
        requests: Math.floor(r() * 1e6),
        input_tokens_per_request: 500 + Math.floor(r() * 4000),
        output_tokens_per_request: 100 + Math.floor(r() * 800),
      },
    };
    if (r() < 0.05)
      uc.override = {
        tier: 'on-prem',
        reason: 'data-sharing agreement',
        approved_by: 'ciso@example.com',
        expires: '2027-06-30',
      };
    use_cases.push(uc);
  }
  return { version: 1, use_cases };
}

export function run() {
  const dir = join(root, 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  const inventory = join(dir, 'inventory-10k.yaml');
  // Written out in full, as an exported inventory would be: no anchors and aliases.
  writeFileSync(inventory, stringify(generateInventory(10_000), { aliasDuplicateObjects: false }));
  const inventory5k = join(dir, 'inventory-5k.yaml');
  writeFileSync(inventory5k, stringify(generateInventory(5_000), { aliasDuplicateObjects: false }));
  const out = mkdtempSync(join(tmpdir(), 'tierplan-bench-'));
  try {
    const planInto = (dir) => [bin, 'plan', '--inventory', inventory, '--out', dir, '--as-of', '2026-11-24'];
    time('node', planInto(join(out, 'warm')), 1); // warm the file cache
    // Each run into a folder of its own, as CI writes a fresh checkout; nothing is deleted until
    // the end (on a disk mounted with `discard`, deleting thousands of files slows the next writes).
    const plan = [1, 2, 3, 4, 5].flatMap((i) => time('node', planInto(join(out, `fresh-${i}`)), 1));
    const again = time('node', planInto(join(out, 'warm')), 5);
    const json = time('node', [bin, 'plan', '--inventory', inventory, '--format', 'json', '--as-of', '2026-11-24'], 5);
    const table5kArgs = [
      bin,
      'plan',
      '--inventory',
      inventory5k,
      '--no-interactive',
      '--width',
      '80',
      '--as-of',
      '2026-11-24',
    ];
    time('node', table5kArgs, 1);
    const table5k = time('node', table5kArgs, 5);
    const node = time('node', ['-e', '0'], 20);
    const version = time('node', [bin, '--version'], 20);
    return [
      [
        'plan --out, 10,000 use cases, into an empty folder: matrix.md, matrix.html, plan.json and the gateway configs (median of 5)',
        fmt(median(plan)),
        'goal < 3000 ms',
      ],
      ['plan --out again into the folder it wrote, nothing changed (median of 5)', fmt(median(again)), ''],
      ['plan --format json, 10,000 use cases (median of 5)', fmt(median(json)), 'goal < 1500 ms'],
      ['plan, default terminal output, 5,000 use cases (median of 5)', fmt(median(table5k)), 'goal < 1000 ms'],
      ['node -e 0 (median of 20)', fmt(median(node)), ''],
      [
        'tierplan --version (median of 20)',
        fmt(median(version)),
        `+${fmt(median(version) - median(node))} over node; goal ≤ +60 ms`,
      ],
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

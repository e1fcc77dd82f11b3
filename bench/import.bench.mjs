// `tierplan import` of a generated 10,000-row CSV register (the columns of examples/import, with
// its mapping): blank PII answers, free-text stages and amounts, keyword suggestions.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, fmt, median, pick, rng, root, time } from './lib.mjs';

const HEADER =
  'Use case ID,Use case,Business owner,Stage,Description,Contains PII,Health data,Card data,Regulations,Data location,Task type,Requests / month,Pinned tier,Exception reason,Exception approver,Exception expires,Notes,Notes';
const STAGES = ['Live', 'In prod', 'PoC', 'Pilot', 'Decommissioned', 'Idea', ''];
const YES_NO = ['Yes', 'No', 'N/A', '', '', 'Maybe'];
const WORDS = ['patient records', 'customer emails', 'payroll', 'contract clauses', 'release notes', 'tickets'];
const TASKS = ['Classification', 'Generation', 'Summarization', 'Extraction', 'Search', ''];
const AMOUNTS = ['400,000', '60k', '1.2M', '12000', ''];

export function generateRegister(n, seed = 5) {
  const r = rng(seed);
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const id = r() < 0.2 ? '' : `UC-${String(i).padStart(5, '0')}`;
    lines.push(
      [
        id,
        `Use case ${i} on ${pick(r, WORDS)}`,
        `team-${i % 97}@example.com`,
        pick(r, STAGES),
        `"Reads ${pick(r, WORDS)}, then ${pick(r, WORDS)}."`,
        pick(r, YES_NO),
        pick(r, YES_NO),
        pick(r, YES_NO),
        pick(r, ['', '', 'GDPR', 'HIPAA; GDPR']),
        pick(r, ['', 'US', 'EU', 'Germany']),
        pick(r, TASKS),
        `"${pick(r, AMOUNTS)}"`,
        '',
        '',
        '',
        '',
        pick(r, ['', 'see wiki']),
        '',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function run() {
  const dir = join(root, 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'register-10k.csv');
  writeFileSync(csv, generateRegister(10_000));
  const out = mkdtempSync(join(tmpdir(), 'tierplan-bench-import-'));
  try {
    const args = [
      bin,
      'import',
      csv,
      '--mapping',
      join(root, 'examples', 'import', 'import-mapping.yaml'),
      '--output-file',
      join(out, 'inventory.yaml'),
      '--force',
      '--as-of',
      '2026-11-24',
    ];
    time('node', args, 1);
    const imported = time('node', args, 5);
    return [['import, 10,000-row CSV register (median of 5)', fmt(median(imported)), 'goal < 2000 ms']];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// The whole path on a terminal: a spreadsheet imported with suggestions, then `tierplan plan`
// on a real pseudo-terminal asks to confirm them and writes them into the imported inventory.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keys, spawnOnPty, type PtySession } from './support/pty.js';
import { tierplan } from './run-cli.js';

const WAIT = { timeoutMs: 30_000 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function at(s: PtySession, prompt: string, ...typed: string[]): Promise<void> {
  await s.waitFor(prompt, WAIT);
  await sleep(80);
  for (const k of typed) {
    s.write(k);
    await sleep(40);
  }
}

describe('import, then plan on a terminal', () => {
  it('the suggestions are asked about, pre-selected; confirming them makes them facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-import-tty-'));
    writeFileSync(
      join(dir, 'register.csv'),
      'ID,Use case,Stage,Description,Contains PII,Health data,Task,Requests\r\n' +
        'discharge-notes,Discharge notes,Live,Summarises patient discharge letters,Yes,,Summarization,20000\r\n',
    );
    writeFileSync(
      join(dir, 'map.yaml'),
      [
        'version: 1',
        'columns: { id: ID, name: Use case, status: Stage, description: Description, task: Task, requests: Requests }',
        'data_classes:',
        '  - { column: Contains PII, values: { "yes": [pii], "no": [] } }',
        '  - { column: Health data, values: { "yes": [phi], "no": [] } }',
        'suggest:',
        '  - { words: [patient*], data_class: phi }',
        '',
      ].join('\n'),
    );
    const inventory = join(dir, 'inventory.yaml');
    const imported = tierplan([
      'import',
      join(dir, 'register.csv'),
      '--mapping',
      join(dir, 'map.yaml'),
      '--output-file',
      inventory,
      '--as-of',
      '2026-11-24',
    ]);
    expect(imported.code).toBe(0);
    const before = readFileSync(inventory, 'utf8');
    expect(before).toMatch(/^ {4}suggested:$/m);

    const s = spawnOnPty(['plan', '--inventory', inventory, '--as-of', '2026-11-24'], { cols: 120, rows: 50 });
    await at(s, 'discharge-notes');
    await s.waitFor('phi (suggested)', WAIT);
    await s.waitFor('pii (suggested)', WAIT);
    await at(s, 'What data does it touch?', keys.enter);
    await at(s, 'Which regulations apply', keys.enter);
    await at(s, 'Where must the data stay?', keys.enter);
    await at(s, 'Save these answers for discharge-notes?', keys.enter);
    await s.waitFor('Tier matrix', WAIT);
    expect(await s.exited).toBe(0);

    const after = readFileSync(inventory, 'utf8');
    expect(after).not.toMatch(/^ {4}suggested:$/m);
    expect(after).toMatch(/classes: \[(pii, phi|phi, pii)\]/);
    // The import's header comment stays.
    expect(after.split('\n').slice(0, 4)).toEqual(before.split('\n').slice(0, 4));
    expect(tierplan(['validate', '--inventory', inventory, '--as-of', '2026-11-24']).code).toBe(0);
  }, 120_000);
});

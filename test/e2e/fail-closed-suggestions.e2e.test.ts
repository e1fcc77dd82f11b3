// Nothing sensitive becomes public by default, through the built binary: a spreadsheet row that says
// "no PII" but mentions patients is imported with a suggestion, and the plan applies it fail-closed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const AS_OF = ['--as-of', '2026-11-24'];

function imported(): { dir: string; inventory: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-suggest-'));
  writeFileSync(
    join(dir, 'register.csv'),
    [
      'ID,Name,Description,PII,Task',
      'derm,Skin triage,Sorts photos of patients with skin disease,No,classification',
      'copy,Marketing copy,Drafts campaign copy,No,generation',
      'docs,Press kit,Summarises press releases,Public,summarization',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'mapping.yaml'),
    [
      'version: 1',
      'columns: { id: ID, name: Name, description: Description, task: Task }',
      'data_classes:',
      '  - column: PII',
      '    values: { "yes": [pii], "no": [], "public": [public] }',
      'suggest:',
      '  - words: [patient*]',
      '    data_class: phi',
    ].join('\n'),
  );
  const inventory = join(dir, 'inventory.yaml');
  const r = tierplan([
    'import',
    join(dir, 'register.csv'),
    '--mapping',
    join(dir, 'mapping.yaml'),
    '--output-file',
    inventory,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return { dir, inventory };
}

describe('fail-closed by default', () => {
  it('a "no PII" row that mentions patients is not public; "no" alone is internal; only "public" is public', () => {
    const { inventory } = imported();
    const r = tierplan(['plan', '--inventory', inventory, '--format', 'json', '--no-interactive', ...AS_OF]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      pending: string[];
      use_cases: { id: string; sensitivity: string; tier: string; pending_suggestion: string[] }[];
    };
    const by = Object.fromEntries(plan.use_cases.map((u) => [u.id, u]));
    expect(by.derm).toMatchObject({ sensitivity: 'regulated', pending_suggestion: ['phi'] });
    expect(by.derm!.tier).not.toBe('public-api');
    expect(by.copy!.sensitivity).toBe('internal');
    expect(by.docs!.sensitivity).toBe('public');
    expect(plan.pending).toEqual(['derm']);
  });

  it('--fail-on suggestion exits 1 and explain says the suggestion is applied until confirmed', () => {
    const { inventory } = imported();
    const fail = tierplan(['plan', '--inventory', inventory, '--fail-on', 'suggestion', '--no-interactive', ...AS_OF]);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain('1 finding at --fail-on suggestion: suggestion: derm placed on');
    const explain = tierplan(['explain', 'derm', '--inventory', inventory, ...AS_OF]);
    expect(explain.stdout).toMatch(/pending\s+suggested phi applied fail-closed until confirmed/);
    expect(explain.stdout).toContain('[sens.suggested.phi]');
  });

  it('a dismissed suggestion is no longer applied nor counted', () => {
    const dismissed = join(mkdtempSync(join(tmpdir(), 'tierplan-dismiss-')), 'inventory.yaml');
    writeFileSync(
      dismissed,
      [
        'version: 1',
        'use_cases:',
        '  - id: derm',
        '    name: Skin triage',
        '    data: { classes: [] }',
        '    needs: { task: classification }',
        '    suggested: { data_classes: [phi], dismissed: "DPO, 2026-11-20: images are synthetic" }',
      ].join('\n'),
    );
    const r = tierplan(['plan', '--inventory', dismissed, '--fail-on', 'suggestion', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).use_cases[0].sensitivity).toBe('internal');
  });
});

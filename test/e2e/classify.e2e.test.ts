// `tierplan classify` through the built binary: list, accept, dismiss, dry run, --where, refusals.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const AS_OF = ['--as-of', '2026-11-24'];
const INVENTORY = `# our register
version: 1
use_cases:
  - id: derm
    name: Skin triage
    owner: clinic
    data: { classes: [] }
    needs: { task: classification }
    suggested:
      data_classes: [phi]
      because: ['description mentions "patient*"']
  - id: notes
    name: Clinical notes
    owner: clinic
    data: { classes: [] }
    needs: { task: summarization }
    suggested:
      data_classes: [phi]
      because: ['description mentions "patient*"']
  - id: hr # payroll
    name: Payroll bot
    owner: people
    data: { classes: [] }
    needs: { task: search }
    suggested:
      data_classes: [employee_data]
`;

function inventory(text = INVENTORY): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tierplan-classify-')), 'inventory.yaml');
  writeFileSync(file, text);
  return file;
}
const plan = (file: string): { pending: string[]; use_cases: { id: string; sensitivity: string }[] } =>
  JSON.parse(tierplan(['plan', '--inventory', file, '--format', 'json', ...AS_OF]).stdout);

describe('tierplan classify', () => {
  it('without a decision: lists the groups with their reasons counted once, writes nothing', () => {
    const file = inventory();
    const r = tierplan(['classify', '--inventory', file, ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('clinic — 2 use cases; suggested phi ×2');
    expect(r.stdout).toContain('because description mentions "patient*" (2)');
    expect(r.stdout).toContain('3 use cases with pending suggestions in 2 groups');
    expect(readFileSync(file, 'utf8')).toBe(INVENTORY);
  });

  it('--accept-suggestions --where owner=…: only that group, comments kept, no longer pending', () => {
    const file = inventory();
    const r = tierplan(['classify', '--inventory', file, '--accept-suggestions', '--where', 'owner=clinic', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('accepted the suggestions of 2 use cases in 1 group');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# our register');
    expect(text).toContain('  - id: hr # payroll');
    expect(text.match(/classes: \[phi\]/g)).toHaveLength(2);
    const p = plan(file);
    expect(p.pending).toEqual(['hr']);
    expect(p.use_cases.find((u) => u.id === 'derm')!.sensitivity).toBe('regulated');
  });

  it('--dismiss-suggestions WHY: recorded in the file; the plan no longer applies it', () => {
    const file = inventory();
    const r = tierplan([
      'classify',
      '--inventory',
      file,
      '--dismiss-suggestions',
      'HR lead: no staff data',
      '--where',
      'id=hr',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('dismissed: "HR lead: no staff data"');
    expect(plan(file).use_cases.find((u) => u.id === 'hr')!.sensitivity).toBe('internal');
  });

  it('--dry-run and --format json say what would change and write nothing', () => {
    const file = inventory();
    const r = tierplan(['classify', '--inventory', file, '--accept-suggestions', '--dry-run', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ action: 'accept', dry_run: true, changed: 0, files: [] });
    expect(report.groups.flatMap((g: { use_cases: string[] }) => g.use_cases).sort()).toEqual(['derm', 'hr', 'notes']);
    expect(readFileSync(file, 'utf8')).toBe(INVENTORY);
  });

  it('refuses, with exit 2 and nothing written: both decisions, a bad --where, a class the policy lacks', () => {
    const file = inventory();
    const both = tierplan(['classify', '--inventory', file, '--accept-suggestions', '--dismiss-suggestions', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const where = tierplan(['classify', '--inventory', file, '--where', 'team=a']);
    expect(where.code).toBe(2);
    expect(where.stderr).toContain('unknown field "team"');
    const unknown = inventory(INVENTORY.replace('[employee_data]', '[staff_secrets]'));
    const r = tierplan(['classify', '--inventory', unknown, '--accept-suggestions']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot accept suggested data class staff_secrets');
    expect(readFileSync(file, 'utf8')).toBe(INVENTORY);
  });
});

// A real-size, messy spreadsheet through the built binary, end to end: import → classify →
// validate → plan --out → verify. 3,000 seeded rows (Windows-1252, duplicate "Notes" headers,
// numeric ids repeated across owners, free-text stages, a blank PII answer on ~2,000 rows, health
// and personal words in some descriptions), generated into a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';
import { HEALTH_WORDS, PERSONAL_WORDS, messyRegister } from './support/messy-register.js';

const AS_OF = ['--as-of', '2026-11-24'];
const ROWS = 3_000;

// The ids are numbered per owner ("Ref" 1, 2, 3… in each team), so they repeat across owners and
// are left unmapped: ids are made from the names, repeats get -2, -3.
const MAPPING = `version: 1
columns:
  name: Use case
  owner: Business owner
  status: { column: Stage, values: { "Piloting": pilot, "Production": production, "Retired": retired } }
  description: Description
  task: { column: Task type, values: { "Q&A": search, "Translation": generation } }
  requests: Requests / month
data_classes:
  - column: Contains PII
    values: { "yes": [pii], "no": [], "n/a": [] }
  - column: Public data only
    values: { "yes": [public], "no": [] }
suggest:
  - words: [patient*, clinical, diagnos*, health*]
    data_class: phi
  - words: [personal, employee*, customer*]
    data_class: pii
`;

interface PlannedUseCase {
  id: string;
  tier: string | null;
  sensitivity: string;
  pending_suggestion: string[];
  decided_by: string;
}
interface Plan {
  tiers: { id: string; clearance: string }[];
  levels: { sensitivity: string[] };
  use_cases: PlannedUseCase[];
  pending: string[];
}
interface InventoryUseCase {
  id: string;
  description?: string;
  data?: { classes?: string[] };
  suggested?: { data_classes?: string[] };
}

const dir = mkdtempSync(join(tmpdir(), 'tierplan-spreadsheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string): string => join(dir, name);
const run = (args: string[]) => tierplan(args, { cwd: dir });
const mentions = (words: readonly string[], text = ''): boolean => words.some((w) => text.toLowerCase().includes(w));

describe('a 3,000-row messy spreadsheet to a validated plan and verified gateway configs', () => {
  it('import → classify → validate → plan --out → verify', { timeout: 300_000 }, () => {
    const register = messyRegister(ROWS, 20261206);
    expect(register.blankPii).toBeGreaterThan(1_900);
    expect(register.blankPii).toBeLessThan(2_100);
    writeFileSync(at('register.csv'), register.bytes);
    writeFileSync(at('mapping.yaml'), MAPPING);

    // import: the nameless rows are skipped (exit 1), the rest written; the encoding is detected.
    const imp = run([
      'import',
      'register.csv',
      '--mapping',
      'mapping.yaml',
      '--output-file',
      'inventory.yaml',
      '--json',
    ]);
    expect(imp.code, imp.stderr).toBe(1);
    const summary = JSON.parse(imp.stdout) as { imported: number; skipped: number; blank: number; encoding: string };
    expect(summary.encoding).toMatch(/1252/);
    expect(summary.blank).toBe(register.blank);
    expect(summary.skipped).toBe(register.nameless);
    expect(summary.imported).toBe(ROWS - register.blank - register.nameless);

    const imported = (parse(readFileSync(at('inventory.yaml'), 'utf8')) as { use_cases: InventoryUseCase[] }).use_cases;
    expect(imported).toHaveLength(summary.imported);
    expect(new Set(imported.map((u) => u.id)).size).toBe(imported.length);
    const health = imported.filter((u) => mentions(HEALTH_WORDS, u.description)).map((u) => u.id);
    const personal = imported.filter((u) => mentions(PERSONAL_WORDS, u.description)).map((u) => u.id);
    expect(health.length).toBeGreaterThan(200);
    expect(personal.length).toBeGreaterThan(200);
    const byId = new Map(imported.map((u) => [u.id, u]));
    for (const id of health) expect(byId.get(id)!.suggested?.data_classes).toContain('phi');

    // classify: the health suggestions are confirmed in bulk; the personal-data ones stay pending.
    const cls = run(['classify', '--inventory', 'inventory.yaml', '--accept-suggestions', '--where', 'suggested=phi']);
    expect(cls.code, cls.stderr).toBe(0);
    const classified = new Map(
      (parse(readFileSync(at('inventory.yaml'), 'utf8')) as { use_cases: InventoryUseCase[] }).use_cases.map((u) => [
        u.id,
        u,
      ]),
    );
    for (const id of health) expect(classified.get(id)!.data?.classes).toContain('phi');

    const val = run(['validate', '--inventory', 'inventory.yaml', ...AS_OF]);
    expect(val.code, val.stderr + val.stdout).toBe(0);

    const out = run(['plan', '--inventory', 'inventory.yaml', '--out', 'out', '--no-interactive', ...AS_OF]);
    expect(out.code, out.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(at('out/plan.json'), 'utf8')) as Plan;
    expect(plan.use_cases).toHaveLength(imported.length);
    expect(readFileSync(at('out/matrix.md'), 'utf8')).toContain('|');

    // The public tier: the one cleared for the lowest level. No use case whose description
    // mentions health or personal data is on it: health was confirmed as phi, personal data is a
    // pending suggestion applied fail-closed, and a blank PII answer is placed fail-closed.
    const levels = plan.levels.sensitivity;
    const lowest = levels[0];
    const clearances = plan.tiers.map((t) => levels.indexOf(t.clearance));
    const publicTier = plan.tiers[clearances.indexOf(Math.min(...clearances))]!.id;
    const placed = new Map(plan.use_cases.map((u) => [u.id, u]));
    for (const id of [...health, ...personal]) expect(placed.get(id)!.tier, id).not.toBe(publicTier);
    // A row that answered "no PII" but mentions personal data: the suggestion raises it, pending.
    const saidNo = personal.filter((id) => {
      const classes = classified.get(id)!.data?.classes;
      return classes?.every((c) => c === 'public') === true && !health.includes(id);
    });
    expect(saidNo.length).toBeGreaterThan(20);
    for (const id of saidNo) {
      expect(placed.get(id)!.pending_suggestion, id).toContain('pii');
      // plan.pending lists the ones still in use (a retired use case is placed nowhere).
      if (placed.get(id)!.decided_by !== 'retired') expect(plan.pending, id).toContain(id);
    }
    expect(plan.pending.length).toBeGreaterThan(0);
    for (const id of health) expect(plan.pending, id).not.toContain(id);
    // Some use cases are on the public tier all the same: the rows that said "public data only".
    expect(plan.use_cases.some((u) => u.tier === publicTier && u.sensitivity === lowest)).toBe(true);

    const ver = run(['verify', 'out', '--inventory', 'inventory.yaml', ...AS_OF]);
    expect(ver.code, ver.stderr + ver.stdout).toBe(0);
  });
});

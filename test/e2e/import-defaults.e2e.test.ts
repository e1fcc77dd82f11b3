// `tierplan import` with a mapping's constants: and defaults: through the built binary.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGoldenIn } from '../render/golden.js';
import { repo, tierplan } from './run-cli.js';

const FIX = 'test/import/fixtures';
const temp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-import-defaults-e2e-'));
const AS_OF = ['--as-of', '2026-11-24'];

describe('tierplan import with constants and defaults', () => {
  it('constants on every row, defaults by agency in blanks only; the inventory is the golden one and plans', () => {
    const dir = temp();
    const out = join(dir, 'inventory.yaml');
    const r = tierplan([
      'import',
      `${FIX}/agencies.csv`,
      '--mapping',
      `${FIX}/agencies-mapping.yaml`,
      '--output-file',
      out,
      ...AS_OF,
    ]);
    expect(r.stderr).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8').replace(
      /^# yaml-language-server: \$schema=.*$/m,
      '# yaml-language-server: $schema=../../../schemas/inventory.schema.json',
    );
    expectGoldenIn(join(repo, 'test/import/golden'), 'agencies-inventory.yaml', text);
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).code).toBe(0);
    const plan = tierplan(['plan', '--inventory', out, '--no-interactive', '--out', join(dir, 'plan'), ...AS_OF]);
    expect(plan.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'plan', 'plan.json'), 'utf8')) as {
      use_cases: { id: string; unclassified: string[] }[];
    };
    // A blank data-class cell filled by a default stays unknown (the default is a suggestion);
    // "TBD" mapped to unknown leaves the needs unclassified.
    expect(Object.fromEntries(json.use_cases.map((u) => [u.id, u.unclassified]))).toEqual({
      'dod-logistics': ['needs'],
      'gsa-chat': [],
      'hhs-search': [],
      'va-claims': ['data'],
      'va-triage': [],
    });
  });

  it('a constant for a mapped field and an unknown data class: exit 2 at the mapping line:column, nothing written', () => {
    const dir = temp();
    const map = join(dir, 'map.yaml');
    writeFileSync(
      map,
      'version: 1\ncolumns:\n  id: ID\n  name: Use case\n  owner: Owner\nconstants:\n  owner: AI office\n  data_classes: [phiz]\n',
    );
    const out = join(dir, 'inv.yaml');
    const r = tierplan(['import', `${FIX}/agencies.csv`, '--mapping', map, '--output-file', out, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${map}:7:10: error mapping-conflict: owner is both a constant and a column (columns.owner): a row cannot take both`,
    );
    expect(r.stderr).toContain(`${map}:8:18: error unknown-data-class: "phiz" is not a data class of the policy`);
    expect(r.stderr).toContain('did you mean "phi"?');
    expect(existsSync(out)).toBe(false);
  });

  it('the example in docs/import.md is a valid mapping part and reads the fixture', () => {
    const doc = readFileSync(join(repo, 'docs', 'import.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Constants and defaults'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = temp();
    const map = join(dir, 'map.yaml');
    writeFileSync(map, `version: 1\ncolumns:\n  id: ID\n  name: Use case\n  task: Task\n${yaml}`);
    const out = join(dir, 'inv.yaml');
    const r = tierplan(['import', `${FIX}/agencies.csv`, '--mapping', map, '--output-file', out, ...AS_OF]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('owner: DoD CDAO');
    expect(text).toContain('default for \\"Agency\\" = \\"VA\\"');
  });

  it('--init-mapping ends the starter with commented-out constants and defaults', () => {
    const map = join(temp(), 'map.yaml');
    expect(tierplan(['import', '--init-mapping', `${FIX}/agencies.csv`, '--output-file', map]).code).toBe(0);
    const text = readFileSync(map, 'utf8');
    expect(text).toContain('\n# constants:\n#   regimes: [gdpr]\n# defaults:\n');
    expect(text).toContain('#   - set: { task: unknown }\n');
  });
});

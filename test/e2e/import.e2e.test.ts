// `tierplan import` through the built binary: exit codes, the summary, the written file.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGoldenIn } from '../render/golden.js';
import { register, REGISTER_MAPPING } from '../import/support/register.js';
import { repo, tierplan } from './run-cli.js';

const FIX = 'test/import/fixtures';
const temp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-import-e2e-'));
const AS_OF = ['--as-of', '2026-11-24'];

describe('tierplan import', () => {
  it('the old --out (and -o) still writes the file, with a one-line deprecation note; with --output-file it is refused', () => {
    const dir = temp();
    for (const flag of ['--out', '-o']) {
      const out = join(dir, `inventory${flag}.yaml`);
      const r = tierplan(['import', `${FIX}/crlf.csv`, '--mapping', `${FIX}/mapping.yaml`, flag, out, ...AS_OF]);
      expect(r.code).toBe(0);
      expect(r.stderr.split('\n')[0]).toBe(
        `note: import --out is deprecated (--out names a folder in every other command) and will be removed in the next release: use --output-file ${out}`,
      );
      expect(existsSync(out)).toBe(true);
    }
    const both = tierplan([
      'import',
      `${FIX}/crlf.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--out',
      'a.yaml',
      '--output-file',
      'b.yaml',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: --out is the old name of --output-file: give the file once, with --output-file\n');
  });

  it('a clean file: exit 0, the summary on stderr, an inventory that validates', () => {
    const dir = temp();
    const out = join(dir, 'inventory.yaml');
    const r = tierplan([
      'import',
      `${FIX}/crlf.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      out,
      ...AS_OF,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rows read\s+2\n\s+imported\s+2\n\s+skipped\s+0\n\s+blank\s+0/);
    expect(r.stderr).toContain(`wrote ${out}: 2 use cases.`);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/inventory\.schema\.json$/);
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).code).toBe(0);
  });

  it('the messy fixture: exit 1 with each skipped row and its reason; the inventory written is the golden one', () => {
    const dir = temp();
    const out = join(dir, 'inventory.yaml');
    const r = tierplan([
      'import',
      `${FIX}/messy.csv`,
      '--mapping',
      `${FIX}/messy-mapping.yaml`,
      '--output-file',
      out,
      ...AS_OF,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(CSV, utf8 with BOM, comma-separated)');
    expect(r.stderr).toMatch(
      /rows read\s+11\n\s+imported\s+8 {2}\(2 ids made from names\)\n\s+skipped\s+2\n\s+blank\s+1/,
    );
    expect(r.stderr).toContain('line 8: no id and no name ("Use case ID" and "Use case" blank)');
    expect(r.stderr).toContain(
      'line 12: override expiry in column "Exception expires": "next quarter" is not a date tierplan reads: write it as YYYY-MM-DD',
    );
    // The schema line depends on where the file is written; the rest is the golden.
    const text = readFileSync(out, 'utf8').replace(
      /^# yaml-language-server: \$schema=.*$/m,
      '# yaml-language-server: $schema=../../../schemas/inventory.schema.json',
    );
    expectGoldenIn(join(repo, 'test/import/golden'), 'messy-inventory.yaml', text);
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).code).toBe(0);
  });

  it('--json: the summary as JSON on stdout, every skipped row listed', () => {
    const dir = temp();
    const r = tierplan([
      'import',
      `${FIX}/dates.csv`,
      '--mapping',
      `${FIX}/dates-mapping.yaml`,
      '--output-file',
      join(dir, 'inv.yaml'),
      '--json',
      ...AS_OF,
    ]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as {
      rows_read: number;
      imported: number;
      skipped: number;
      blank: number;
      skipped_rows: { line: number }[];
      encoding: string;
      output: string;
    };
    expect([s.rows_read, s.imported, s.skipped, s.blank, s.encoding]).toEqual([9, 6, 3, 0, 'utf8']);
    expect(s.skipped_rows.map((k) => k.line)).toEqual([7, 8, 10]);
    expect(s.output).toBe(join(dir, 'inv.yaml'));
  });

  it('says when it read Windows-1252', () => {
    const r = tierplan([
      'import',
      `${FIX}/windows-1252.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      join(temp(), 'inv.yaml'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('windows-1252 (detected: the file is not valid UTF-8)');
  });

  it('a mapped column not in the header: exit 2, the mapping file:line:column, expected vs found, did you mean; nothing written', () => {
    const dir = temp();
    writeFileSync(join(dir, 'map.yaml'), 'version: 1\ncolumns:\n  id: ID\n  name: Use case\n  status: Stgae\n');
    const out = join(dir, 'inv.yaml');
    const r = tierplan(['import', `${FIX}/bom.csv`, '--mapping', join(dir, 'map.yaml'), '--output-file', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'map.yaml')}:5:11: error unknown-column: no column "Stgae" in the header`);
    expect(r.stderr).toContain('did you mean "Stage"?');
    expect(r.stderr).toContain('the header has: "ID", "Use case", "Owner", "Stage", "Description", "Contains PII"');
    expect(existsSync(out)).toBe(false);
  });

  it('bad input is exit 2: an invalid mapping, a missing file, an existing output without --force', () => {
    const dir = temp();
    writeFileSync(join(dir, 'map.yaml'), 'version: 1\ncolumns:\n  name: Use case\n  colour: Red\n');
    const bad = tierplan([
      'import',
      `${FIX}/bom.csv`,
      '--mapping',
      join(dir, 'map.yaml'),
      '--output-file',
      join(dir, 'inv.yaml'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'map.yaml')}:4:3: error unknown-key: unknown key "colour"`);
    const missing = tierplan([
      'import',
      join(dir, 'nope.csv'),
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      join(dir, 'inv.yaml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file not found');
    writeFileSync(join(dir, 'inv.yaml'), '# mine\n');
    const exists = tierplan([
      'import',
      `${FIX}/bom.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      join(dir, 'inv.yaml'),
    ]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/already exists: pass --force/);
    expect(readFileSync(join(dir, 'inv.yaml'), 'utf8')).toBe('# mine\n');
    const forced = tierplan([
      'import',
      `${FIX}/bom.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      join(dir, 'inv.yaml'),
      '--force',
    ]);
    expect(forced.code).toBe(0);
    const noMapping = tierplan(['import', `${FIX}/bom.csv`]);
    expect(noMapping.code).toBe(2);
    expect(noMapping.stderr).toContain('tierplan import --init-mapping');
  });

  it("--merge adds only the new use cases, keeps the file's text, and importing the same sheet again adds nothing", () => {
    const dir = temp();
    const out = join(dir, 'inventory.yaml');
    writeFileSync(
      out,
      '# ours: keep this comment\nversion: 1\nuse_cases:\n  - id: a-one   # hand-written\n    name: First, as we named it\n',
    );
    const r = tierplan([
      'import',
      `${FIX}/crlf.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      out,
      '--merge',
      ...AS_OF,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /merge into .*inventory\.yaml:\n {2}added {7}1 {2}b-two\n {2}updated {5}0\n {2}unchanged {3}0\n {2}changed {5}1 /,
    );
    expect(r.stderr).toContain('    a-one: name, owner, status, description, data.classes\n');
    expect(r.stderr).toContain(`added 1 use case to ${out} (its comments and use cases kept).`);
    const text = readFileSync(out, 'utf8');
    expect(
      text.startsWith(
        '# ours: keep this comment\nversion: 1\nuse_cases:\n  - id: a-one   # hand-written\n    name: First, as we named it\n  - id: b-two\n',
      ),
    ).toBe(true);
    const again = tierplan([
      'import',
      `${FIX}/crlf.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      out,
      '--merge',
      ...AS_OF,
    ]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing written: no use case to add to');
    expect(again.stderr).toMatch(/added {7}0\n {2}updated {5}0\n {2}unchanged {3}1\n {2}changed {5}1 /);
    expect(readFileSync(out, 'utf8')).toBe(text);
    const json = tierplan([
      'import',
      `${FIX}/crlf.csv`,
      '--mapping',
      `${FIX}/mapping.yaml`,
      '--output-file',
      out,
      '--merge',
      '--json',
      ...AS_OF,
    ]);
    expect(JSON.parse(json.stdout).merge).toEqual({
      counts: { added: 0, updated: 0, unchanged: 1, changed: 1, conflicting: 0 },
      added: [],
      updated: [],
      unchanged: [{ line: 3, id: 'b-two' }],
      changed: [{ line: 2, id: 'a-one', fields: ['name', 'owner', 'status', 'description', 'data.classes'] }],
      conflicting: [],
    });
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).code).toBe(0);
    expect(
      tierplan([
        'import',
        `${FIX}/crlf.csv`,
        '--mapping',
        `${FIX}/mapping.yaml`,
        '--output-file',
        out,
        '--merge',
        '--force',
      ]).code,
    ).toBe(2);
  });

  it('--merge writes a data class a row adds, in place; --update carries the other fields over', () => {
    const dir = temp();
    const out = join(dir, 'inventory.yaml');
    const sheet = join(dir, 'sheet.csv');
    writeFileSync(
      out,
      '# ours\nversion: 1\nuse_cases:\n  - id: a-one   # hand-written\n    name: First\n    owner: o@example.com\n    status: production\n    description: One\n    data:\n      classes: []\n',
    );
    writeFileSync(
      sheet,
      'ID,Use case,Owner,Stage,Description,Contains PII\na-one,First,new@example.com,In prod,One,Yes\n',
    );
    const args = ['import', sheet, '--mapping', `${FIX}/mapping.yaml`, '--output-file', out, '--merge', ...AS_OF];
    const r = tierplan(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('    a-one: wrote data.classes; kept owner\n');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  - id: a-one   # hand-written\n');
    expect(text).toContain('    owner: o@example.com\n');
    expect(text).toMatch(/classes:\s*\[pii\]|classes:\n\s+- pii/);
    const updated = tierplan([...args, '--update']);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain('    a-one: wrote owner\n');
    expect(readFileSync(out, 'utf8')).toContain('    owner: new@example.com\n');
    expect(tierplan(['import', sheet, '--mapping', `${FIX}/mapping.yaml`, '--output-file', out, '--update']).code).toBe(
      2,
    );
  });

  it('--init-mapping writes a commented starter that imports the file as it is', () => {
    const dir = temp();
    const map = join(dir, 'map.yaml');
    const r = tierplan(['import', '--init-mapping', `${FIX}/messy.csv`, '--output-file', map]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*map\.yaml: 14 of 17 columns mapped/);
    const text = readFileSync(map, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/import-mapping\.schema\.json$/);
    expect(text).toContain('# guessed from the header of column A "Use case ID"');
    expect(text).toContain('Notes  (a repeated header: { name: "Notes", occurrence: 2 })');
    const imported = tierplan([
      'import',
      `${FIX}/messy.csv`,
      '--mapping',
      map,
      '--output-file',
      join(dir, 'inv.yaml'),
      ...AS_OF,
    ]);
    expect(imported.code).toBe(1);
    expect(tierplan(['validate', '--inventory', join(dir, 'inv.yaml'), ...AS_OF]).code).toBe(0);
  });

  it('2,000 generated rows: import, validate and plan on the result', () => {
    const dir = temp();
    const reg = register(2000);
    writeFileSync(join(dir, 'register.csv'), reg.csv);
    writeFileSync(join(dir, 'map.yaml'), REGISTER_MAPPING);
    const out = join(dir, 'inventory.yaml');
    const r = tierplan([
      'import',
      join(dir, 'register.csv'),
      '--mapping',
      join(dir, 'map.yaml'),
      '--output-file',
      out,
      '--json',
      ...AS_OF,
    ]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as {
      rows_read: number;
      imported: number;
      skipped: number;
      blank: number;
      skipped_rows: { reason: string }[];
    };
    expect(s.rows_read).toBe(2000);
    expect(s.blank).toBe(reg.blank);
    expect(s.skipped).toBe(reg.nameless);
    expect(s.skipped_rows.every((k) => k.reason.startsWith('no id and no name'))).toBe(true);
    expect(s.imported + s.skipped + s.blank).toBe(2000);
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).stdout).toContain(`valid: ${s.imported} use cases`);
    // Through --out: the JSON of ~2,000 use cases is more than spawnSync buffers from stdout.
    const plan = tierplan(['plan', '--inventory', out, '--out', join(dir, 'plan'), '--no-interactive', ...AS_OF]);
    expect(plan.code).toBe(0);
    const p = JSON.parse(readFileSync(join(dir, 'plan', 'plan.json'), 'utf8')) as {
      use_cases: { id: string; unclassified: string[] }[];
    };
    expect(p.use_cases).toHaveLength(s.imported);
    expect(new Set(p.use_cases.map((u) => u.id)).size).toBe(s.imported);
    // Blank answers stay unknown (placed fail-closed), the others are classified from the columns.
    expect(p.use_cases.some((u) => u.unclassified.includes('data'))).toBe(true);
    expect(p.use_cases.some((u) => !u.unclassified.includes('data'))).toBe(true);
  });
});

describe('docs/import.md: from a spreadsheet to a plan', () => {
  const EXAMPLE = 'examples/import/ai-use-case-register.csv';

  it('the steps in order, on the bundled example: init-mapping, import with the finished mapping, validate, plan', () => {
    const dir = temp();
    const starter = tierplan(['import', EXAMPLE, '--init-mapping', '--output-file', join(dir, 'import-mapping.yaml')]);
    expect(starter.code).toBe(0);
    const out = join(dir, 'inventory.yaml');
    const r = tierplan([
      'import',
      EXAMPLE,
      '--mapping',
      'examples/import/import-mapping.yaml',
      '--output-file',
      out,
      ...AS_OF,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /rows read\s+10\n\s+imported\s+9 {2}\(2 ids made from names\)\n\s+skipped\s+0\n\s+blank\s+1/,
    );
    expect(r.stderr).toContain(
      '"Maybe" in column "Card data" is not one of the mapping\'s values for it: data classes left unknown',
    );
    expect(tierplan(['validate', '--inventory', out, ...AS_OF]).stdout).toContain('valid: 9 use cases');
    const plan = tierplan(['plan', '--inventory', out, '--format', 'json', ...AS_OF]);
    expect(plan.code).toBe(0);
    const p = JSON.parse(plan.stdout) as { use_cases: { id: string; tier: string | null; unclassified: string[] }[] };
    const tier = Object.fromEntries(p.use_cases.map((u) => [u.id, u.tier]));
    expect(tier).toMatchObject({ 'uc-006': 'on-prem', 'marketing-copy-generator': 'api' });
    // UC-001 is the id of two rows: each gets a fingerprint of its content, whatever the row order.
    expect(Object.keys(tier).filter((id) => /^uc-001-[0-9a-f]{8}$/.test(id))).toHaveLength(2);
    // A blank or unexpected answer stays unknown: placed fail-closed, never guessed.
    expect(
      p.use_cases
        .filter((u) => u.unclassified.includes('data'))
        .map((u) => u.id)
        .sort(),
    ).toEqual(['call-centre-transcription', 'uc-004']);
  });

  it('the mapping shown in docs/import.md is valid and reads the example register', () => {
    const readme = readFileSync(join(repo, 'docs', 'import.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## From a spreadsheet to a plan'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(yaml).toContain('import-mapping.schema.json');
    const dir = temp();
    writeFileSync(join(dir, 'map.yaml'), yaml);
    const r = tierplan([
      'import',
      EXAMPLE,
      '--mapping',
      join(dir, 'map.yaml'),
      '--output-file',
      join(dir, 'inv.yaml'),
      ...AS_OF,
    ]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'inv.yaml'), 'utf8')).toContain('description: to check with DPO');
  });
});

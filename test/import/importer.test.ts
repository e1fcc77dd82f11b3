import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../src/core/import/mapping-types.js';
import { imported, run } from './helpers.js';

const BASE: ImportMapping = {
  version: 1,
  columns: { id: 'ID', name: 'Name', owner: 'Owner', status: 'Stage', description: 'Description' },
  data_classes: [{ column: 'Contains PII', values: { yes: ['pii'], no: [], 'n/a': [] } }],
};
const H = 'ID,Name,Owner,Stage,Description,Contains PII\n';

describe('data classes from a yes/no column', () => {
  it('Yes → pii, No and N/A → none, blank or unmapped → unknown (classes absent)', () => {
    const r = imported(BASE, `${H}a,A,,Live,,Yes\nb,B,,Live,,No\nc,C,,Live,,N/A\nd,D,,Live,,\ne,E,,Live,,Maybe\n`);
    expect(r.useCases.map((u) => [u.id, u.data?.classes])).toEqual([
      ['a', ['pii']],
      ['b', []],
      ['c', []],
      ['d', undefined],
      ['e', undefined],
    ]);
    expect(r.warnings).toEqual([
      {
        line: 6,
        id: 'e',
        message: expect.stringMatching(/"Maybe" in column "Contains PII" is not one of the mapping's values/),
      },
    ]);
  });

  it('one known and one unknown column: the known classes become a suggestion, not a fact', () => {
    const mapping: ImportMapping = {
      ...BASE,
      data_classes: [...BASE.data_classes!, { column: 'Health', values: { yes: ['phi'], no: [] } }],
    };
    const r = imported(mapping, 'ID,Name,Owner,Stage,Description,Contains PII,Health\na,A,,,,Yes,\n');
    expect(r.useCases[0]!.data).toBeUndefined();
    expect(r.useCases[0]!.suggested).toEqual({
      data_classes: ['pii'],
      because: ['data classes pii: column "Contains PII" says "Yes", but column "Health" is blank'],
    });
  });

  it("a list column: names of the policy, spelt loosely, with the mapping's synonyms; others leave the classes unknown", () => {
    const mapping: ImportMapping = {
      version: 1,
      columns: { name: 'Name' },
      data_classes: [{ column: 'Data', values: { 'health data': ['phi'] } }],
      regimes: [{ column: 'Rules' }],
    };
    const r = imported(
      { ...mapping, data_classes: [{ ...mapping.data_classes![0]!, split: true }] },
      'Name,Data,Rules\nA,"Customer data; Health data",GDPR\nB,"pii, gossip",\nC,none-of-these,PCI-DSS\n',
    );
    expect(r.useCases.map((u) => u.data)).toEqual([
      { classes: ['customer_data', 'phi'], regimes: ['gdpr'] },
      undefined,
      { regimes: ['pci_dss'] },
    ]);
    expect(r.warnings.map((w) => w.line)).toEqual([3, 4]);
  });
});

describe('rows', () => {
  it("status synonyms, trimmed cells, a mapping's own values", () => {
    const mapping: ImportMapping = {
      ...BASE,
      columns: { ...BASE.columns, status: { column: 'Stage', values: { 'On hold': 'pilot' } } },
    };
    const r = imported(
      mapping,
      `${H}  a  ,  A  ,  me@example.com ,  IN PROD ,  desc  ,no\nb,B,,on   HOLD,,no\nc,C,,Phase 9,,no\n`,
    );
    expect(r.useCases.map((u) => [u.id, u.name, u.owner, u.status, u.description])).toEqual([
      ['a', 'A', 'me@example.com', 'production', 'desc'],
      ['b', 'B', undefined, 'pilot', undefined],
      ['c', 'C', undefined, undefined, undefined],
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/"Phase 9" in column "Stage" is not a stage/),
    ]);
  });

  it('blank ids from names; a given id keeps its slug, names wanting it get a fingerprint; no id and no name is skipped', () => {
    const r = imported(
      BASE,
      `${H},Café Bot,,,,no\n,Café bot!,,,,no\ncafe-bot,Another,,,,no\n,,o@example.com,,,no\n,,,,,\n`,
    );
    expect(r.useCases.map((u) => u.id)).toEqual(['cafe-bot-b45fcba7', 'cafe-bot-37bd4dfa', 'cafe-bot']);
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, '3 rows want the id "cafe-bot": each gets a fingerprint of its id, name, owner and description'],
      [3, '3 rows want the id "cafe-bot": each gets a fingerprint of its id, name, owner and description'],
    ]);
    expect(r.skipped).toEqual([{ line: 5, reason: 'no id and no name ("ID" and "Name" blank)' }]);
    expect([r.read, r.imported, r.skipped.length, r.blank, r.derivedIds]).toEqual([5, 3, 1, 1, 2]);
  });

  it('the same rows reversed get the same ids', () => {
    const rows = [',Café Bot,,,,no', ',Café bot!,,,,no', 'cafe-bot,Another,,,,no', '35,A,,,,no', '35,B,,,,no'];
    const ids = (rs: string[]) => new Map(imported(BASE, `${H}${rs.join('\n')}\n`).useCases.map((u) => [u.name, u.id]));
    expect(ids([...rows].reverse())).toEqual(ids(rows));
  });

  it('a composite id joins its columns; a blank part derives the id from the name', () => {
    const mapping: ImportMapping = { ...BASE, columns: { ...BASE.columns, id: ['Owner', 'ID'] } };
    const r = imported(mapping, `${H}35,A,Agency One,,,no\n35,B,Agency Two,,,no\n,C,Agency Two,,,no\n`);
    expect(r.useCases.map((u) => u.id)).toEqual(['agency-one-35', 'agency-two-35', 'c']);
    // Joining parts into a slug is what a composite id does: no "not a slug" warning.
    expect(r.warnings).toEqual([]);
  });

  it('long names are cut at a word and fingerprinted, so names alike for 63 characters stay apart', () => {
    const long = 'Automated triage of incoming correspondence for the benefits programme office';
    const r = imported(BASE, `${H},${long} north,,,,no\n,${long} south,,,,no\n`);
    const [a, b] = r.useCases.map((u) => u.id);
    expect(a).not.toBe(b);
    for (const id of [a!, b!]) {
      expect(id.length).toBeLessThanOrEqual(63);
      expect(id).toMatch(/^automated-triage-of-incoming-correspondence-for-the-[0-9a-f]{8}$/);
    }
  });

  it('a name with no ASCII letters gets a stable fingerprint id', () => {
    const a = imported(BASE, `${H},客服机器人,,,,no\n`).useCases[0]!.id;
    expect(a).toMatch(/^use-case-[0-9a-f]{8}$/);
    expect(imported(BASE, `${H},客服机器人,,,,no\n`).useCases[0]!.id).toBe(a);
  });

  it('a row whose cell holds an API key is skipped, and the key is not repeated', () => {
    const key = `sk-proj-${'a1B2c3D4'.repeat(4)}`;
    const r = imported(BASE, `${H}a,A,,,${key},no\n`);
    expect(r.skipped).toEqual([
      { line: 2, reason: expect.stringMatching(/description holds an OpenAI or Anthropic API key/) },
    ]);
    expect(JSON.stringify(r)).not.toContain(key);
  });
});

describe('overrides', () => {
  const mapping: ImportMapping = {
    version: 1,
    date_format: 'MM/DD/YYYY',
    columns: {
      id: 'ID',
      name: 'Name',
      override_tier: 'Tier',
      override_reason: 'Why',
      override_expires: 'Until',
      override_approved_by: 'By',
    },
  };
  it('dates in free text, tier by id or name; expired ones are dropped with a warning; incomplete or unreadable ones skip the row', () => {
    const r = imported(
      mapping,
      'ID,Name,Tier,Why,Until,By\n' +
        'a,A,On-Prem,DSA,03/01/2027,ciso@example.com\nb,B,Private cloud,DSA,1 March 2027,\nc,C,on-prem,DSA,2020-01-01,\n' +
        'd,D,on-prem,,2027-01-01,\ne,E,on-prem,DSA,someday,\nf,F,mainframe,DSA,2027-01-01,\n',
    );
    expect(r.useCases.map((u) => [u.id, u.override])).toEqual([
      ['a', { tier: 'on-prem', reason: 'DSA', approved_by: 'ciso@example.com', expires: '2027-03-01' }],
      ['b', { tier: 'private-cloud', reason: 'DSA', expires: '2027-03-01' }],
      ['c', undefined],
    ]);
    expect(r.warnings).toEqual([
      { line: 4, id: 'c', message: expect.stringMatching(/expired on 2020-01-01 \(as of 2026-11-24\): not imported/) },
    ]);
    expect(r.skipped).toEqual([
      { line: 5, reason: expect.stringMatching(/incomplete override.*"Why" is blank/) },
      {
        line: 6,
        reason: 'override expiry in column "Until": "someday" is not a date tierplan reads: write it as YYYY-MM-DD',
      },
      { line: 7, reason: expect.stringMatching(/override tier "mainframe" is not a tier of the policy/) },
    ]);
  });
});

describe('keyword rules suggest, never decide', () => {
  const mapping: ImportMapping = {
    ...BASE,
    suggest: [
      { words: ['patient*', 'diagnosis'], data_class: 'phi' },
      { words: ['summar*'], task: 'summarization' },
      { columns: ['Owner'], words: ['hr'], data_class: 'employee_data' },
    ],
  };
  it('writes suggested with the reason; data and needs stay as the columns said', () => {
    const r = imported(
      mapping,
      `${H}a,Discharge summaries,hr@example.com,,Summarises PATIENT notes,No\nb,Patientenportal,,,,\n`,
    );
    expect(r.useCases[0]).toMatchObject({
      data: { classes: [] },
      suggested: {
        data_classes: ['phi', 'employee_data'],
        task: 'summarization',
        because: [
          'data class phi: column "Description" mentions "patient*"',
          'task summarization: column "Name" mentions "summar*"',
          'data class employee_data: column "Owner" mentions "hr"',
        ],
      },
    });
    expect(r.useCases[0]!.needs).toBeUndefined();
    // Whole words only, with * for endings: "Patientenportal" matches patient* …
    expect(r.useCases[1]!.suggested?.data_classes).toEqual(['phi']);
    // … and "diagnosis" does not match "diagnosiscode".
    expect(imported(mapping, `${H}c,C,,,diagnosiscode,No\n`).useCases[0]!.suggested).toBeUndefined();
  });
});

describe('mapping problems against the header', () => {
  it('a missing column, with did you mean and the header', () => {
    const r = run({ ...BASE, columns: { ...BASE.columns, status: 'Stgae' } }, H);
    expect(r.result).toBeUndefined();
    expect(r.problems).toEqual([
      {
        code: 'unknown-column',
        severity: 'error',
        path: ['columns', 'status'],
        message: 'no column "Stgae" in the header',
        hint: 'did you mean "Stage"?\nthe header has: "ID", "Name", "Owner", "Stage", "Description", "Contains PII"',
      },
    ]);
  });

  it('positions, letters, occurrences; a repeated name without occurrence warns', () => {
    const csv = 'ID,Name,Notes,Notes\nx,X,first,second\n';
    const ok = run(
      {
        version: 1,
        columns: { id: 1, name: { letter: 'b' }, description: { name: 'Notes', occurrence: 2 }, owner: 'Notes' },
      },
      csv,
    );
    expect(ok.result!.useCases[0]).toMatchObject({ id: 'x', name: 'X', description: 'second', owner: 'first' });
    expect(ok.problems).toEqual([
      expect.objectContaining({ code: 'ambiguous-column', severity: 'warning', path: ['columns', 'owner'] }),
    ]);
    const bad = run({ version: 1, columns: { id: 9, name: { name: 'Notes', occurrence: 3 } } }, csv);
    expect(bad.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['columns.id', 'column 9 is past the end of the header, which has 4 columns'],
      ['columns.name', 'the header has 2 columns named "Notes", not 3'],
    ]);
  });

  it('names the policy lacks are mapping errors, before any row is read', () => {
    const r = run(
      {
        ...BASE,
        data_classes: [{ column: 'Contains PII', values: { yes: ['PII'] } }],
        suggest: [{ words: ['x'], data_class: 'health' }],
      },
      H,
    );
    expect(r.problems.map((p) => [p.path.join('.'), p.message, p.hint])).toEqual([
      ['data_classes.0.values.yes.0', '"PII" is not a data class of the policy', 'did you mean "pii"?'],
      [
        'suggest.0.data_class',
        '"health" is not a data class of the policy',
        expect.stringMatching(/^the policy's data classes: public, /),
      ],
    ]);
  });
});

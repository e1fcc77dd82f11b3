import { afterAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/io/usage/mapping.js';
import { diagnosticsOf, fixture, read, removeTempDirs, temp } from './helpers.js';

afterAll(removeTempDirs);

describe('usage mapping files', () => {
  it('reads any CSV through a mapping: columns, time format, failed values, tags', async () => {
    const mapping = await loadMapping(fixture('mapped', 'mapping.yaml'));
    const file = fixture('mapped', 'usage.csv');
    const { rows, counts, rejected, formats } = await read([file], { mapping });
    expect(formats[file]).toBe('mapped (csv, "|", utf8)');
    expect(counts).toEqual({ read: 3, accepted: 2, rejected: 1 });
    expect(rejected).toEqual([{ file, line: 3, reason: 'tokens_out is not a number: "x"' }]);
    expect(
      rows.map((r) => [r.time, r.alias, r.tags, r.input_tokens, r.output_tokens, r.cost, r.failed, r.requests]),
    ).toEqual([
      ['2025-05-01T13:45:00.000Z', 'claims-triage', ['tierplan-tier:onprem'], 1200, 300, 0.0125, false, 1],
      ['2025-05-02T09:00:00.000Z', 'marketing-copy', [], 10, 5, 0.1, true, 1],
    ]);
  });

  it('reads JSONL through a mapping, with dotted paths into nested objects and epoch seconds', async () => {
    const mapping = {
      version: 1 as const,
      format: 'jsonl' as const,
      time_format: 'epoch_s' as const,
      columns: { time: 'ts', alias: 'meta.use_case', tokens: 'usage.total' },
    };
    const file = temp(
      'u.jsonl',
      '{"ts": 1746094500, "meta": {"use_case": "a"}, "usage": {"total": 42}}\n{"ts": "soon", "usage": {"total": 1}}\n',
    );
    const { rows, rejected } = await read([file], { mapping });
    expect(rows.map((r) => [r.time, r.alias, r.input_tokens])).toEqual([['2025-05-01T10:15:00.000Z', 'a', 42]]);
    expect(rejected[0]).toMatchObject({ line: 2 });
  });

  it('a wrong mapping file is an InputError positioned in the YAML', async () => {
    const file = temp('m.yaml', 'version: 1\nformat: xlsx\ncolumns:\n  time: day\n  tokns: t\n');
    const diagnostics = await diagnosticsOf(loadMapping(file));
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'invalid-value'],
      [5, 'unknown-key'],
    ]);
    const none = temp('n.yaml', 'version: 1\nformat: csv\ncolumns:\n  time: day\n');
    const [d] = await diagnosticsOf(loadMapping(none));
    expect(d?.message).toBe(
      'the mapping names no measure: name at least one of tokens, input_tokens, output_tokens, cost, requests',
    );
  });
});

// One rule for every number in every usage format: the same hostile values fed through LiteLLM
// CSV (fast path and general mapper), LiteLLM JSONL and JSON, FOCUS CSV and a mapped CSV must be
// accepted or refused alike, with the same reason, and nothing accepted may be non-finite.
import { afterEach, describe, expect, it } from 'vitest';
import { LITELLM_HEADER, litellmLine, read, removeTempDirs, temp } from './helpers.js';

afterEach(removeTempDirs);

// Each value with whether a token count may hold it and whether a cost may (the cost bound is
// 1e12, the count bound 1e15); -0 and 1e-400 read as 0, ` 12 ` as 12.
const VALUES: [string, boolean, boolean][] = [
  ['12', true, true],
  ['1e300', false, false],
  ['1e309', false, false],
  ['-0', true, true],
  ['NaN', false, false],
  ['Infinity', false, false],
  ['0x10', false, false],
  ['1_000', false, false],
  [' 12 ', true, true],
  ['1e-400', true, true],
  ['1e15', true, false],
  ['1000000000000001', false, false],
  ['999999999999999', true, false],
  ['1e13', true, false],
];

/** The value as JSON: a number literal when JSON has one for it, else a string. */
function jsonValue(v: string): string {
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v) ? v : JSON.stringify(v);
}

const START = '2025-05-01T09:00:00Z';

function jsonObject(field: 'prompt' | 'spend', v: string): string {
  const prompt = field === 'prompt' ? jsonValue(v) : '100';
  const spend = field === 'spend' ? jsonValue(v) : '0.002';
  return `{"request_id":"r","spend":${spend},"prompt_tokens":${prompt},"completion_tokens":20,"startTime":"${START}","model_group":"support-bot","status":"success"}`;
}

interface Decision {
  accepted: boolean;
  reason?: string;
}

async function decisions(file: string, opts: Parameters<typeof read>[1] = {}): Promise<Decision[]> {
  const { rows, rejected, counts } = await read([file], opts);
  for (const r of rows) {
    for (const n of [r.input_tokens, r.output_tokens, r.requests, r.cost ?? 0]) {
      expect(Number.isFinite(n)).toBe(true);
      expect(Object.is(n, -0)).toBe(false); // -0 reads as 0 in every format
    }
  }
  expect(counts.read).toBe(VALUES.length);
  const byLine = new Map(rejected.map((r) => [r.line, r.reason]));
  const firstLine = file.endsWith('.csv') ? 2 : 1;
  return VALUES.map((_, i) => {
    const reason = byLine.get(i + firstLine);
    return reason === undefined ? { accepted: true } : { accepted: false, reason };
  });
}

describe('hostile numbers in usage exports', () => {
  for (const field of ['prompt', 'spend'] as const) {
    const name = field === 'prompt' ? 'prompt_tokens' : 'spend';
    it(`${name}: CSV, JSONL and JSON accept and refuse the same values for the same reason`, async () => {
      const csvCell = (v: string): string => (v.includes(' ') ? `"${v}"` : v);
      const csv = temp(
        'u.csv',
        [LITELLM_HEADER, ...VALUES.map(([v]) => litellmLine({ [field]: csvCell(v), end: '' })), ''].join('\n'),
      );
      const jsonl = temp('u.jsonl', `${VALUES.map(([v]) => jsonObject(field, v)).join('\n')}\n`);
      // A JSON array's rows are numbered by their line, one object a line here.
      const json = temp('u.json', `[${VALUES.map(([v]) => jsonObject(field, v)).join(',\n')}]\n`);
      const fromCsv = await decisions(csv);
      expect(fromCsv.map((d) => d.accepted)).toEqual(
        VALUES.map(([, count, cost]) => (field === 'prompt' ? count : cost)),
      );
      expect(await decisions(jsonl)).toEqual(fromCsv);
      expect(await decisions(json)).toEqual(fromCsv);
    });
  }

  it('the out-of-range reason names the field and the value as read', async () => {
    const csv = temp(
      'u.csv',
      [LITELLM_HEADER, litellmLine({ prompt: '1e309' }), litellmLine({ spend: '1e13' }), ''].join('\n'),
    );
    const { rejected } = await read([csv]);
    expect(rejected.map((r) => r.reason)).toEqual([
      'prompt_tokens is out of range (at most 1e+15 in size): Infinity',
      'spend is out of range (at most 1e+12 in size): 10000000000000',
    ]);
  });

  it('FOCUS and mapped CSV apply the same bounds (FOCUS credits may be negative, within the bound)', async () => {
    const focus = temp(
      'f.csv',
      [
        'ChargePeriodStart,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,ChargeCategory',
        ...VALUES.map(([v]) => `${START},1,${v.includes(' ') ? `"${v}"` : v},10,Tokens,Usage`),
        `${START},1,-5,10,Tokens,Credit`,
        `${START},1,-1e13,10,Tokens,Credit`,
        `${START},1,1,1e15,1M Tokens,Usage`,
        '',
      ].join('\n'),
    );
    const { rows, rejected } = await read([focus]);
    const refused = new Set(rejected.map((r) => r.line));
    expect(VALUES.map((_, i) => !refused.has(i + 2))).toEqual(VALUES.map(([, , cost]) => cost));
    expect(rows.some((r) => r.cost === -5)).toBe(true);
    expect(refused.has(VALUES.length + 3)).toBe(true);
    expect(rejected.at(-1)?.reason).toMatch(/^ConsumedQuantity is out of range/);

    const mapped = temp(
      'm.csv',
      ['day,n', ...VALUES.map(([v]) => `${START},${v.includes(' ') ? `"${v}"` : v}`), ''].join('\n'),
    );
    const mapping = { version: 1 as const, format: 'csv' as const, columns: { time: 'day', tokens: 'n' } };
    const fromMapped = await read([mapped], { mapping });
    const refusedMapped = new Set(fromMapped.rejected.map((r) => r.line));
    expect(VALUES.map((_, i) => !refusedMapped.has(i + 2))).toEqual(VALUES.map(([, count]) => count));
  });
});

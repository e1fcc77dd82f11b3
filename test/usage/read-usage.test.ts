import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnosticsOf, fixture, LITELLM_HEADER, litellmLine, read, removeTempDirs, temp } from './helpers.js';

afterAll(removeTempDirs);

describe('LiteLLM spend logs', () => {
  it('reads a CSV export with JSON in quoted cells, attributing by model_group, request_tags and metadata', async () => {
    const file = fixture('litellm', 'spend-logs.csv');
    const { rows, counts, formats } = await read([file]);
    expect(counts).toEqual({ read: 4, accepted: 4, rejected: 0 });
    expect(formats[file]).toBe('litellm (csv, ",", utf8)');
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 10]);
    expect(rows[0]).toEqual({
      file,
      line: 2,
      source: 'litellm',
      time: '2025-05-01T09:00:00.123Z',
      alias: 'claims-triage',
      tags: ['tierplan-uc:claims-triage', 'tierplan-tier:onprem'],
      model_id: 'd1e9a0c4-onprem-1',
      model: 'hosted_vllm/meta-llama/Llama-3.1-70B-Instruct',
      provider: 'hosted_vllm',
      api_base: 'http://vllm.internal:8000/v1',
      region: null,
      requests: 1,
      input_tokens: 1200,
      output_tokens: 330,
      cost: 0,
      failed: false,
      latency_ms: 1500,
    });
    expect(rows[2]).toMatchObject({ failed: true, latency_ms: 30_000, tags: [] });
    // No model_group: the use case comes from tierplan keys in metadata.spend_logs_metadata.
    expect(rows[3]).toMatchObject({
      alias: 'hr-assistant',
      tags: ['tierplan-uc:hr-assistant', 'tierplan-tier:private-cloud'],
      time: '2025-05-01T09:02:03.000Z',
    });
  });

  it('reads the same rows from JSON and JSONL exports', async () => {
    const csv = await read([fixture('litellm', 'spend-logs.csv')]);
    const strip = (rows: typeof csv.rows): unknown[] => rows.map(({ file: _f, line: _l, ...rest }) => rest);
    for (const name of ['spend-logs.json', 'spend-logs.jsonl']) {
      const file = fixture('litellm', name);
      const json = await read([file]);
      expect(json.counts).toEqual(csv.counts);
      expect(strip(json.rows)).toEqual(strip(csv.rows));
      expect(json.formats[file]).toBe(`litellm (${name.endsWith('l') ? 'jsonl' : 'json'})`);
    }
    const jsonl = await read([fixture('litellm', 'spend-logs.jsonl')]);
    expect(jsonl.rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('reads a gzip export like the plain one, and reports bytes read', async () => {
    const plain = readFileSync(fixture('litellm', 'spend-logs.csv'));
    const file = temp('spend.csv.gz', gzipSync(plain));
    const progress: [number, number][] = [];
    const { rows, formats } = await read([file], { onProgress: (a, b) => progress.push([a, b]) });
    expect(rows).toHaveLength(4);
    expect(formats[file]).toBe('litellm (csv, ",", utf8, gzip)');
    const size = gzipSync(plain).length;
    expect(progress.at(-1)).toEqual([size, size]);
  });
});

describe('bad input', () => {
  it('a truncated last line is rejected with its line; the rows before it count', async () => {
    const file = temp('t.csv', `${LITELLM_HEADER}\n${litellmLine()}\n${litellmLine().slice(0, 30)}`);
    const { counts, rejected } = await read([file]);
    expect(counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(rejected).toEqual([{ file, line: 3, reason: 'has 5 fields, the header has 13 (truncated line?)' }]);
  });

  it('a truncated last line inside a quoted cell is rejected as an unclosed quote', async () => {
    const cut = litellmLine().slice(0, litellmLine().indexOf('tierplan-uc'));
    const file = temp('t.csv', `${LITELLM_HEADER}\n${litellmLine()}\n${cut}`);
    const { counts, rejected } = await read([file]);
    expect(counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(rejected[0]?.reason).toMatch(/quoted field is never closed/);
  });

  it('a quoted cell with newlines and doubled quotes is one cell; lines after it keep their numbers', async () => {
    const tags = '"[""tierplan-uc:a"",\n ""say \\""hi\\"""",\n""tierplan-tier:onprem""]"';
    const file = temp('q.csv', `${LITELLM_HEADER}\n${litellmLine({ tags })}\n${litellmLine({ id: 'next' })}\n`);
    const { rows } = await read([file]);
    expect(rows.map((r) => [r.line, r.tags])).toEqual([
      [2, ['tierplan-uc:a', 'tierplan-tier:onprem']],
      [5, ['tierplan-uc:support-bot']],
    ]);
  });

  it('a UTF-8 BOM and CRLF line ends', async () => {
    const file = temp('bom.csv', `\uFEFF${LITELLM_HEADER}\r\n${litellmLine()}\r\n${litellmLine({ group: 'b' })}\r\n`);
    const { rows } = await read([file]);
    expect(rows.map((r) => [r.line, r.alias, r.time])).toEqual([
      [2, 'support-bot', '2025-05-01T09:00:00.000Z'],
      [3, 'b', '2025-05-01T09:00:00.000Z'],
    ]);
  });

  it('Windows-1252 bytes are decoded as such', async () => {
    const text = `${LITELLM_HEADER}\n${litellmLine({ group: 'Caf\u00e9 \u2013 \u20ac' })}\n`;
    const bytes = Buffer.from(text.replace('\u2013', '\x96').replace('\u20ac', '\x80'), 'latin1');
    const file = temp('cp.csv', bytes);
    const { rows, formats } = await read([file]);
    expect(rows[0]?.alias).toBe('Café – €');
    expect(formats[file]).toBe('litellm (csv, ",", cp1252)');
  });

  it('a ;-separated file is detected; a file whose header does not split says which delimiter it seems to use', async () => {
    const semi = temp(
      'semi.csv',
      `${LITELLM_HEADER.replaceAll(',', ';')}\n${litellmLine().replaceAll(',', ';').replace('"[""tierplan-uc:support-bot""]"', '[]')}\n`,
    );
    const { rows } = await read([semi]);
    expect(rows[0]?.alias).toBe('support-bot');
    // A mapping that says `,` for a `;` file: the header is one column, and the message says so.
    const mapping = {
      version: 1 as const,
      format: 'csv' as const,
      delimiter: ',' as const,
      columns: { time: 'startTime', tokens: 'prompt_tokens' },
    };
    const [d] = await diagnosticsOf(read([semi], { mapping }));
    expect(d).toMatchObject({ code: 'missing-columns', line: 1, column: 1 });
    expect(d?.message).toMatch(
      /^the mapped file is missing required columns startTime, prompt_tokens: expected startTime, prompt_tokens; found: request_id;spend;/,
    );
    expect(d?.hint).toBe(
      'the header is one column that contains ";": is that the delimiter? (a mapping can set delimiter: ";")',
    );
  });

  it('missing required columns: InputError at file:1:1 listing what was expected and what was found', async () => {
    const file = temp('m.csv', 'request_id,startTime,model_group,spend\nx,2025-05-01T00:00:00Z,a,0\n');
    const diagnostics = await diagnosticsOf(read([file]));
    expect(diagnostics).toEqual([
      {
        code: 'missing-columns',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message:
          'the LiteLLM spend log is missing required columns prompt_tokens, completion_tokens: expected startTime, model_group, spend, prompt_tokens, completion_tokens; found: request_id, startTime, model_group, spend',
      },
    ]);
  });

  it('an unknown header says what was expected, with a delimiter hint when the header is one column', async () => {
    const file = temp('u.csv', 'when;who;what\n1;2;3\n');
    const [d] = await diagnosticsOf(read([file]));
    expect(d).toMatchObject({ code: 'unknown-usage-format', line: 1, column: 1 });
    const one = temp('one.csv', 'request_id:spend:startTime\n');
    const [d2] = await diagnosticsOf(read([one]));
    expect(d2?.message).toMatch(/found: request_id:spend:startTime/);
  });

  it('non-numeric tokens and negative cost are rejected with line and reason', async () => {
    const file = temp(
      'n.csv',
      [
        LITELLM_HEADER,
        litellmLine({ prompt: 'abc' }),
        litellmLine({ completion: '-5' }),
        litellmLine({ spend: '-0.01' }),
        litellmLine({ prompt: '1.2e3' }),
        '',
      ].join('\n'),
    );
    const { counts, rejected, rows } = await read([file]);
    expect(counts).toEqual({ read: 4, accepted: 1, rejected: 3 });
    expect(rejected).toEqual([
      { file, line: 2, reason: 'prompt_tokens is not a number: "abc"' },
      { file, line: 3, reason: 'completion_tokens is negative: "-5"' },
      { file, line: 4, reason: 'negative cost in spend: "-0.01"' },
    ]);
    expect(rows[0]?.input_tokens).toBe(1200);
  });

  it('dates in three formats are read as UTC; an unparsable date is rejected', async () => {
    const file = temp(
      'd.csv',
      [
        LITELLM_HEADER,
        litellmLine({ start: '2025-05-01T11:30:00+02:00', end: '' }),
        litellmLine({ start: '2025-05-01 09:30:00', end: '' }),
        litellmLine({ start: '05/01/2025 09:30', end: '' }),
        litellmLine({ start: '2025-02-30 09:30:00', end: '' }),
        litellmLine({ start: 'yesterday', end: '' }),
        '',
      ].join('\n'),
    );
    const { rows, rejected } = await read([file]);
    expect(rows.map((r) => r.time)).toEqual([
      '2025-05-01T09:30:00.000Z',
      '2025-05-01T09:30:00.000Z',
      '2025-05-01T09:30:00.000Z',
    ]);
    expect(rejected.map((r) => r.line)).toEqual([5, 6]);
    expect(rejected[0]?.reason).toBe(
      'startTime is not a date and time: "2025-02-30 09:30:00" (expected ISO 8601, YYYY-MM-DD HH:MM:SS in UTC, or MM/DD/YYYY HH:MM)',
    );
    expect(rejected[1]?.reason).toMatch(/^startTime is not a date and time: "yesterday"/);
  });

  it('a 0-byte file and a blank file are refused before anything is read', async () => {
    const empty = temp('e.csv', '');
    const blank = temp('b.csv', '\n\r\n');
    const diagnostics = await diagnosticsOf(read([empty, blank]));
    expect(diagnostics.map((d) => [d.file, d.code, d.line])).toEqual(
      [
        [blank, 'empty-file', 1],
        [empty, 'empty-file', 1],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
  });

  it('an unreadable .gz: not gzip, or garbage after the gzip header, is refused up front', async () => {
    const notGz = temp('x.csv.gz', 'request_id,spend\n');
    const [d1] = await diagnosticsOf(read([notGz]));
    expect(d1).toMatchObject({ code: 'unreadable-gzip', line: 1, column: 1 });
    const garbage = temp(
      'y.csv.gz',
      Buffer.concat([gzipSync(Buffer.from('x')).subarray(0, 10), Buffer.from('not deflate data at all')]),
    );
    const [d2] = await diagnosticsOf(read([garbage]));
    expect(d2).toMatchObject({ code: 'unreadable-gzip', file: garbage });
    expect(d2?.message).toMatch(/cannot decompress y\.csv\.gz/);
  });

  it('a .gz cut off midway: the rows before the break count, and the break is reported at its line', async () => {
    const lines = [LITELLM_HEADER];
    for (let i = 0; i < 20_000; i++) lines.push(litellmLine({ id: `r${i}`, prompt: String(i % 977) }));
    const gz = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
    const file = temp('cut.csv.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { counts, diagnostics } = await read([file]);
    expect(counts.read).toBeGreaterThan(1000);
    expect(counts.read).toBeLessThan(20_000);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unreadable-gzip', file });
    expect(diagnostics[0]?.message).toMatch(
      /decompression failed after line \d+: unexpected end of file; the rows before it were read/,
    );
  });

  it('a JSONL line cut off is rejected; the others count', async () => {
    const good = readFileSync(fixture('litellm', 'spend-logs.jsonl'), 'utf8');
    const file = temp('t.jsonl', good + good.split('\n')[0]!.slice(0, 50));
    const { counts, rejected } = await read([file]);
    expect(counts).toEqual({ read: 5, accepted: 4, rejected: 1 });
    expect(rejected[0]).toMatchObject({ line: 5 });
    expect(rejected[0]?.reason).toMatch(/^not valid JSON/);
  });
});

describe('FinOps FOCUS', () => {
  const sample = fixture('focus-1.0-sample', 'focus_sample.csv');

  it('the 1.0 sample: NULL cells, zone-less times; EffectiveCost and BilledCost give different totals', async () => {
    const effective = await read([sample]);
    expect(effective.counts).toEqual({ read: 1000, accepted: 1000, rejected: 0 });
    expect(effective.formats[sample]).toBe('focus (csv, ",", utf8)');
    const total = (rows: typeof effective.rows): number => rows.reduce((s, r) => s + (r.cost ?? 0), 0);
    expect(total(effective.rows)).toBeCloseTo(14.9765, 3);
    const billed = await read([sample], { costColumn: 'BilledCost' });
    expect(total(billed.rows)).toBeCloseTo(20.5202, 3);
    const first = effective.rows[0]!;
    expect(first).toMatchObject({
      source: 'focus',
      time: '2024-09-18T22:00:00.000Z',
      provider: 'AWS',
      region: 'us-west-2',
      model: null,
      input_tokens: 0,
      tags: [],
    });
  });

  it('the AI examples: tokens from ConsumedQuantity, model and direction from SkuPriceDetails, 1.3 ServiceProviderName', async () => {
    const file = fixture('focus-ai-examples', 'per_token_ai_model_api.csv');
    const { rows } = await read([file]);
    expect(rows.map((r) => [r.model, r.provider, r.input_tokens, r.output_tokens, r.cost, r.time])).toEqual([
      ['solora-saturn-4.8', 'Solora AI', 8_400_000, 0, 42, '2025-05-01T00:00:00.000Z'],
      ['solora-saturn-4.8', 'Solora AI', 0, 2_100_000, 52.5, '2025-05-01T00:00:00.000Z'],
    ]);
    const all = [
      'cached_tokens_via_csp_marketplace.csv',
      'csp_served_third_party_model.csv',
      'drawdown_via_prepayment_ai_model_api.csv',
      'multi_model_invoice_via_csp_marketplace.csv',
      'multi_model_usage.csv',
      'per_token_ai_model_api.csv',
    ];
    const every = await read(all.map((f) => fixture('focus-ai-examples', f)));
    expect(every.counts).toEqual({ read: 21, accepted: 21, rejected: 0 });
    const purchase = every.rows.find((r) => r.model === null);
    expect(purchase).toBeUndefined(); // every row is an AI row here: ServiceCategory says so
    expect(every.rows.filter((r) => r.input_tokens + r.output_tokens > 0).length).toBeGreaterThan(15);
  });

  it('reads `1000 Tokens` units, TokenDirection, tierplan and litellm tags, and 1.0 ProviderName', async () => {
    const file = temp(
      'f.csv',
      [
        'ChargePeriodStart,EffectiveCost,BilledCost,ConsumedQuantity,ConsumedUnit,ProviderName,RegionId,ResourceName,SkuPriceDetails,Tags',
        '2025-05-01 00:00:00,1.50,1.50,12.5,1000 Tokens,LiteLLM,eu-west-1,gpt-4o,"{""TokenDirection"":""Output""}","{""tierplan:use_case"":""claims"",""tierplan-tier"":""public-api""}"',
        '2025-05-01 00:00:00,0.50,0.50,300,Tokens,LiteLLM,eu-west-1,gpt-4o,NULL,"{""litellm:model_group"":""support-bot""}"',
      ].join('\n'),
    );
    const { rows } = await read([file]);
    expect(rows.map((r) => [r.alias, r.tags, r.model, r.provider, r.input_tokens, r.output_tokens])).toEqual([
      ['claims', ['tierplan-uc:claims', 'tierplan-tier:public-api'], 'gpt-4o', 'LiteLLM', 0, 12_500],
      ['support-bot', [], 'gpt-4o', 'LiteLLM', 300, 0],
    ]);
  });

  it('missing the chosen cost column is an InputError naming it', async () => {
    const file = temp('f.csv', 'ChargePeriodStart,BilledCost\n2025-05-01 00:00:00,1\n');
    const [d] = await diagnosticsOf(read([file]));
    expect(d?.message).toBe(
      'the FOCUS export is missing required column EffectiveCost: expected ChargePeriodStart, EffectiveCost; found: ChargePeriodStart, BilledCost',
    );
    expect((await read([file], { costColumn: 'BilledCost' })).counts.accepted).toBe(1);
  });
});

// Reading a file in two parts (fold-parallel.ts) must give exactly what one pass gives: the same
// review JSON, counts, rejected rows and line numbers, wherever the split falls — inside a quoted
// newline, on a CRLF, in the header, next to a rejected row.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageAccumulator } from '../../src/core/review/aggregate.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { inThisThread, type Fold } from '../../src/io/usage/fold-parallel.js';
import { loadMapping, type Mapping } from '../../src/io/usage/mapping.js';
import { readUsage } from '../../src/io/usage/read-usage.js';
import { fixture, removeTempDirs, temp } from './helpers.js';

afterAll(removeTempDirs);

const HEADER =
  'request_id,spend,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';
const ROUTES = [
  ['claims-triage', 'vllm-llama-70b', 'on-prem'],
  ['internal-search', 'openai-gpt-5-mini', 'api'],
  ['fraud-scoring', 'bedrock-claude-haiku', 'private-cloud'],
] as const;

/** A LiteLLM CSV with quoted newlines and doubled quotes in metadata, and rows to reject or leave unattributed. */
function csv(eol: string): string {
  const lines = [HEADER];
  for (let n = 0; n < 36; n++) {
    const [alias, deployment, tier] = ROUTES[n % 3]!;
    const meta =
      n % 4 === 0 ? `"{""note"":""line one${eol}line two, ""quoted""""}"` : '"{""user_api_key_alias"":""k""}"';
    const start = `2026-0${7 + (n % 3)}-${String(1 + (n % 28)).padStart(2, '0')} 10:00:0${n % 10}.${n % 7}00`;
    const id = n % 13 === 5 ? 'unknown-use-case' : alias;
    const tokens = n % 11 === 3 ? 'lots' : String(100 + n);
    lines.push(
      `r${n},${(n * 0.0123456).toFixed(7)},${tokens},${n * 7},${start},${start.replace(' 10:00:', ' 10:01:')},openai/x,${id}.${deployment},${id},openai,,${meta},"[""tierplan-tier:${tier}""]",${n % 9 === 0 ? 'failure' : 'success'}`,
    );
    if (n % 17 === 8) lines.push('broken,row');
    if (n === 30) lines.push('');
  }
  return `${lines.join(eol)}${eol}`;
}

function jsonl(): string {
  const lines: string[] = [];
  for (let n = 0; n < 30; n++) {
    const [alias, deployment] = ROUTES[n % 3]!;
    lines.push(
      n % 10 === 7
        ? '{"truncated": '
        : JSON.stringify({
            request_id: `r${n}`,
            spend: n * 0.011,
            prompt_tokens: 10 + n,
            completion_tokens: n,
            startTime: `2026-08-0${1 + (n % 9)}T01:02:03.000Z`,
            endTime: `2026-08-0${1 + (n % 9)}T01:02:04.500Z`,
            model_id: `${alias}.${deployment}`,
            model_group: n % 13 === 4 ? 'nobody' : alias,
            metadata: { note: 'a "quoted"\nnote' },
            request_tags: [],
            status: 'success',
          }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Split points: every 11th byte, and every byte near a line end (quoted or not) in the first 800 bytes. */
function splits(text: string): number[] {
  const at = new Set<number>();
  for (let i = 1; i < text.length; i += 11) at.add(i);
  for (let i = 0; i < Math.min(text.length, 800); i++) {
    if (text[i] !== '\n' && text[i] !== '\r') continue;
    for (let k = Math.max(1, i - 3); k <= Math.min(text.length - 1, i + 3); k++) at.add(k);
  }
  return [...at].sort((a, b) => a - b);
}

/** The review's inputs as JSON: counts, rejected rows, diagnostics and the accumulated totals. */
async function review(
  file: string,
  fold?: Omit<Fold, 'accumulator' | 'policy'>,
  opts: { mapping?: Mapping } = {},
): Promise<string> {
  const acc = new UsageAccumulator(DEFAULT_POLICY);
  const r = await readUsage([file], {
    ...opts,
    onRow: (row) => acc.add(row),
    ...(fold ? { fold: { ...fold, accumulator: acc, policy: DEFAULT_POLICY } } : {}),
  });
  expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
  return JSON.stringify(
    { counts: r.counts, rejected: r.rejected, diagnostics: r.diagnostics, aggregate: acc.result() },
    null,
    1,
  );
}

describe('a file folded in two parts', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])(
    'gives the single-pass result for a CSV with %s line ends, split near every line end and every 11th byte',
    async (_name, eol) => {
      const text = csv(eol);
      const file = temp('spend.csv', text);
      const single = await review(file);
      // The fixture does exercise what it claims to.
      expect(single).toContain('has 2 fields');
      expect(single).toContain('prompt_tokens is not a number');
      expect(single).toContain('unknown-use-case');
      for (const at of splits(text))
        expect(await review(file, { splitAt: at, runPart: inThisThread }), `split at ${at}`).toBe(single);
    },
    60_000,
  );

  it('gives the single-pass result for JSONL, split near every line end and every 11th byte', async () => {
    const text = jsonl();
    const file = temp('spend.jsonl', text);
    const single = await review(file);
    expect(single).toContain('not valid JSON');
    for (const at of splits(text))
      expect(await review(file, { splitAt: at, runPart: inThisThread }), `split at ${at}`).toBe(single);
  }, 60_000);

  it('gives the single-pass result for a FOCUS export and for a CSV read through a mapping', async () => {
    const focus = fixture('focus-1.0-sample', 'focus_sample.csv');
    const single = await review(focus);
    expect(JSON.parse(single).counts.read).toBeGreaterThan(500);
    for (const at of [1, 1000, 123_457, 377_711, 600_001])
      expect(await review(focus, { splitAt: at, runPart: inThisThread }), `split at ${at}`).toBe(single);
    const mapping = await loadMapping(fixture('mapped', 'mapping.yaml'));
    const mapped = fixture('mapped', 'usage.csv');
    const one = await review(mapped, undefined, { mapping });
    for (let at = 1; at < 200; at += 7)
      expect(await review(mapped, { splitAt: at, runPart: inThisThread }, { mapping }), `split at ${at}`).toBe(one);
  }, 60_000);

  it('reads a split straddled by a quoted newline again from the true record start', async () => {
    const text = csv('\n');
    const file = temp('spend.csv', text);
    const inside = text.indexOf('line one\nline two') + 'line one'.length;
    let secondParts = 0;
    const counting: Fold['runPart'] = (job, onBytes) => {
      secondParts++;
      // The guess is the line after the quoted newline: inside the record, so its work is dropped.
      expect(text.slice(job.part.offset, job.part.offset + 8)).toBe('line two');
      return inThisThread(job, onBytes);
    };
    expect(await review(file, { splitAt: inside, runPart: counting })).toBe(await review(file));
    expect(secondParts).toBe(1);
  });

  it('reads the second part in this thread when the worker fails', async () => {
    const file = temp('spend.csv', csv('\n'));
    const failing: Fold['runPart'] = () => {
      const result = Promise.reject(new Error('no worker threads here'));
      result.catch(() => {});
      return { result, cancel: () => {} };
    };
    expect(await review(file, { splitAt: 700, runPart: failing })).toBe(await review(file));
  });
});

describe('worker threads (built code in dist/)', () => {
  const dist = fileURLToPath(new URL('../../dist/io/usage/read-usage.js', import.meta.url));

  it('fold a large enough file in a real worker with the single-pass result', async () => {
    expect(existsSync(dist), 'run `npm run build` first: the worker runs the compiled reader').toBe(true);
    const built = (await import(dist)) as typeof import('../../src/io/usage/read-usage.js');
    const text = csv('\n').repeat(1).concat(csv('\n').split('\n').slice(1).join('\n').repeat(70));
    const file = temp('spend.csv', text);
    const run = async (fold: boolean): Promise<string> => {
      const acc = new UsageAccumulator(DEFAULT_POLICY);
      const r = await built.readUsage([file], {
        onRow: (row) => acc.add(row),
        ...(fold ? { fold: { accumulator: acc, policy: DEFAULT_POLICY, splitAt: Math.floor(text.length / 2) } } : {}),
      });
      return JSON.stringify({ counts: r.counts, rejected: r.rejected, aggregate: acc.result() });
    };
    const single = await run(false);
    expect(JSON.parse(single).counts.read).toBeGreaterThan(2000);
    expect(await run(true)).toBe(single);
    // Right at a quoted newline, too.
    const acc = new UsageAccumulator(DEFAULT_POLICY);
    const at = text.indexOf('line one\nline two', text.length / 3) + 9;
    const r = await built.readUsage([file], {
      onRow: (row) => acc.add(row),
      fold: { accumulator: acc, policy: DEFAULT_POLICY, splitAt: at },
    });
    expect(JSON.stringify({ counts: r.counts, rejected: r.rejected, aggregate: acc.result() })).toBe(single);
    // With the worker started ahead (as review does while the inventory loads) and handed its part later.
    const { startWorkerAhead } = (await import(
      fileURLToPath(new URL('../../dist/io/usage/fold-parallel.js', import.meta.url))
    )) as typeof import('../../src/io/usage/fold-parallel.js');
    await startWorkerAhead([file], 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await run(true)).toBe(single);
  });
});

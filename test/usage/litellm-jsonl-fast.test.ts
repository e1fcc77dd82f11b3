// The byte-level LiteLLM JSONL path (litellm-jsonl.ts) must give exactly the rows and rejections
// of JSON.parse and the general mapper. A line with a backslash always takes the general path, so
// each line is read twice: as it is, and with `"_":"\/"` added before its closing brace.
import { afterAll, describe, expect, it } from 'vitest';
import { read, removeTempDirs, temp } from './helpers.js';

afterAll(removeTempDirs);

const VALUES: Record<string, string[]> = {
  spend: [
    '0.002',
    '0',
    '"0.5"',
    '1e-5',
    '-0.1',
    'null',
    '"abc"',
    '0.1234567890123456789',
    '01',
    '1.',
    '-',
    'true',
    '"NULL"',
  ],
  prompt_tokens: ['100', '0', '"12"', 'null', '-3', '12.6', '"x"', '1234567890123456', '1e3', '[1]'],
  completion_tokens: ['7', '"7"', 'null', '{}'],
  startTime: [
    '"2025-05-01T09:00:00.123Z"',
    '"2025-05-01 09:00:00.123"',
    '"2025-05-01T09:00:00+0000"',
    '"05/01/2025 09:00"',
    '""',
    'null',
    '1746090000',
    '"2025-02-29T10:00:00Z"',
    '"2025-05-01\t09:00:00Z"',
  ],
  endTime: ['"2025-05-01T09:00:01.623Z"', 'null', '"garbage"', '"2025-05-01 09:00:02"'],
  model_group: ['"claims-triage"', '"café"', '""', 'null', '"NULL"', '42', '["a"]', 'tru'],
  model_id: ['"dep-1"', 'null', '"claims-triage.vllm-llama-70b"', 'false'],
  model: ['"gpt-4o-mini"', 'null', '"hosted_vllm/meta-llama/Llama-3.1-70B-Instruct"'],
  custom_llm_provider: ['"openai"', 'null'],
  api_base: ['"https://api.openai.com/v1"', 'null', '""'],
  metadata: [
    '{"user_api_key_alias": "k"}',
    '{}',
    '{"spend_logs_metadata": {"tierplan-uc": "from-meta"}}',
    'null',
    '"{\\"a\\":1}"',
    '{"a": [1,,2]}',
    '{"a": 1} ',
    '[ ]',
  ],
  request_tags: [
    '["tierplan-uc:claims-triage", "tierplan-tier:on-prem"]',
    '[]',
    'null',
    '"tierplan-tier:api"',
    '{"tierplan_uc": "hr"}',
    '["TIERPLAN-UC:Upper"]',
    '["x" "y"]',
  ],
  status: ['"success"', '"failure"', '"ERROR"', 'null', '""', '3'],
  request_duration_ms: ['null', '1500', '"1500"', '-1', '2.5'],
};

function lines(n: number): string[] {
  let seed = 11;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Mostly well-formed rows, so the fast path is taken; one value in three drawn from the odd ones.
    const parts = Object.entries(VALUES)
      .filter(() => rnd() > 0.05)
      .map(
        ([k, vs]) => `"${k}"${rnd() < 0.2 ? ' : ' : ':'}${rnd() < 0.66 ? vs[0]! : vs[Math.floor(rnd() * vs.length)]!}`,
      );
    if (rnd() < 0.03) parts.push(parts[0] ?? '"spend":1'); // a duplicate key
    if (rnd() < 0.05) parts.splice(1, 0, '"messages":[{"role":"user","content":"hi, {there}"}]');
    let line = `{${parts.join(rnd() < 0.1 ? ', ' : ',')}}`;
    if (rnd() < 0.02) line = `${line},`;
    if (rnd() < 0.02) line = `  ${line}\r`;
    if (rnd() < 0.01) line = '{}';
    if (rnd() < 0.01) line = '';
    out.push(line);
  }
  return out;
}

const general = (line: string): string => {
  const end = line.lastIndexOf('}');
  return end < 0
    ? line
    : `${line.slice(0, end)}${line.slice(0, end).trim() === '{' ? '' : ','}"_":"\\/"${line.slice(end)}`;
};

describe('LiteLLM JSONL fast path', () => {
  it('gives the same rows and rejections as JSON.parse and the general mapper', async () => {
    const ls = lines(4000);
    const fast = await read([temp('fast.jsonl', `${ls.join('\n')}\n`)]);
    const slow = await read([temp('slow.jsonl', `${ls.map(general).join('\n')}\n`)]);
    expect(fast.counts).toEqual(slow.counts);
    expect(fast.counts.accepted).toBeGreaterThan(1500);
    expect(fast.counts.rejected).toBeGreaterThan(300);
    const strip = (rs: typeof fast.rows): unknown[] => rs.map(({ file: _f, ...rest }) => rest);
    expect(strip(fast.rows)).toEqual(strip(slow.rows));
    // JSON.parse's messages give positions, which the added key moves.
    const reason = (r: string): string => (r.startsWith('not valid JSON') ? 'not valid JSON' : r);
    expect(fast.rejected.map((r) => [r.line, reason(r.reason)])).toEqual(
      slow.rejected.map((r) => [r.line, reason(r.reason)]),
    );
  });
});

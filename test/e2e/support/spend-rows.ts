// Hand-made LiteLLM spend-log rows (the columns LiteLLM exports from LiteLLM_SpendLogs), for
// the cases a review must judge from evidence: unknown models, hand-added fallback groups,
// labels that lie, tag-only routing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER =
  'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';

export interface SpendRow {
  model_group: string;
  model: string;
  model_id: string;
  provider: string;
  api_base: string;
  tags: string[];
  /** YYYY-MM; the row is on the 10th. */
  month: string;
  prompt: number;
  completion: number;
  spend: number;
}

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
let n = 0;

/** CSV lines (no header) for `count` copies of a row. */
export function spendRows(over: Partial<SpendRow>, count = 1): string[] {
  const r: SpendRow = {
    model_group: '',
    model: '',
    model_id: '',
    provider: '',
    api_base: '',
    tags: [],
    month: '2026-07',
    prompt: 1200,
    completion: 300,
    spend: 0.01,
    ...over,
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = `${r.month}-10T${String(i % 24).padStart(2, '0')}:00:00.000Z`;
    out.push(
      [
        `chatcmpl-x${++n}`,
        'acompletion',
        r.spend.toFixed(6),
        String(r.prompt + r.completion),
        String(r.prompt),
        String(r.completion),
        start,
        start.replace(':00:00.000Z', ':00:02.000Z'),
        r.model,
        r.model_id,
        r.model_group,
        r.provider,
        r.api_base,
        '{}',
        JSON.stringify(r.tags),
        'success',
      ]
        .map(q)
        .join(','),
    );
  }
  return out;
}

/** Writes a spend-log CSV (header + lines) to a new temporary folder; returns its path. */
export function writeSpendLog(lines: string[], base = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-evidence-'));
  const file = join(dir, 'spend.csv');
  const head = base === '' ? `${HEADER}\n` : base;
  writeFileSync(file, `${head}${lines.join('\n')}\n`);
  return file;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { readUsage, type ReadUsageOptions, type ReadUsageResult } from '../../src/io/usage/read-usage.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

const made: string[] = [];

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `content` to a fresh temporary file and returns its path. */
export function temp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-usage-'));
  made.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export async function read(
  files: string[],
  opts: Omit<ReadUsageOptions, 'onRow'> = {},
): Promise<ReadUsageResult & { rows: UsageRow[] }> {
  const rows: UsageRow[] = [];
  const result = await readUsage(files, { ...opts, onRow: (r) => rows.push(r) });
  expect(result.counts.read).toBe(result.counts.accepted + result.counts.rejected);
  expect(rows.length).toBe(result.counts.accepted);
  return { ...result, rows };
}

export { diagnosticsOf } from '../io/helpers.js';

export const LITELLM_HEADER =
  'request_id,spend,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,request_tags,status';

/** A LiteLLM spend-log line with the given overrides, in LITELLM_HEADER order. */
export function litellmLine(
  o: Partial<
    Record<'id' | 'spend' | 'prompt' | 'completion' | 'start' | 'end' | 'group' | 'tags' | 'status', string>
  > = {},
): string {
  return [
    o.id ?? 'chatcmpl-1',
    o.spend ?? '0.002',
    o.prompt ?? '100',
    o.completion ?? '20',
    o.start ?? '2025-05-01T09:00:00Z',
    o.end ?? '2025-05-01T09:00:01Z',
    'gpt-4o-mini',
    'm-1',
    o.group ?? 'support-bot',
    'openai',
    'https://api.openai.com/v1',
    o.tags ?? '"[""tierplan-uc:support-bot""]"',
    o.status ?? 'success',
  ].join(',');
}

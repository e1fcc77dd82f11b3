// Free text → tierplan's vocabulary: the words spreadsheets use for stages, yes/no, tasks and
// amounts. A mapping's own `values` are consulted first; these are the defaults behind them.
import type { Reasoning, Status, Task } from '../policy/types.js';
import { normalizeKey } from './text.js';

const STATUS_WORDS: Record<Status, string[]> = {
  idea: [
    'idea',
    'proposed',
    'proposal',
    'backlog',
    'planned',
    'planning',
    'new',
    'intake',
    'requested',
    'draft',
    'discovery',
    'concept',
    'exploration',
    'evaluation',
    'under review',
    'to do',
    'todo',
    'not started',
  ],
  pilot: [
    'pilot',
    'piloting',
    'poc',
    'p.o.c.',
    'proof of concept',
    'prototype',
    'trial',
    'beta',
    'mvp',
    'experiment',
    'experimental',
    'test',
    'testing',
    'in test',
    'uat',
    'in development',
    'development',
    'dev',
    'in progress',
    'build',
    'building',
  ],
  production: [
    'production',
    'prod',
    'in prod',
    'in production',
    'live',
    'go live',
    'went live',
    'ga',
    'deployed',
    'launched',
    'released',
    'operational',
    'in use',
    'active',
    'running',
    'rolled out',
    'bau',
  ],
  retired: [
    'retired',
    'decommissioned',
    'decommission',
    'sunset',
    'sunsetted',
    'deprecated',
    'discontinued',
    'archived',
    'cancelled',
    'canceled',
    'stopped',
    'shut down',
    'end of life',
    'eol',
    'inactive',
  ],
};

const TASK_WORDS: Record<Task, string[]> = {
  classification: [
    'classification',
    'classify',
    'classifier',
    'categorisation',
    'categorization',
    'triage',
    'routing',
    'tagging',
    'sentiment',
  ],
  extraction: ['extraction', 'extract', 'data extraction', 'document processing', 'idp', 'ocr', 'parsing'],
  summarization: ['summarization', 'summarisation', 'summary', 'summaries', 'summarize', 'summarise'],
  search: ['search', 'retrieval', 'rag', 'q&a', 'qa', 'question answering', 'knowledge base', 'semantic search'],
  generation: [
    'generation',
    'generate',
    'content generation',
    'writing',
    'drafting',
    'chatbot',
    'chat',
    'assistant',
    'copywriting',
    'translation',
  ],
  transcription: ['transcription', 'transcribe', 'speech to text', 'stt', 'asr'],
  reasoning: ['reasoning', 'analysis', 'analytics', 'decision support', 'planning'],
  agentic: ['agentic', 'agent', 'agents', 'autonomous agent', 'workflow automation'],
  code: ['code', 'coding', 'code generation', 'code review', 'developer assistant', 'copilot'],
};

const REASONING_WORDS: Record<Reasoning, string[]> = {
  low: ['low', 'simple', 'basic', 'none', 'minimal', 'l'],
  medium: ['medium', 'moderate', 'some', 'mid', 'med', 'm'],
  high: ['high', 'complex', 'deep', 'advanced', 'h'],
};

const TRUE_WORDS = ['yes', 'y', 'true', 't', '1', 'x', 'oui', 'ja', 'si', 'sí', 'checked', '✓', '✔'];
const FALSE_WORDS = ['no', 'n', 'false', 'f', '0', 'non', 'nein', 'unchecked', 'none'];

function index<V extends string>(words: Record<V, string[]>): Map<string, V> {
  const map = new Map<string, V>();
  for (const [value, list] of Object.entries(words) as [V, string[]][]) {
    map.set(value, value);
    for (const w of list) if (!map.has(w)) map.set(w, value);
  }
  return map;
}

const STATUS = index(STATUS_WORDS);
const TASKS = index(TASK_WORDS);
const REASONING = index(REASONING_WORDS);

/** Looks a cell up in the mapping's values (normalised keys), then in the defaults. */
function lookup<V>(cell: string, own: Map<string, V> | undefined, defaults?: Map<string, V>): V | undefined {
  const key = normalizeKey(cell);
  return own?.get(key) ?? defaults?.get(key) ?? defaults?.get(key.replace(/[-_]/g, ' '));
}

export const statusOf = (cell: string, own?: Map<string, Status>): Status | undefined => lookup(cell, own, STATUS);
/** 'unknown' (a cell saying so, or a mapping's values): the task is known to be unknown. */
export const taskOf = (cell: string, own?: Map<string, Task | 'unknown'>): Task | 'unknown' | undefined =>
  lookup(cell, own, TASKS) ?? (normalizeKey(cell) === 'unknown' ? 'unknown' : undefined);
export const reasoningOf = (cell: string, own?: Map<string, Reasoning>): Reasoning | undefined =>
  lookup(cell, own, REASONING);

export function booleanOf(cell: string, own?: Map<string, boolean>): boolean | undefined {
  const mine = own?.get(normalizeKey(cell));
  if (mine !== undefined) return mine;
  const key = normalizeKey(cell);
  if (TRUE_WORDS.includes(key)) return true;
  if (FALSE_WORDS.includes(key)) return false;
  return undefined;
}

/**
 * A non-negative amount as spreadsheets write it: 12000, 12,000, 12 000, 1.5M, 40k, 2e6.
 * Commas are thousands separators (never decimals: "1,5" is refused rather than guessed).
 */
export function amountOf(cell: string): number | undefined {
  const text = cell.trim().replace(/[\s\u00a0\u202f_']/g, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:e(\d+))?([kmb])?$/i.exec(text);
  if (!m) return undefined;
  const base = Number(`${m[1]!.replace(/,/g, '')}${m[2] ?? ''}${m[3] ? `e${m[3]}` : ''}`);
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(m[4] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const value = base * scale;
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : undefined;
}

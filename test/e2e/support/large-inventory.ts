// A generated inventory of `n` use cases, seeded, in the shape of bench/plan.bench.mjs: big enough
// that `plan --out` writes thousands of files and spends seconds doing it.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

const CLASSES = [[], ['public'], ['internal_docs'], ['source_code'], ['customer_data'], ['pii'], ['phi'], ['pci']];
const TASKS = ['classification', 'extraction', 'summarization', 'search', 'generation', 'reasoning', 'code'];
const STATUS = ['idea', 'pilot', 'production', 'production', 'retired'];

/** The mulberry32 generator: the same seed gives the same inventory, and the same kill times. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the inventory to `file`; ids are uc-00000…, so a smaller `n` retires the last ones. */
export function writeLargeInventory(file: string, n: number, seed: number): void {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const use_cases = Array.from({ length: n }, (_, i) => ({
    id: `uc-${String(i).padStart(5, '0')}`,
    name: `Generated use case ${i}`,
    owner: `team-${i % 97}@example.com`,
    status: pick(STATUS),
    data: { classes: pick(CLASSES) },
    needs: {
      task: pick(TASKS),
      reasoning: pick(['low', 'medium', 'high']),
      context_tokens: pick([4000, 32000, 128000]),
      tools: r() < 0.3,
      modalities: ['text'],
    },
    volume: { requests: Math.floor(r() * 1e6), input_tokens_per_request: 1000, output_tokens_per_request: 300 },
  }));
  writeFileSync(file, stringify({ version: 1, use_cases }, { aliasDuplicateObjects: false }));
}

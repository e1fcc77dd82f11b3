import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { applyChanges, changesFor, type Answers } from '../../src/core/interactive/answers.js';
import type { Inventory, Modality, Reasoning, Task } from '../../src/core/policy/types.js';
import { editUseCase } from '../../src/io/edit/write-back.js';

const fixture = fileURLToPath(new URL('fixtures/commented.yaml', import.meta.url));
const text = readFileSync(fixture, 'utf8');
const inventory = jsyaml.load(text) as Inventory;
const TASKS: Task[] = [
  'classification',
  'extraction',
  'summarization',
  'search',
  'generation',
  'transcription',
  'reasoning',
  'agentic',
  'code',
];

/** Lines with a comment, each with the key it belongs to (a list item's is its list's key). */
const commentLines = ((): { line: string; key: string | undefined }[] => {
  const out: { line: string; key: string | undefined }[] = [];
  let listKey: string | undefined;
  for (const line of text.split('\n')) {
    const key = /^\s*(?:- )?(\w+):/.exec(line)?.[1];
    if (key !== undefined) listKey = key;
    const owner = key ?? (/^\s*- /.test(line) ? listKey : undefined);
    if (line.includes('#') && !line.includes('tierplan import')) out.push({ line, key: owner });
  }
  return out;
})();

const answers: fc.Arbitrary<Answers> = fc.record(
  {
    data: fc.record({
      classes: fc.subarray(Object.keys(DEFAULT_POLICY.sensitivity.data_classes), { minLength: 1 }),
      regimes: fc.subarray(Object.keys(DEFAULT_POLICY.sensitivity.regimes)),
      residency: fc.subarray(['eu', 'us']),
    }),
    needs: fc.record({
      task: fc.constantFrom(...TASKS),
      reasoning: fc.constantFrom<Reasoning>('low', 'medium', 'high'),
      context_tokens: fc.oneof(fc.constantFrom(4000, 32000, 128000, 200000), fc.nat({ max: 2_000_000 })),
      tools: fc.boolean(),
      modalities: fc.subarray<Modality>(['text', 'image', 'audio', 'video'], { minLength: 1 }),
    }),
    volume: fc.record(
      { requests: fc.nat({ max: 10_000_000 }), input_tokens_per_request: fc.nat({ max: 100_000 }) },
      { requiredKeys: ['requests'] },
    ),
  },
  { requiredKeys: [] },
);

describe('write-back, for any answers to any use case of a commented inventory', () => {
  it('writes exactly the answers, keeps every other line byte for byte, and every comment of what stays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...inventory.use_cases), answers, (uc, a) => {
        const changes = changesFor(uc, a);
        const out = editUseCase(text, fixture, uc.id, changes);
        const after = jsyaml.load(out) as Inventory;
        expect(after.use_cases).toEqual(
          inventory.use_cases.map((u) => (u.id === uc.id ? applyChanges(uc, changes) : u)),
        );
        // Before the use case and after its block (a blank line ends it), nothing moved.
        const from = text.indexOf(`  - id: ${uc.id}\n`);
        expect(out.slice(0, from)).toBe(text.slice(0, from));
        const end = text.indexOf('\n\n', from);
        if (end >= 0) expect(out.endsWith(text.slice(end))).toBe(true);
        // Aligned line comments survive exactly (the Document API fallback would re-space them).
        const changedKeys = new Set(changes.map((c) => c.path[c.path.length - 1]!));
        for (const { line, key } of commentLines)
          if (key === undefined || !changedKeys.has(key)) expect(out).toContain(line);
      }),
      { numRuns: 300 },
    );
  });
});

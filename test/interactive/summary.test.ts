import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/cli/interactive/plan-questions.js';
import type { SessionResult } from '../../src/cli/interactive/session.js';

const result = (r: Partial<SessionResult>): SessionResult => ({
  saved: [],
  skipped: [],
  left: [],
  outcome: 'done',
  files: [],
  ...r,
});

describe('the line after the questions', () => {
  it('says nothing when nothing was asked', () => {
    expect(summarise(result({}), {})).toBeUndefined();
  });

  it('counts what was saved, where, and how to resume with the same inventory and policy', () => {
    expect(
      summarise(result({ saved: ['a'], left: ['b'], outcome: 'interrupted', files: ['inv/a.yaml'] }), {
        inventory: 'inv',
        policy: 'my policy.yaml',
      }),
    ).toBe(
      "\nInterrupted: 1 use case saved to inv/a.yaml; 1 still to answer: run `tierplan plan --inventory inv --policy 'my policy.yaml'` again to continue.",
    );
    expect(summarise(result({ skipped: ['a'], left: ['b'], outcome: 'stopped' }), {})).toBe(
      '\nStopped: nothing saved; 2 still to answer: run `tierplan plan` again to continue.',
    );
    expect(summarise(result({ saved: ['a', 'b'], files: ['inventory.yaml'] }), {})).toBe(
      '\n2 use cases saved to inventory.yaml.',
    );
  });

  it('names at most three files, then counts the others (a folder inventory decided by group)', () => {
    const files = ['inv/a.yaml', 'inv/b.yaml', 'inv/c.yaml', 'inv/d.yaml', 'inv/e.yaml'];
    expect(summarise(result({ saved: ['a', 'b', 'c', 'd', 'e'], left: ['f'], outcome: 'stopped', files }), {})).toBe(
      '\nStopped: 5 use cases saved to inv/a.yaml, inv/b.yaml, inv/c.yaml and 2 more files; 1 still to answer: run `tierplan plan` again to continue.',
    );
  });
});

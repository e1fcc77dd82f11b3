import { describe, expect, it } from 'vitest';
import { checkInventory } from '../../src/core/policy/check-inventory.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { AS_OF } from './helpers.js';

describe('suggested data classes', () => {
  it('a name the policy lacks is a warning (a guess is never planned on), with did you mean', () => {
    const problems = checkInventory(
      {
        version: 1,
        use_cases: [{ id: 'a', name: 'A', suggested: { data_classes: ['phi', 'piii', 'gossip'], because: ['x'] } }],
      },
      DEFAULT_POLICY,
      AS_OF,
    );
    expect(problems).toEqual([
      {
        code: 'unknown-suggested-data-class',
        severity: 'warning',
        message: 'suggested data class "piii" is not in the policy',
        hint: 'did you mean "pii"?',
        path: ['use_cases', 0, 'suggested', 'data_classes', 1],
      },
      expect.objectContaining({
        code: 'unknown-suggested-data-class',
        severity: 'warning',
        path: ['use_cases', 0, 'suggested', 'data_classes', 2],
        hint: 'add it to sensitivity.data_classes in tierplan.policy.yaml, or remove the suggestion',
      }),
    ]);
  });
});

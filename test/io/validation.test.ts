import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { InputError } from '../../src/io/source/errors.js';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../../src/io/inputs/load-policy.js';
import { validateSchema } from '../../src/io/schema/schemas.js';
import { diagnosticsOf, error, fixture } from './helpers.js';

describe('schema validation, in our own words', () => {
  it('reports wrong types, enum values, ranges and dates at the offending values', async () => {
    const file = fixture('wrong-types', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        5,
        13,
        'invalid-value',
        'must be one of idea, pilot, production, retired; found "prod"',
        'did you mean "production"?',
      ),
      error(file, 7, 23, 'wrong-type', 'expected integer, found string "abc"'),
      error(file, 8, 14, 'wrong-type', 'expected boolean, found string "yes"', 'write true or false, without quotes'),
      error(file, 10, 17, 'out-of-range', 'must be >= 0; found -5'),
      error(
        file,
        14,
        16,
        'invalid-format',
        'expected a date like 2027-03-31, found "31/03/2027"',
        'write dates as YYYY-MM-DD',
      ),
    ]);
  });

  it('reports unknown keys at the key, with a did-you-mean or the allowed keys', async () => {
    const file = fixture('unknown-keys', 'inventory.yaml');
    // `nmae` also leaves `name` missing; the did-you-mean says so, without a second diagnostic.
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(file, 4, 5, 'unknown-key', 'unknown key "nmae"', 'did you mean "name"?'),
      error(file, 6, 7, 'unknown-key', 'unknown key "clases"', 'did you mean "classes"?'),
      error(file, 7, 7, 'unknown-key', 'unknown key "frobnicate"', 'allowed keys here: classes, regimes, residency'),
    ]);
  });

  it('reports a missing key at the mapping that lacks it, and explains the id rule', async () => {
    const file = fixture('missing-key', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(file, 3, 5, 'missing-key', 'missing required key "name"'),
      error(
        file,
        3,
        9,
        'invalid-id',
        '"Claims Triage" is not a valid id: use lowercase letters a-z, digits and single hyphens, like "claims-triage" (the id becomes the gateway alias applications call)',
        'try "claims-triage"',
      ),
      error(file, 5, 5, 'missing-key', 'missing required key "expires"'),
    ]);
  });

  it('validates a policy file the same way', async () => {
    const file = fixture('bad-policy', 'tierplan.policy.yaml');
    expect(await diagnosticsOf(loadPolicyFile(file))).toEqual([
      error(file, 2, 10, 'invalid-value', 'must be one of default, none; found "defualt"', 'did you mean "default"?'),
      error(
        file,
        5,
        9,
        'invalid-id',
        '"On Prem" is not a valid id: use lowercase letters a-z and digits, separated by single "-", "_" or "."',
        'try "on-prem"',
      ),
      error(file, 9, 14, 'invalid-value', 'must not be an empty list'),
      error(file, 16, 21, 'missing-key', 'missing required key "capacity_tokens_per_month"'),
    ]);
  });

  it('reports the format version, a duplicate list item and a non-mapping root', () => {
    expect(
      validateSchema('inventory', {
        version: 2,
        use_cases: [{ id: 'a', name: 'A', needs: { modalities: ['text', 'text'] } }],
      }),
    ).toEqual([
      {
        code: 'invalid-value',
        severity: 'error',
        message: 'must be 1; found 2',
        hint: 'this version of tierplan reads format version 1: `version: 1`',
        path: ['version'],
      },
      {
        code: 'duplicate-item',
        severity: 'error',
        message: '"text" is listed more than once',
        hint: 'remove the repeated item',
        path: ['use_cases', 0, 'needs', 'modalities', 1],
      },
    ]);
    expect(validateSchema('useCase', ['a'])).toEqual([
      { code: 'wrong-type', severity: 'error', message: 'expected mapping, found a list', path: [] },
    ]);
  });

  it('formats a diagnostic as file:line:column: severity code: message, hint indented', () => {
    const d = error('inventory.yaml', 4, 5, 'unknown-key', 'unknown key "nmae"', 'did you mean "name"?');
    expect(formatDiagnostic(d)).toBe(
      'inventory.yaml:4:5: error unknown-key: unknown key "nmae"\n  did you mean "name"?',
    );
    expect(formatDiagnostic({ ...d, hint: undefined })).toBe(
      'inventory.yaml:4:5: error unknown-key: unknown key "nmae"',
    );
    const many = new InputError([d, d, d, d, d]);
    expect(many.message.split('\n')).toHaveLength(7);
    expect(many.message).toMatch(/^inventory\.yaml:4:5: error unknown-key/);
    expect(many.message).toMatch(/… and 2 more$/);
  });
});

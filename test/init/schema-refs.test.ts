import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMAS, schemaRefs, schemasFound } from '../../src/io/output/scaffold-files.js';
import { repo } from '../e2e/run-cli.js';

describe('the $schema references init writes', () => {
  it('point from the written folder to the running package, relative and with forward slashes', () => {
    expect(PACKAGE_SCHEMAS).toBe(join(repo, 'schemas/'));
    expect(schemaRefs(join(repo, 'examples'))).toEqual({
      policy: '../schemas/policy.schema.json',
      inventory: '../schemas/inventory.schema.json',
    });
    expect(schemaRefs('/srv/project', '/srv/project/node_modules/tierplan/schemas').policy).toBe(
      'node_modules/tierplan/schemas/policy.schema.json',
    );
    expect(schemasFound(PACKAGE_SCHEMAS)).toBe(true);
    expect(schemasFound('/nonexistent')).toBe(false);
  });

  it('take a URL base as given, whatever the folder', () => {
    expect(schemaRefs('/anywhere', 'https://schemas.example.com/tierplan/').inventory).toBe(
      'https://schemas.example.com/tierplan/inventory.schema.json',
    );
    expect(schemasFound('https://schemas.example.com/tierplan')).toBe(true);
  });
});

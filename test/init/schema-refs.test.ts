import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_SCHEMAS, schemaRefs, schemasFound } from '../../src/io/output/scaffold-files.js';
import { schemaRef } from '../../src/io/output/schema-ref.js';
import { repo } from '../e2e/run-cli.js';

describe('the $schema references init writes', () => {
  it('point from a folder of the clone to its schemas, relative and with forward slashes', () => {
    expect(PACKAGE_SCHEMAS).toBe(join(repo, 'schemas/'));
    expect(schemaRefs(join(repo, 'examples'))).toEqual({
      policy: '../schemas/policy.schema.json',
      inventory: '../schemas/inventory.schema.json',
    });
    expect(schemasFound(PACKAGE_SCHEMAS)).toBe(true);
    expect(schemasFound('/nonexistent')).toBe(false);
  });

  it('point into node_modules, relative, when the project installs tierplan (at its root or above --dir)', () => {
    const root = '/srv/project/node_modules/tierplan';
    const own = (dir: string): string => schemaRef(dir, 'policy.schema.json', join(root, 'schemas'), root);
    expect(own('/srv/project')).toBe('node_modules/tierplan/schemas/policy.schema.json');
    expect(own('/srv/project/platform/ai')).toBe('../../node_modules/tierplan/schemas/policy.schema.json');
  });

  it('name a global install, or a clone used from outside, by an absolute file URL', () => {
    const global = '/usr/local/lib/node_modules/tierplan';
    expect(schemaRefs('/home/ana/ai-plan', join(global, 'schemas'), global)).toEqual({
      policy: 'file:///usr/local/lib/node_modules/tierplan/schemas/policy.schema.json',
      inventory: 'file:///usr/local/lib/node_modules/tierplan/schemas/inventory.schema.json',
    });
    expect(schemaRefs('/srv/plans', '/home/ana/src/tierplan/schemas', '/home/ana/src/tierplan').policy).toBe(
      'file:///home/ana/src/tierplan/schemas/policy.schema.json',
    );
  });

  it('never hold a space, which ends the editor reference: such a path becomes a file URL', () => {
    const ref = schemaRefs('/srv/project', '/srv/project/shared schemas').policy;
    expect(ref).toBe('file:///srv/project/shared%20schemas/policy.schema.json');
  });

  it('take a folder the user chose relative to the written folder, and a URL base as given', () => {
    expect(schemaRefs('/srv/project/ai', '/srv/project/schemas').policy).toBe('../schemas/policy.schema.json');
    expect(schemaRefs('/anywhere', 'https://schemas.example.com/tierplan/').inventory).toBe(
      'https://schemas.example.com/tierplan/inventory.schema.json',
    );
    expect(schemasFound('https://schemas.example.com/tierplan')).toBe(true);
  });
});

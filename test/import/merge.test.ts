import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/interactive/answers.js';
import type { UseCase } from '../../src/core/policy/types.js';
import { mergeInto as mergeItems, readMergeTarget, type MergeTarget } from '../../src/io/import/merge-inventory.js';
import { renderUseCaseItems } from '../../src/render/import/import-inventory.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';
import { UsageError } from '../../src/io/source/errors.js';

const EXISTING = `# yaml-language-server: $schema=schemas/inventory.schema.json
# Hand-kept: these comments must survive.
version: 1
use_cases:
    # indented by four
    - id: claims-triage        # aligned comment
      name: Claims triage
      data: { classes: [pii] }
    - id: legacy
      description: |
        Two lines
        of text
      name: Legacy
# the end
`;
const ADDED: UseCase[] = [
  {
    id: 'new-one',
    name: 'New: one',
    description: 'a\nb',
    data: { classes: [] },
    suggested: { data_classes: ['phi'], because: ['x mentions "y"'] },
  },
  { id: 'new-two', name: '- looks like a list item' },
];

// The items serialised as the import command does before handing them to io.
const mergeInto = (t: MergeTarget, added: UseCase[], updates = new Map<string, Change[]>()): string =>
  mergeItems(t, updates, added, renderUseCaseItems(added));

async function target(text: string, bom = false) {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-merge-'));
  const file = join(dir, 'inventory.yaml');
  writeFileSync(file, (bom ? '\uFEFF' : '') + text);
  return (await readMergeTarget(file))!;
}

describe('merging into an inventory', () => {
  it('appends after the last use case at its indentation; every byte of the old text stays', async () => {
    const t = await target(EXISTING);
    const merged = mergeInto(t, ADDED);
    const cut = EXISTING.indexOf('# the end');
    expect(merged.startsWith(EXISTING.slice(0, cut))).toBe(true);
    expect(merged.endsWith('# the end\n')).toBe(true);
    expect(merged.slice(cut)).toContain('    - id: new-one\n      name: "New: one"\n');
    const value = parseYaml(merged, 'x').value as { use_cases: UseCase[] };
    expect(value.use_cases.map((u) => u.id)).toEqual(['claims-triage', 'legacy', 'new-one', 'new-two']);
    expect(value.use_cases.slice(2)).toEqual(ADDED);
  });

  it('an empty flow list goes through the Document API; a BOM is kept', async () => {
    const t = await target('# mine\nversion: 1\nuse_cases: []\n', true);
    const merged = mergeInto(t, ADDED);
    expect(merged.startsWith('\uFEFF# mine\n')).toBe(true);
    expect((parseYaml(merged.slice(1), 'x').value as { use_cases: UseCase[] }).use_cases).toEqual(ADDED);
  });

  it('updates existing use cases in place, their comments kept, then appends', async () => {
    const t = await target(EXISTING);
    const updates = new Map<string, Change[]>([
      ['claims-triage', [{ path: ['data', 'classes'], value: ['pii', 'phi'] }]],
      ['legacy', [{ path: ['owner'], value: 'ops@example.com' }]],
    ]);
    const merged = mergeInto(t, ADDED, updates);
    // The flow-style `data:` makes the editor lay the file out again: every comment stays.
    for (const c of [
      '# Hand-kept: these comments must survive.',
      '# indented by four',
      '# aligned comment',
      '# the end',
    ])
      expect(merged).toContain(c);
    const value = parseYaml(merged, 'x').value as { use_cases: UseCase[] };
    expect(value.use_cases[0]!.data?.classes).toEqual(['pii', 'phi']);
    expect(value.use_cases[1]!.owner).toBe('ops@example.com');
    expect(value.use_cases.slice(2)).toEqual(ADDED);
    expect(mergeInto(t, [], updates)).not.toContain('new-one');
  });

  it('nothing to add: the text as it was', async () => {
    const t = await target(EXISTING);
    expect(mergeInto(t, [])).toBe(EXISTING);
  });

  it('no file yet: nothing to merge into; a folder is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-merge-'));
    expect(await readMergeTarget(join(dir, 'nope.yaml'))).toBeUndefined();
    await expect(readMergeTarget(dir)).rejects.toBeInstanceOf(UsageError);
  });
});

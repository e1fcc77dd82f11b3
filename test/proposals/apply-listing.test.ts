// What `review --apply` says it changed: each change in words, at the line of the key it changed,
// and the inventory a patch records, relative to the patch's own folder.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeInWords } from '../../src/core/review/change-words.js';
import type { Proposal } from '../../src/core/review/review-types.js';
import { InputError } from '../../src/io/source/errors.js';
import { applyProposalsPatchFile, inventoryForPatch, renderProposalsPatch } from '../../src/io/edit/proposals-patch.js';

describe('changeInWords', () => {
  it.each([
    [{ path: ['status'], from: 'production', to: 'retired' }, 'status production → retired'],
    [{ path: ['status'], from: null, to: 'retired' }, 'status added: retired'],
    [
      { path: ['override'], from: { tier: 'on-prem', reason: 'r', expires: '2026-09-30' }, to: null },
      'override removed (was on-prem, expires 2026-09-30)',
    ],
    [
      { path: ['override'], from: null, to: { tier: 'private-cloud', reason: 'r', expires: '2027-03-31' } },
      'override added: private-cloud, expires 2027-03-31',
    ],
    [
      {
        path: ['override'],
        from: { tier: 'on-prem', reason: 'r', expires: '2026-09-30' },
        to: { tier: 'private-cloud', reason: 'r', expires: '2027-03-31' },
      },
      'override: tier on-prem → private-cloud, expires 2026-09-30 → 2027-03-31',
    ],
    [
      { path: ['override', 'expires'], from: '2026-09-30', to: '2027-03-31' },
      'override.expires 2026-09-30 → 2027-03-31',
    ],
    [
      { path: ['override', 'approved_by'], from: 'ciso@example.com', to: null },
      'override.approved_by removed (was ciso@example.com)',
    ],
    [{ path: ['override'], from: { reason: 'r' }, to: null }, 'override removed (was reason r)'],
  ])('%j → %s', (change, words) => {
    expect(changeInWords(change)).toBe(words);
  });
});

describe('the inventory a patch records', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tierplan-patch-inventory-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is written relative to the patch folder, with /', () => {
    expect(inventoryForPatch(join(dir, 'inventory.yaml'), join(dir, 'review', 'proposals.yaml'))).toBe(
      '../inventory.yaml',
    );
    expect(inventoryForPatch(join(dir, 'inv'), join(dir, 'proposals.yaml'))).toBe('inv');
    expect(inventoryForPatch(join(dir, 'a', 'b.yaml'), join(dir, 'a', 'p.yaml'))).toBe('b.yaml');
  });

  it('is found from the patch folder, and each change is listed at the line of the key it changed', async () => {
    await mkdir(join(dir, 'review'));
    const inventory = join(dir, 'inventory.yaml');
    await writeFile(
      inventory,
      [
        'version: 1',
        'use_cases:',
        '  - id: a',
        '    name: A',
        '    status: pilot',
        '  - id: b',
        '    name: B',
        '    # pinned',
        '    override:',
        '      tier: on-prem',
        '      reason: r',
        '      expires: 2026-09-30',
        '  - id: c',
        '    name: C',
        '',
      ].join('\n'),
    );
    const proposals: Proposal[] = [
      {
        use_case: 'a',
        action: 'retire',
        trigger: 'idle',
        change: { path: ['status'], from: 'pilot', to: 'retired' },
        reason: '',
      },
      {
        use_case: 'b',
        action: 'move',
        trigger: 't',
        change: { path: ['override'], from: { tier: 'on-prem', reason: 'r', expires: '2026-09-30' }, to: null },
        reason: '',
      },
      {
        use_case: 'c',
        action: 'retire',
        trigger: 'idle',
        change: { path: ['status'], from: null, to: 'retired' },
        reason: '',
      },
    ];
    const patch = join(dir, 'review', 'proposals.yaml');
    const meta = { generator: 'g', period: 'p', inventory: inventoryForPatch(inventory, patch) };
    await writeFile(patch, renderProposalsPatch(proposals, meta));
    const result = await applyProposalsPatchFile(undefined, patch);
    expect(result.inventory).toBe(inventory);
    // a's status key is on line 5, b's override on line 9; c has no status yet: its entry's line.
    expect(result.changes.map((c) => [c.use_case, c.file, c.line])).toEqual([
      ['a', inventory, 5],
      ['b', inventory, 9],
      ['c', inventory, 13],
    ]);
    expect(await readFile(inventory, 'utf8')).toContain('  - id: b\n    name: B\n  - id: c\n');
  });

  it('missing: refused at the patch line that names it, saying to pass --inventory', async () => {
    const patch = join(dir, 'proposals.yaml');
    await writeFile(patch, renderProposalsPatch([], { generator: 'g', period: 'p', inventory: 'gone/inventory.yaml' }));
    const e: unknown = await applyProposalsPatchFile(undefined, patch).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    const d = (e as InputError).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'file-not-found', file: patch });
    expect(d.message).toMatch(/gone\/inventory\.yaml.*--inventory FILE/);
  });
});

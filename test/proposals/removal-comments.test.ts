// `review --apply` removing an override: the comments that speak of it go with it, every other
// comment stays where it was, byte for byte. Goldens on an inventory with comments above, beside,
// inside and below the first, middle and last entries; a property over generated inventories.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Proposal } from '../../src/core/review/review-types.js';
import { applyProposalsPatch, renderProposalsPatch } from '../../src/io/edit/proposals-patch.js';
import { expectGoldenIn } from '../render/golden.js';

// Golden files are reviewed like code: UPDATE_GOLDEN=1 npx vitest run test/proposals, then read the diff.
const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, 'golden');
const META = { generator: 'tierplan test', period: '2026-07..2026-09', inventory: 'inventory.yaml' };

const OVERRIDES: Record<string, { tier: string; reason: string; expires: string }> = {
  first: { tier: 'on-prem', reason: 'Payer agreement.', expires: '2027-01-31' },
  middle: { tier: 'on-prem', reason: 'Vendor review pending.', expires: '2027-02-28' },
  last: { tier: 'on-prem', reason: 'Data-sharing agreement.', expires: '2027-03-31' },
};

const removal = (id: string, from: unknown): Proposal => ({
  use_case: id,
  action: 'move',
  trigger: 'onprem-underused',
  change: { path: ['override'], from, to: null },
  reason: `${id}: without its override it is placed by the policy`,
});

/** The comment text of every line holding one (from its `#`), in order. */
const comments = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => /(^|\s)#/.test(l))
    .map((l) => l.slice(l.search(/(^|\s)#/)).trim());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tierplan-removal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('removing an override keeps comments with what they speak of', () => {
  const fixture = join(HERE, 'fixtures', 'commented.yaml');

  for (const ids of [['first'], ['middle'], ['last'], ['first', 'middle', 'last']]) {
    it(`removes the override of ${ids.join(', ')}: the file equals the reviewed golden`, async () => {
      const path = join(dir, 'inventory.yaml');
      await copyFile(fixture, path);
      const before = await readFile(path, 'utf8');
      const result = await applyProposalsPatch(
        path,
        renderProposalsPatch(
          ids.map((id) => removal(id, OVERRIDES[id])),
          META,
        ),
      );
      expect(result).toMatchObject({ applied: ids.length, skipped: [] });
      const after = await readFile(path, 'utf8');
      expectGoldenIn(GOLDEN, `remove-override-${ids.join('-')}.yaml`, after);
      // Nothing but the overrides changed in the data.
      const expected = parse(before) as { use_cases: Record<string, unknown>[] };
      for (const u of expected.use_cases) if (ids.includes(u.id as string)) delete u.override;
      expect(parse(after)).toEqual(expected);
      // The removed overrides' comments are gone; every other comment is kept, in order.
      const gone = (c: string): boolean =>
        ids.some((id) => new RegExp(`\\b${id} override|the ${id} (reason|expiry)|${id} override's`).test(c));
      expect(comments(after)).toEqual(comments(before).filter((c) => !gone(c)));
    });
  }

  it('the comments of the removed override are the ones the golden leaves out', async () => {
    const path = join(dir, 'inventory.yaml');
    await copyFile(fixture, path);
    await applyProposalsPatch(path, renderProposalsPatch([removal('last', OVERRIDES.last)], META));
    const after = await readFile(path, 'utf8');
    expect(after).not.toContain('# above the last override');
    expect(after).not.toContain('# below the last override');
    // The blank line above the removed lines still separates the entry from the file's last comment.
    expect(after).toContain('    status: pilot\n\n# end of the inventory\n');
  });
});

// ---------------------------------------------------------------------------------------------
// The property: on any inventory built of entries with comments in every place a person writes
// them, removing one entry's override removes exactly the comments that speak of that override,
// and every other comment stays byte for byte, in order.

interface EntryShape {
  /** Where the override stands among the entry's keys. */
  at: 'first' | 'middle' | 'last';
  blankBefore: boolean;
  commentAboveEntry: boolean;
  commentBesideId: boolean;
  blankBeforeOverride: boolean;
  commentAboveOverride: boolean;
  commentBesideOverride: boolean;
  commentInsideOverride: boolean;
  commentTrailingOverride: boolean;
  commentBelowOverride: boolean;
  commentAboveVolume: boolean;
}

const entryShape = fc.record<EntryShape>({
  at: fc.constantFrom('first', 'middle', 'last'),
  blankBefore: fc.boolean(),
  commentAboveEntry: fc.boolean(),
  commentBesideId: fc.boolean(),
  blankBeforeOverride: fc.boolean(),
  commentAboveOverride: fc.boolean(),
  commentBesideOverride: fc.boolean(),
  commentInsideOverride: fc.boolean(),
  commentTrailingOverride: fc.boolean(),
  commentBelowOverride: fc.boolean(),
  commentAboveVolume: fc.boolean(),
});

/** An entry's lines; each comment names its owner: `o<i>` its override, `e<i>` the rest of the entry. */
function entryLines(i: number, s: EntryShape): string[] {
  const lines: string[] = [];
  if (s.blankBefore) lines.push('');
  if (s.commentAboveEntry) lines.push(`  # e${i} above the entry`);
  const override = [
    `override:${s.commentBesideOverride ? `   # o${i} beside the override` : ''}`,
    '  tier: on-prem',
    ...(s.commentInsideOverride ? [`  # o${i} between the override's keys`] : []),
    `  reason: Reason ${i}.`,
    '  expires: 2027-01-31',
    ...(s.commentTrailingOverride ? [`  # o${i} trailing inside the override`] : []),
  ];
  const id = `id: u${i}${s.commentBesideId ? `   # e${i} beside the id` : ''}`;
  const volume = [...(s.commentAboveVolume ? [`# e${i} above the volume`] : []), 'volume:', '  requests: 10'];
  if (s.at === 'first') {
    lines.push(`  - ${override[0]}`, ...override.slice(1).map((l) => `    ${l}`));
    lines.push(`    ${id}`, `    name: U${i}`);
    lines.push(...volume.map((l) => `    ${l}`));
    return lines;
  }
  lines.push(`  - ${id}`, `    name: U${i}`);
  const above = [
    ...(s.blankBeforeOverride ? [''] : []),
    ...(s.commentAboveOverride ? [`    # o${i} above the override`] : []),
  ];
  // A comment below the override at its indentation speaks of it unless the next key follows right under it.
  const below = s.commentBelowOverride ? [`    # o${i} below the override`, ''] : [];
  const block = [...above, ...override.map((l) => `    ${l}`), ...below];
  if (s.at === 'middle') lines.push(...block, ...volume.map((l) => `    ${l}`));
  else lines.push(...volume.map((l) => `    ${l}`), ...block);
  return lines;
}

describe('removal: the property', () => {
  it('removes exactly the removed override and its comments; every other comment is byte-identical, in order', async () => {
    const path = join(dir, 'inventory.yaml');
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryShape, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        async (shapes, pick, trailer) => {
          const lines = ['version: 1', 'use_cases:', ...shapes.flatMap((s, i) => entryLines(i, s))];
          if (trailer) lines.push('# end of file');
          const text = `${lines.join('\n')}\n`;
          await writeFile(path, text);
          const target = pick % shapes.length;
          const from = { tier: 'on-prem', reason: `Reason ${target}.`, expires: '2027-01-31' };
          const result = await applyProposalsPatch(path, renderProposalsPatch([removal(`u${target}`, from)], META));
          expect(result.skipped).toEqual([]);
          const after = await readFile(path, 'utf8');
          const data = parse(text) as { use_cases: Record<string, unknown>[] };
          delete data.use_cases[target]!.override;
          expect(parse(after)).toEqual(data);
          const owned = new RegExp(`# o${target} `);
          expect(comments(after)).toEqual(comments(text).filter((c) => !owned.test(c)));
          // A whole-line comment kept is kept byte for byte, indentation included.
          const whole = (t: string): string[] => t.split('\n').filter((l) => /^\s*#/.test(l));
          expect(whole(after)).toEqual(whole(text).filter((l) => !owned.test(l)));
          // No blank line is left doubled where there was none.
          if (!text.includes('\n\n\n')) expect(after).not.toContain('\n\n\n');
        },
      ),
      { numRuns: 200 },
    );
  });
});

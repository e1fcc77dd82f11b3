// Each patch entry must make the one change its action stands for, and the inventory it leaves
// must pass validate's checks; a refused entry is positioned in the patch and nothing is written.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Proposal } from '../../src/core/review/review-types.js';
import { actionProblem } from '../../src/io/edit/proposal-checks.js';
import { applyProposalsPatch, renderProposalsPatch } from '../../src/io/edit/proposals-patch.js';
import { InputError } from '../../src/io/source/errors.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const META = { generator: 'tierplan test', period: '2026-01 to 2026-03', inventory: 'inventory.yaml' };
const CONTEXT = { policy: DEFAULT_POLICY, asOf: '2026-06-01' };

const entry = (action: Proposal['action'], path: string[], from: unknown, to: unknown, use_case = 'quiet'): Proposal =>
  ({ use_case, action, trigger: 't', reason: 'r', change: { path, from, to } }) as Proposal;
const retire = entry('retire', ['status'], 'pilot', 'retired');
const move = entry('move', ['override'], null, { tier: 'on-prem', reason: 'r', expires: '2027-03-31' }, 'wiki');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tierplan-proposal-checks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refused(proposals: Proposal[], context = CONTEXT): Promise<string[]> {
  const path = join(dir, 'inventory.yaml');
  await copyFile(join(FIXTURES, 'inventory.yaml'), path);
  const before = await readFile(path);
  const e: unknown = await applyProposalsPatch(path, renderProposalsPatch(proposals, META), {
    patchFile: 'p.yaml',
    context,
  }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  expect((await readFile(path)).equals(before)).toBe(true);
  return (e as InputError).diagnostics.map(formatDiagnostic);
}

describe('a patch entry against its action', () => {
  it('accepts the changes review writes: retire sets status: retired, move sets or removes the override', () => {
    expect(actionProblem(retire)).toBeUndefined();
    expect(actionProblem(move)).toBeUndefined();
    expect(actionProblem(entry('move', ['override'], {}, null))).toBeUndefined();
    expect(actionProblem(entry('move', ['override', 'expires'], '2026-01-31', '2027-01-31'))).toBeUndefined();
  });

  it('refuses a retire that sets anything else, a move outside the override, and any change of id', () => {
    expect(actionProblem(entry('retire', ['status'], 'pilot', 'asleep'))).toMatchObject({ at: ['change', 'to'] });
    expect(actionProblem(entry('retire', ['override'], null, null))).toMatchObject({ at: ['change', 'path'] });
    expect(actionProblem(entry('move', ['status'], 'pilot', 'retired'))).toMatchObject({ at: ['change', 'path'] });
    expect(actionProblem(entry('move', ['override'], null, 'on-prem'))).toMatchObject({ at: ['change', 'to'] });
    expect(actionProblem(entry('retire', ['id'], 'quiet', 'wiki'))?.message).toMatch(
      /no proposal changes a use case's id/,
    );
  });

  it('a rename onto an existing id is refused at the entry in the patch; the inventory is untouched', async () => {
    const lines = await refused([retire, entry('move', ['id'], 'quiet', 'wiki')]);
    expect(lines).toEqual([
      expect.stringMatching(/^p\.yaml:\d+:\d+: error proposal-invalid: quiet: no proposal changes a use case's id/),
    ]);
  });

  it('a retire entry whose change sets something else is refused before anything is written', async () => {
    const lines = await refused([move, entry('retire', ['status'], 'pilot', 'production')]);
    expect(lines).toEqual([
      expect.stringMatching(/^p\.yaml:\d+:\d+: error proposal-invalid: quiet: action retire sets status: retired/),
    ]);
  });
});

describe('the patched inventory against validate', () => {
  it('a move onto a tier the policy does not define is refused at its entry', async () => {
    const lines = await refused([
      retire,
      entry('move', ['override'], null, { tier: 'moon', reason: 'r', expires: '2027-03-31' }, 'wiki'),
    ]);
    expect(lines).toEqual([
      expect.stringMatching(
        /^p\.yaml:\d+:\d+: error proposal-invalid: applying the change to wiki would make the inventory fail validate: unknown-tier/,
      ),
    ]);
  });

  it("the inventory's own problems are not the patch's: an override that expired before still lets it apply", async () => {
    const path = join(dir, 'inventory.yaml');
    await copyFile(join(FIXTURES, 'inventory.yaml'), path);
    // claims' override expired on 2026-04-20, before CONTEXT's date.
    const result = await applyProposalsPatch(path, renderProposalsPatch([retire], META), { context: CONTEXT });
    expect(result).toMatchObject({ applied: 1, skipped: [] });
  });
});

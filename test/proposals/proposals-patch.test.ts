import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Proposal } from '../../src/core/review/review-types.js';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { InputError } from '../../src/io/source/errors.js';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import {
  SKIP_CHANGED,
  applyProposalsPatch,
  applyProposalsPatchFile,
  renderProposalsPatch,
} from '../../src/io/edit/proposals-patch.js';
import { expectGoldenIn } from '../render/golden.js';

// Golden files are reviewed like code: UPDATE_GOLDEN=1 npx vitest run test/proposals, then read the diff.
const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, 'golden');
const FIXTURES = join(HERE, 'fixtures');
const META = { generator: 'tierplan test', period: '2026-01 to 2026-03', inventory: 'inventory.yaml' };

const NEW_OVERRIDE = {
  tier: 'on-prem',
  reason: 'Consolidation (t-spend): spend over 5000 "USD" # per month.',
  expires: '2027-03-31',
};
const PROPOSALS: Proposal[] = [
  {
    use_case: 'claims',
    action: 'move',
    trigger: 't-idle-pin',
    change: {
      path: ['override'],
      from: { tier: 'on-prem', reason: 'Payer agreement.', approved_by: 'ciso@example.com', expires: '2026-04-20' },
      to: null,
    },
    reason:
      'on-prem under 1000 tokens/month (2026-01, 2026-02, 2026-03); without its override it is placed on private-cloud',
  },
  {
    use_case: 'quiet',
    action: 'retire',
    trigger: 't-no-traffic',
    change: { path: ['status'], from: 'pilot', to: 'retired' },
    reason: 'no traffic for 3 months (2026-01, 2026-02, 2026-03)',
  },
  {
    use_case: 'wiki',
    action: 'move',
    trigger: 't-spend',
    change: { path: ['override'], from: null, to: NEW_OVERRIDE },
    reason: 'spend over 5000 (2026-02, 2026-03)',
  },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tierplan-proposals-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inventoryCopy(name = 'inventory.yaml'): Promise<string> {
  const path = join(dir, 'inventory.yaml');
  await copyFile(join(FIXTURES, name), path);
  return path;
}

/** Lines removed and added going from `a` to `b`. */
function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

async function inputError(run: Promise<unknown>): Promise<InputError> {
  const e: unknown = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('renderProposalsPatch', () => {
  it('matches the golden patch: a header on how to apply it, then one entry per use case', () => {
    const text = renderProposalsPatch(PROPOSALS, META);
    expectGoldenIn(GOLDEN, 'proposals.yaml', text);
    expect(text).toContain('tierplan review --apply FILE');
    expect(parse(text)).toEqual({
      kind: 'tierplan-proposals',
      version: 1,
      ...META,
      proposals: PROPOSALS.map((p) => ({
        use_case: p.use_case,
        action: p.action,
        change: p.change,
        reason: p.reason,
        trigger: p.trigger,
      })),
    });
  });

  it('an empty list is still a valid patch that changes nothing', async () => {
    const path = await inventoryCopy();
    const before = await readFile(path, 'utf8');
    expect(await applyProposalsPatch(path, renderProposalsPatch([], META))).toMatchObject({
      applied: 0,
      skipped: [],
      files: [],
    });
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});

describe('applyProposalsPatch', () => {
  it('changes only the lines concerned: the result is the hand-written expected file', async () => {
    const path = await inventoryCopy();
    const before = await readFile(path, 'utf8');
    const result = await applyProposalsPatch(path, renderProposalsPatch(PROPOSALS, META));
    expect(result).toMatchObject({ applied: 3, skipped: [], files: [path], inventory: path });
    expect(result.changes.map((c) => c.use_case)).toEqual(PROPOSALS.map((p) => p.use_case));
    const after = await readFile(path, 'utf8');
    expect(after).toBe(await readFile(join(FIXTURES, 'expected.yaml'), 'utf8'));
    expect(changedLines(before, after)).toEqual({
      removed: [
        // the removed override, with the comment right above it; the volume comment stays
        '    # Pinned until the payer agreement is renegotiated.',
        '    override:                      # optional',
        '      tier: on-prem',
        '      reason: Payer agreement.     # see contract 42',
        '      approved_by: ciso@example.com',
        "      expires: '2026-04-20'",
        '    status: pilot                  # trial since 2025',
      ],
      added: [
        '    override:',
        '      tier: on-prem',
        '      reason: \'Consolidation (t-spend): spend over 5000 "USD" # per month.\'',
        '      expires: 2027-03-31',
        '    status: retired                  # trial since 2025',
      ],
    });
  });

  it('the result still loads as a valid inventory, with the changes made', async () => {
    const path = await inventoryCopy();
    await applyProposalsPatch(path, renderProposalsPatch(PROPOSALS, META));
    const { inventory } = await loadInventory(path);
    const byId = new Map(inventory.use_cases.map((u) => [u.id, u]));
    expect(byId.get('claims')?.override).toBeUndefined();
    expect(byId.get('claims')?.volume).toEqual({ requests: 400000 });
    expect(byId.get('quiet')?.status).toBe('retired');
    expect(byId.get('wiki')?.override).toEqual(NEW_OVERRIDE);
  });

  it('a retire proposal sets status: retired, also where the status was missing', async () => {
    const path = join(dir, 'inventory.yaml');
    await writeFile(path, 'version: 1\nuse_cases:\n  - id: a   # first\n    name: A\n  # trailing note\n');
    const patch = renderProposalsPatch(
      [
        {
          use_case: 'a',
          action: 'retire',
          trigger: 't',
          change: { path: ['status'], from: null, to: 'retired' },
          reason: 'idle',
        },
      ],
      META,
    );
    expect(await applyProposalsPatch(path, patch)).toMatchObject({ applied: 1, skipped: [] });
    expect(await readFile(path, 'utf8')).toBe(
      'version: 1\nuse_cases:\n  - id: a   # first\n    name: A\n    status: retired\n  # trailing note\n',
    );
  });

  it('skips a change whose `from` no longer matches, and leaves the file as it was', async () => {
    const path = await inventoryCopy();
    const stale = (await readFile(path, 'utf8')).replace('status: pilot ', 'status: idea  ');
    await writeFile(path, stale);
    const only = PROPOSALS.filter((p) => p.use_case === 'quiet');
    const result = await applyProposalsPatch(path, renderProposalsPatch(only, META));
    expect(result).toMatchObject({
      applied: 0,
      changes: [],
      skipped: [{ use_case: 'quiet', reason: SKIP_CHANGED }],
      files: [],
    });
    expect(await readFile(path, 'utf8')).toBe(stale);
  });

  it('applies the rest when one change is stale; says which were skipped and why', async () => {
    const path = await inventoryCopy();
    const ghost: Proposal = {
      use_case: 'ghost',
      action: 'retire',
      trigger: 't',
      change: { path: ['status'], from: 'pilot', to: 'retired' },
      reason: '',
    };
    const stale: Proposal = { ...PROPOSALS[1]!, change: { path: ['status'], from: 'idea', to: 'retired' } };
    const result = await applyProposalsPatch(
      path,
      renderProposalsPatch([PROPOSALS[0]!, stale, ghost, PROPOSALS[2]!], META),
    );
    expect(result.applied).toBe(2);
    expect(result.skipped).toEqual([
      { use_case: 'quiet', reason: SKIP_CHANGED },
      { use_case: 'ghost', reason: 'no use case with this id in the inventory' },
    ]);
    expect((await loadInventory(path)).inventory.use_cases.find((u) => u.id === 'quiet')?.status).toBe('pilot');
  });

  it('a patch applied twice reports "already applied" the second time', async () => {
    const path = await inventoryCopy();
    const patch = renderProposalsPatch(PROPOSALS, META);
    await applyProposalsPatch(path, patch);
    const result = await applyProposalsPatch(path, patch);
    expect(result.applied).toBe(0);
    expect(result.skipped.map((s) => s.reason)).toEqual(['already applied', 'already applied', 'already applied']);
  });

  it('removing an override deletes its block and keeps the comments of its neighbours', async () => {
    const path = await inventoryCopy();
    await applyProposalsPatch(path, renderProposalsPatch([PROPOSALS[0]!], META));
    const after = await readFile(path, 'utf8');
    expect(after).not.toContain('override');
    expect(after).not.toContain('contract 42');
    for (const kept of [
      '      task: classification\n    # Expected volume, per month.\n    volume:',
      "# from the policy's catalog",
      '# Nobody uses this one any more.',
    ])
      expect(after).toContain(kept);
  });

  it('replaces an existing override with a new block, keeping what surrounds it', async () => {
    const path = await inventoryCopy();
    const from = PROPOSALS[0]!.change.from;
    await applyProposalsPatch(
      path,
      renderProposalsPatch([{ ...PROPOSALS[0]!, change: { path: ['override'], from, to: NEW_OVERRIDE } }], META),
    );
    const after = await readFile(path, 'utf8');
    expect(after).toContain(
      "    # Pinned until the payer agreement is renegotiated.\n    override:\n      tier: on-prem\n      reason: 'Consolidation",
    );
    expect(after).toContain('      expires: 2027-03-31\n    # Expected volume, per month.\n    volume:\n');
    expect((await loadInventory(path)).inventory.use_cases[0]?.override).toEqual(NEW_OVERRIDE);
  });

  it('removes a key that shares its line with the list dash', async () => {
    const path = join(dir, 'inventory.yaml');
    await writeFile(
      path,
      'version: 1\nuse_cases:\n  - override:\n      tier: on-prem\n      reason: r\n      expires: 2026-01-31\n    id: a\n    name: A\n',
    );
    const from = { tier: 'on-prem', reason: 'r', expires: '2026-01-31' };
    await applyProposalsPatch(
      path,
      renderProposalsPatch(
        [{ use_case: 'a', action: 'move', trigger: 't', change: { path: ['override'], from, to: null }, reason: '' }],
        META,
      ),
    );
    expect(await readFile(path, 'utf8')).toBe('version: 1\nuse_cases:\n  - id: a\n    name: A\n');
  });

  it('keeps CRLF line endings', async () => {
    const path = join(dir, 'inventory.yaml');
    await writeFile(path, 'version: 1\r\nuse_cases:\r\n  - id: a\r\n    name: A\r\n');
    await applyProposalsPatch(
      path,
      renderProposalsPatch(
        [
          {
            use_case: 'a',
            action: 'move',
            trigger: 't',
            change: { path: ['override'], from: null, to: NEW_OVERRIDE },
            reason: '',
          },
        ],
        META,
      ),
    );
    const after = await readFile(path, 'utf8');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect((await loadInventory(path)).inventory.use_cases[0]?.override).toEqual(NEW_OVERRIDE);
  });

  it('finds the use case in a folder of one-use-case files and changes only that file', async () => {
    await mkdir(join(dir, 'inv'));
    await writeFile(join(dir, 'inv', 'a.yaml'), '# owned by team a\nid: a\nname: A\nstatus: pilot   # since May\n');
    await writeFile(join(dir, 'inv', 'b.yaml'), 'id: b\nname: B\n');
    const patch = renderProposalsPatch(
      [
        {
          use_case: 'a',
          action: 'retire',
          trigger: 't',
          change: { path: ['status'], from: 'pilot', to: 'retired' },
          reason: '',
        },
        {
          use_case: 'b',
          action: 'move',
          trigger: 't',
          change: { path: ['override'], from: null, to: NEW_OVERRIDE },
          reason: '',
        },
      ],
      META,
    );
    const result = await applyProposalsPatch(join(dir, 'inv'), patch);
    expect(result).toMatchObject({
      applied: 2,
      skipped: [],
      files: [join(dir, 'inv', 'a.yaml'), join(dir, 'inv', 'b.yaml')],
    });
    expect(await readFile(join(dir, 'inv', 'a.yaml'), 'utf8')).toBe(
      '# owned by team a\nid: a\nname: A\nstatus: retired   # since May\n',
    );
    expect(await readFile(join(dir, 'inv', 'b.yaml'), 'utf8')).toBe(
      'id: b\nname: B\noverride:\n  tier: on-prem\n  reason: \'Consolidation (t-spend): spend over 5000 "USD" # per month.\'\n  expires: 2027-03-31\n',
    );
  });

  it('a change that would make the inventory invalid is refused at its patch entry; nothing is written', async () => {
    const path = await inventoryCopy();
    const before = await readFile(path, 'utf8');
    // A move may set an override, but this one lacks the reason and expiry the inventory requires.
    const bad: Proposal = { ...PROPOSALS[2]!, change: { path: ['override'], from: null, to: { tier: 'on-prem' } } };
    const e = await inputError(
      applyProposalsPatch(path, renderProposalsPatch([PROPOSALS[0]!, bad], META), { patchFile: 'p.yaml' }),
    );
    expect(e.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/override.*reason/),
      expect.stringMatching(/override.*expires/),
    ]);
    expect(formatDiagnostic(e.diagnostics[0]!)).toMatch(
      /^p\.yaml:\d+:\d+: error proposal-invalid: applying the change to wiki would make .*inventory\.yaml invalid: .*override/,
    );
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('a patch of the wrong shape is an InputError with file:line:column; nothing is written', async () => {
    const path = await inventoryCopy();
    const before = await readFile(path, 'utf8');
    const patch =
      'kind: tierplan-proposals\nversion: 1\nproposals:\n  - use_case: quiet\n    action: demolish\n    change: { path: [status], from: pilot }\n';
    const e = await inputError(applyProposalsPatch(path, patch, { patchFile: 'p.yaml' }));
    const lines = e.diagnostics.map(formatDiagnostic);
    expect(lines.some((l) => l.startsWith('p.yaml:5:13: error'))).toBe(true);
    expect(lines.some((l) => l.startsWith('p.yaml:6:13: error') && l.includes('to'))).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(before);

    const syntax = await inputError(applyProposalsPatch(path, 'kind: [unclosed\n', { patchFile: 'p.yaml' }));
    expect(syntax.diagnostics[0]?.file).toBe('p.yaml');
    const notPatch = await inputError(
      applyProposalsPatch(path, 'version: 1\nuse_cases: []\n', { patchFile: 'p.yaml' }),
    );
    expect(notPatch.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/^p\.yaml:1:1: error/);
  });

  it('changes a key nested in the entry, and skips what it cannot change safely', async () => {
    const path = join(dir, 'inventory.yaml');
    const text = [
      'version: 1',
      'use_cases:',
      '  - id: a',
      '    name: A',
      '    override:',
      '      tier: on-prem',
      '      reason: r',
      "      expires: '2026-01-31'   # renew?",
      '  - {id: b, name: B, status: pilot}',
      '  - id: c',
      '    name: C',
      '    status: &s pilot',
      '  - id: d',
      '    name: D',
      '    status: *s',
      '',
    ].join('\n');
    await writeFile(path, text);
    const retire = (id: string): Proposal => ({
      use_case: id,
      action: 'retire',
      trigger: 't',
      change: { path: ['status'], from: 'pilot', to: 'retired' },
      reason: '',
    });
    const patch = renderProposalsPatch(
      [
        {
          use_case: 'a',
          action: 'move',
          trigger: 't',
          change: { path: ['override', 'expires'], from: '2026-01-31', to: '2027-01-31' },
          reason: '',
        },
        retire('b'),
        retire('c'),
        retire('d'),
        retire('a'),
      ],
      META,
    );
    const result = await applyProposalsPatch(path, patch);
    expect(result.applied).toBe(1);
    expect(result.skipped).toEqual([
      { use_case: 'b', reason: 'the entry is written in flow style ({ … }); change it by hand' },
      { use_case: 'c', reason: 'the value uses a YAML anchor or alias; change it by hand' },
      { use_case: 'd', reason: 'the value uses a YAML anchor or alias; change it by hand' },
      { use_case: 'a', reason: 'another entry of this patch already changes this use case' },
    ]);
    expect(await readFile(path, 'utf8')).toBe(
      text.replace("expires: '2026-01-31'   # renew?", 'expires: 2027-01-31   # renew?'),
    );
  });

  it('reads the patch from a file', async () => {
    const path = await inventoryCopy();
    const patchPath = join(dir, 'proposals.yaml');
    await writeFile(patchPath, renderProposalsPatch(PROPOSALS, META));
    expect((await applyProposalsPatchFile(path, patchPath)).applied).toBe(3);
    expect(await readFile(path, 'utf8')).toBe(await readFile(join(FIXTURES, 'expected.yaml'), 'utf8'));
  });
});

describe('strings from the inputs stay data', () => {
  const NASTY = [
    'say "hi"',
    "it's",
    'a\nb\n  - c: d',
    '# not a comment',
    '{{ handlebars }}',
    'key: value',
    '- item',
    '&anchor *alias',
    '!!tag',
    '  lead and trail  ',
    '',
    'null',
    '2027-03-31',
    '💥 ünïcode',
    '---\n...',
  ];

  it('round-trip through the patch unchanged', () => {
    const proposals: Proposal[] = NASTY.map((s, i) => ({
      use_case: `u${i}`,
      action: 'move',
      trigger: s,
      reason: s,
      change: {
        path: ['override'],
        from: { tier: s, reason: s, expires: '2026-01-31' },
        to: { tier: s, reason: s, expires: s },
      },
    }));
    const meta = { generator: NASTY[2]!, period: NASTY[3]!, inventory: NASTY[4]! };
    const text = renderProposalsPatch(proposals, meta);
    const back = parse(text) as { proposals: Proposal[] } & typeof meta;
    expect(back.proposals).toEqual(proposals);
    expect([back.generator, back.period, back.inventory]).toEqual([NASTY[2], NASTY[3], NASTY[4]]);
    // No input string can add a key or an entry.
    expect(back.proposals.every((p) => Object.keys(p).join() === 'use_case,action,change,reason,trigger')).toBe(true);
  });

  it('round-trip through apply into the inventory unchanged', async () => {
    const path = join(dir, 'inventory.yaml');
    await writeFile(
      path,
      `version: 1\nuse_cases:\n${NASTY.map((_, i) => `  - id: u${i}\n    name: U${i}\n`).join('')}`,
    );
    const reasons = NASTY.filter((s) => s.trim() !== '');
    const proposals: Proposal[] = reasons.map((s, i) => ({
      use_case: `u${i}`,
      action: 'move',
      trigger: 't',
      reason: s,
      change: { path: ['override'], from: null, to: { tier: s, reason: s, approved_by: s, expires: '2027-03-31' } },
    }));
    expect((await applyProposalsPatch(path, renderProposalsPatch(proposals, META))).applied).toBe(reasons.length);
    const { inventory } = await loadInventory(path);
    expect(inventory.use_cases).toHaveLength(NASTY.length);
    for (const [i, s] of reasons.entries())
      expect(inventory.use_cases[i]?.override).toEqual({ tier: s, reason: s, approved_by: s, expires: '2027-03-31' });
  });
});

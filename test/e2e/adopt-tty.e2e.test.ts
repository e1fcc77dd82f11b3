// `tierplan adopt` on a real pseudo-terminal: the tier of each new deployment asked with the
// proposal first and why, what adopt could not tell asked, each new name offered to an existing
// use case, a last confirmation — and nothing written on Ctrl-C or on "no".
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keys, spawnOnPty, type PtySession } from './support/pty.js';

const CONFIG = `model_list:
  - model_name: claims-phi
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_region_name: us-east-1
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
router_settings:
  fallbacks:
    - claims-phi: [gpt-4o]
`;
const INVENTORY = `version: 1
use_cases:
  # owned by the claims platform team
  - id: claims-triage
    name: Claims triage assistant
    data:
      classes: [phi]
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-adopt-tty-'));
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  writeFileSync(join(dir, 'inventory.yaml'), INVENTORY);
  return dir;
}

const answered = new WeakMap<PtySession, number>();
async function answer(s: PtySession, question: string | RegExp, ...keystrokes: string[]): Promise<void> {
  await s.waitFor(question, { since: answered.get(s) ?? 0 });
  answered.set(s, s.screen().length);
  for (const k of keystrokes) s.write(k);
}

describe('tierplan adopt on a terminal', () => {
  it('asks tiers, what it could not tell and the use case of each name, then writes what was answered', async () => {
    const dir = workspace();
    const s = spawnOnPty(['adopt', 'litellm', 'config.yaml', '--as-of', '2026-12-01'], { cwd: dir, cols: 120 });
    await answer(s, '(1/2) bedrock-anthropic-claude-3-5-sonnet-20240620-v1-0: which tier?', keys.enter);
    expect(s.screen()).toContain('private-cloud — proposed: bedrock runs in your own cloud account (us-east-1)');
    await answer(s, 'what can it do?', keys.down, keys.enter); // mid
    await answer(s, '(2/2) openai-gpt-4o: which tier?', keys.enter);
    await answer(s, 'openai-gpt-4o: what can it do?', keys.enter); // basic
    await answer(s, 'openai-gpt-4o: which region does it serve from?', keys.up, keys.up, keys.enter); // us
    await answer(s, /\(1\/2\) Applications call "claims-phi"/, keys.down, keys.enter); // claims-triage
    await answer(s, /\(2\/2\) Applications call "gpt-4o"/, keys.enter); // a new use case
    await answer(s, 'Write tierplan.policy.yaml and inventory.yaml?', keys.enter);
    // The leak of today's config is a finding: exit 1, after writing.
    expect(await s.exited).toBe(1);
    expect(s.screen()).toContain('error uncleared-tier');
    expect(s.screen()).toContain('wrote tierplan.policy.yaml, inventory.yaml');

    const policy = parse(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')) as {
      tiers: { id: string; deployments: { id: string; capability: string; region: string }[] }[];
    };
    const deployment = (id: string) => policy.tiers.flatMap((t) => t.deployments).find((d) => d.id === id)!;
    expect(deployment('bedrock-anthropic-claude-3-5-sonnet-20240620-v1-0')).toMatchObject({
      capability: 'mid',
      region: 'us',
    });
    expect(deployment('openai-gpt-4o')).toMatchObject({ capability: 'basic', region: 'us' });
    const inventoryText = readFileSync(join(dir, 'inventory.yaml'), 'utf8');
    expect(inventoryText).toContain('# owned by the claims platform team');
    const inventory = parse(inventoryText) as { use_cases: { id: string; aliases?: string[] }[] };
    expect(inventory.use_cases.map((u) => [u.id, u.aliases])).toEqual([
      ['claims-triage', ['claims-phi']],
      ['gpt-4o', undefined],
    ]);
  });

  it('a flag naming no proposed deployment is refused before any question', async () => {
    const dir = workspace();
    const s = spawnOnPty(['adopt', 'litellm', 'config.yaml', '--tier', 'openai-gpt-40=api'], { cwd: dir });
    expect(await s.exited).toBe(2);
    expect(s.screen()).toContain('deployments.openai-gpt-40: no proposed deployment is "openai-gpt-40"');
    expect(s.screen()).not.toContain('which tier?');
  });

  it('Ctrl-C at a question writes nothing', async () => {
    const dir = workspace();
    const s = spawnOnPty(['adopt', 'litellm', 'config.yaml'], { cwd: dir, env: { NO_COLOR: '1' } });
    await answer(s, 'which tier?', keys.enter);
    await answer(s, 'what can it do?', keys.ctrlC);
    expect(await s.exited).toBe(130);
    expect(s.screen()).toContain('interrupted: nothing was written.');
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toBe(INVENTORY);
    expect(() => readFileSync(join(dir, 'tierplan.policy.yaml'))).toThrow();
  });

  it('"no" at the confirmation writes nothing', async () => {
    const dir = workspace();
    const s = spawnOnPty(['adopt', 'litellm', 'config.yaml', '--tier', 'openai-gpt-4o=api'], { cwd: dir });
    await answer(s, 'which tier?', keys.enter);
    await answer(s, 'what can it do?', keys.enter);
    await answer(s, 'openai-gpt-4o: what can it do?', keys.enter);
    await answer(s, 'which region', keys.enter);
    await answer(s, 'Applications call "claims-phi"', keys.enter);
    await answer(s, 'Applications call "gpt-4o"', keys.enter);
    await answer(s, 'Write tierplan.policy.yaml and inventory.yaml?', 'n', keys.enter);
    expect(await s.exited).toBe(0);
    expect(s.screen()).toContain('nothing was written.');
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toBe(INVENTORY);
  });
});

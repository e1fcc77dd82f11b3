import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';
import { keys, spawnOnPty, type PtySession } from './support/pty.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-init-tty-'));

interface WrittenPolicy {
  sensitivity: { regimes: Record<string, unknown>; data_classes: Record<string, unknown> };
  tiers: { id: string; regions: string[]; regimes: string[]; deployments: { id: string }[] }[];
  preference: string[];
}

/** Waits for a question that appears after everything seen so far, then types the keys. */
async function answer(s: PtySession, question: string, ...keystrokes: string[]): Promise<void> {
  await s.waitFor(question, { since: answered.get(s) ?? 0 });
  answered.set(s, s.screen().length);
  for (const k of keystrokes) s.write(k);
}
const answered = new WeakMap<PtySession, number>();

describe('tierplan init on a terminal', () => {
  it('asks, and writes what was answered: no on-prem, only the EU region, no Vertex, GDPR only', async () => {
    const dir = tmp();
    const s = spawnOnPty(['init', '--dir', dir]);
    // Every choice starts checked; the cursor starts on the first.
    await answer(s, 'Which tiers do you run?', keys.down, keys.down, keys.space, keys.enter); // api, private-cloud, [on-prem]
    await answer(s, 'Which regions may your AI workloads run in?', keys.space, keys.enter); // [us], eu
    await answer(s, 'Which clouds and providers do you use?', keys.down, keys.down, keys.space, keys.enter); // openai, azure, [vertex_ai]
    await answer(s, 'Which regulatory regimes apply to you?', 'a', keys.space, keys.enter); // none, then gdpr
    await s.waitFor('wrote', { since: answered.get(s) });
    expect(await s.exited).toBe(0);
    expect(s.screen()).toContain('support-ticket-summary → private-cloud');

    const policy = parse(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')) as WrittenPolicy;
    expect(policy.tiers.map((t) => [t.id, t.regions, t.regimes, t.deployments.map((d) => d.id)])).toEqual([
      ['api', ['eu'], [], ['openai-eu-gpt-5-4']],
      ['private-cloud', ['eu'], ['gdpr'], ['azure-gpt-5-4-eu']],
    ]);
    expect(policy.preference).toEqual(['api', 'private-cloud']);
    expect(Object.keys(policy.sensitivity.regimes)).toEqual(['gdpr']);
    expect(policy.sensitivity.data_classes).not.toHaveProperty('phi');

    const valid = tierplan(['validate'], { cwd: dir });
    expect(valid.code).toBe(0);
    const plan = tierplan(['plan', '--format', 'json', '--as-of', '2026-11-27', '--fail-on', 'any'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { use_cases: { tier: string; deployment: string }[] }).use_cases).toMatchObject([
      { tier: 'private-cloud', deployment: 'azure-gpt-5-4-eu' },
    ]);
  });

  it('refuses a choice that leaves a tier without deployments, says why, and lets the user fix it', async () => {
    const dir = tmp();
    const s = spawnOnPty(['init', '--dir', dir, '--tiers', 'api', '--regimes', 'none']);
    await answer(s, 'Which regions may your AI workloads run in?', keys.enter);
    await answer(s, 'Which clouds and providers do you use?', keys.space, keys.down, keys.space, keys.enter); // neither openai nor anthropic
    await s.waitFor('tier api would keep no deployment', { since: answered.get(s) });
    s.write(keys.space); // anthropic again
    s.write(keys.enter);
    expect(await s.exited).toBe(0);
    const policy = parse(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')) as WrittenPolicy;
    expect(policy.tiers.map((t) => t.deployments.map((d) => d.id))).toEqual([['anthropic-claude-opus']]);
  });

  it('Ctrl-C during the questions writes nothing (and NO_COLOR keeps the questions plain)', async () => {
    const dir = tmp();
    const s = spawnOnPty(['init', '--dir', dir], { env: { NO_COLOR: '1' } });
    await answer(s, 'Which tiers do you run?', keys.down, keys.space, keys.enter);
    await answer(s, 'Which regions may your AI workloads run in?', keys.ctrlC);
    expect(await s.exited).toBe(130);
    expect(s.screen()).toContain('interrupted: nothing was written.');
    expect(readdirSync(dir)).toEqual([]);
    expect(s.raw()).not.toMatch(/\x1b\[\d+(;\d+)*m/);
  });
});

// `tierplan plan` on a real pseudo-terminal: keystrokes in, the screen and the inventory file out.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Inventory, UseCase } from '../../src/core/policy/types.js';
import { tierplan } from './run-cli.js';
import { driver, keys, spawnOnPty, type PtySession } from './support/pty.js';

const fixture = fileURLToPath(new URL('../interactive/fixtures/commented.yaml', import.meta.url));
const original = readFileSync(fixture, 'utf8');
const COMMENTS = original.split('\n').filter((l) => l.includes('#'));
const WAIT = { timeoutMs: 30_000 };
const SLOW = 120_000;

function inventoryCopy(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-tty-'));
  const file = join(dir, 'inventory.yaml');
  copyFileSync(fixture, file);
  return { dir, file };
}

const start = (file: string, extra: string[] = []): PtySession =>
  spawnOnPty(['plan', '--inventory', file, '--as-of', '2026-11-24', ...extra], { cols: 120, rows: 50 });

function expectValid(path: string): void {
  const r = tierplan(['validate', '--inventory', path]);
  expect(r.code, r.stderr).toBe(0);
}

const down = (n: number): string[] => Array<string>(n).fill(keys.down);
const useCase = (file: string, id: string): UseCase =>
  (jsyaml.load(readFileSync(file, 'utf8')) as Inventory).use_cases.find((u) => u.id === id)!;
const block = (text: string, id: string): string => {
  const from = text.indexOf(`  - id: ${id}`);
  const to = text.indexOf('\n  - id: ', from + 1);
  return text.slice(from, to < 0 ? undefined : to);
};

/** Answers every question about member-letters: pii, no regimes, anywhere, generation, some reasoning, short inputs, no tools, text, 3000 requests. */
async function answerMemberLetters(d: ReturnType<typeof driver>): Promise<void> {
  await d.at('[1/2] member-letters');
  await d.at('What data does it touch?', ...down(5), keys.space, keys.enter);
  await d.at('Which regulations apply', keys.enter);
  await d.at('Where must the data stay?', keys.enter);
  await d.at('What is the task?', ...down(4), keys.enter);
  await d.at('How hard is the reasoning?', keys.down, keys.enter);
  await d.at('How long are the inputs', keys.enter);
  await d.at('Does it call tools', keys.enter);
  await d.at('What does it take in?', keys.enter);
  await d.at('requests a month', '3000', keys.enter);
  await d.at('Input tokens per request', keys.enter);
  await d.at('Output tokens per request', '700', keys.enter);
}

describe('tierplan plan on a terminal', () => {
  it(
    'asks about each unclassified use case, shows the placement and its reasons, saves, then plans',
    async () => {
      const { file } = inventoryCopy();
      const s = start(file);
      const d = driver(s);
      await answerMemberLetters(d);
      await d.sees('Save these answers for member-letters?');
      const preview = d.since();
      expect(preview).toContain('sensitivity confidential');
      expect(preview).toContain('capability mid');
      expect(preview).toMatch(/tier\s+private-cloud/);
      expect(preview).toContain('[sens.class.pii]');
      expect(preview).toContain('[choose.preference]');
      expect(readFileSync(file, 'utf8')).toBe(original); // nothing written before saving
      await d.at('Save these answers for member-letters?', keys.enter);
      await d.sees('saved member-letters to');
      expect(useCase(file, 'member-letters')).toMatchObject({
        data: { classes: ['pii'] },
        needs: { task: 'generation', reasoning: 'medium', context_tokens: 4000, tools: false },
        volume: { requests: 3000, output_tokens_per_request: 700 },
      });

      // The second carries the import's suggestions: confirming them is pressing enter.
      await d.at('[2/2] claims-intake');
      await d.sees('The import suggested data phi, pii and task extraction');
      await d.at('What data does it touch?', keys.enter);
      await d.sees('applies anyway: implied by phi');
      await d.at('Which regulations apply', keys.enter);
      await d.at('Where must the data stay?', keys.enter);
      await d.at('What is the task?', keys.enter);
      await d.at('How hard is the reasoning?', keys.enter);
      await d.at('How long are the inputs', keys.down, keys.enter);
      await d.at('Does it call tools', keys.enter);
      await d.at('What does it take in?', keys.enter);
      await d.sees('Save these answers for claims-intake?');
      expect(d.since()).toContain('sensitivity regulated');
      expect(d.since()).toMatch(/regimes hipaa/);
      expect(d.since()).not.toContain('requests a month'); // the volume is known
      await d.at('Save these answers for claims-intake?', keys.enter);
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      expect(s.screen()).toContain('2 use cases saved to');

      const after = readFileSync(file, 'utf8');
      for (const c of COMMENTS.filter((l) => !l.includes('tierplan import'))) expect(after).toContain(c);
      expect(after).not.toContain('suggested');
      expect(useCase(file, 'claims-intake')).toMatchObject({
        data: { classes: ['pii', 'phi'], residency: ['us'] }, // in the policy's catalog order
        needs: { task: 'extraction', reasoning: 'low', context_tokens: 32000, tools: false },
        volume: { requests: 120000 },
      });
      expect(block(after, 'policy-search')).toBe(block(original, 'policy-search'));
      expectValid(file);
    },
    SLOW,
  );

  it(
    'Ctrl-C during the second use case keeps the first saved, the second untouched, and exits 130',
    async () => {
      const { file } = inventoryCopy();
      const s = start(file);
      const d = driver(s);
      await answerMemberLetters(d);
      await d.at('Save these answers for member-letters?', keys.enter);
      await d.at('[2/2] claims-intake');
      await d.at('What data does it touch?', keys.enter);
      await d.at('Which regulations apply', keys.ctrlC);
      expect(await s.exited, s.screen().slice(-2000)).toBe(130);
      expect(s.screen()).toMatch(
        /Interrupted: 1 use case saved to \S+inventory\.yaml; 1 still to answer: run `tierplan plan --inventory \S+` again to continue\./,
      );
      expect(s.screen()).not.toContain('Tier matrix');
      const after = readFileSync(file, 'utf8');
      expect(useCase(file, 'member-letters').data).toEqual({ classes: ['pii'] });
      expect(block(after, 'claims-intake')).toBe(block(original, 'claims-intake'));
      for (const c of COMMENTS) expect(after).toContain(c);
      expectValid(file);

      // Running again asks only what is left.
      const again = start(file);
      const d2 = driver(again);
      await d2.at('[1/1] claims-intake', keys.ctrlC);
      expect(await again.exited).toBe(130);
    },
    SLOW,
  );

  it(
    'skip leaves a use case as it was; stop ends the questions and shows the plan',
    async () => {
      const { file } = inventoryCopy();
      const s = start(file);
      const d = driver(s);
      await answerMemberLetters(d);
      await d.at('Save these answers for member-letters?', ...down(2), keys.enter);
      await d.at('[2/2] claims-intake');
      await d.at('What data does it touch?', keys.enter);
      await d.at('Which regulations apply', keys.enter);
      await d.at('Where must the data stay?', keys.enter);
      await d.at('What is the task?', keys.enter);
      await d.at('How hard is the reasoning?', keys.enter);
      await d.at('How long are the inputs', keys.enter);
      await d.at('Does it call tools', keys.enter);
      await d.at('What does it take in?', keys.enter);
      await d.at('Save these answers for claims-intake?', ...down(3), keys.enter);
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      expect(s.screen()).toContain('Stopped: nothing saved; 2 still to answer');
      expect(readFileSync(file, 'utf8')).toBe(original);
    },
    SLOW,
  );

  it(
    'change answers asks again from the previous answers before saving',
    async () => {
      const { file } = inventoryCopy();
      const s = start(file);
      const d = driver(s);
      await answerMemberLetters(d);
      await d.at('Save these answers for member-letters?', keys.down, keys.enter);
      // Every answer is pre-selected from the last round: change only the data (pii → public).
      await d.at('What data does it touch?', keys.space, ...down(5), keys.space, keys.enter);
      for (const p of [
        'Which regulations apply',
        'Where must the data stay?',
        'What is the task?',
        'How hard is the reasoning?',
        'How long are the inputs',
        'Does it call tools',
        'What does it take in?',
      ]) {
        await d.at(p, keys.enter);
      }
      await d.at('requests a month', keys.enter);
      await d.at('Input tokens per request', keys.enter);
      await d.at('Output tokens per request', keys.enter);
      await d.sees('Save these answers for member-letters?');
      expect(d.since()).toMatch(/tier\s+api/);
      await d.at('Save these answers for member-letters?', keys.enter);
      await d.at('[2/2] claims-intake', keys.ctrlC);
      expect(await s.exited, s.screen().slice(-2000)).toBe(130);
      expect(useCase(file, 'member-letters')).toMatchObject({
        data: { classes: ['public'] },
        needs: { task: 'generation', reasoning: 'medium' },
        volume: { requests: 3000, output_tokens_per_request: 700 },
      });
    },
    SLOW,
  );
});

describe('tierplan plan on a terminal, folder inventory', () => {
  it(
    'a classified use case with a suggested data class: only that question, saved into its own file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tierplan-tty-dir-'));
      mkdirSync(join(dir, 'hr'));
      const file = join(dir, 'hr', 'onboarding.yaml');
      const text = [
        '# Owned by people-platform (CODEOWNERS)',
        'id: onboarding-bot',
        'name: Onboarding assistant',
        'status: pilot',
        'data:',
        '  classes: [internal_docs]   # the handbook',
        'needs:',
        '  task: search',
        'suggested:',
        '  data_classes: [employee_data]',
        '  because: ["description mentions \'payroll\'"]',
        '',
      ].join('\n');
      writeFileSync(file, text);
      writeFileSync(
        join(dir, 'wiki.yaml'),
        'id: wiki\nname: Wiki search\ndata: {classes: [internal_docs]}\nneeds: {task: search}\n',
      );
      const s = spawnOnPty(['plan', '--inventory', dir, '--as-of', '2026-11-24'], { cols: 120, rows: 50 });
      const d = driver(s);
      await d.at('[1/1] onboarding-bot');
      await d.sees('employee_data (suggested)');
      await d.at('What data does it touch?', keys.enter);
      await d.at('requests a month', keys.enter); // left empty: unknown, nothing written
      await d.sees('Save these answers for onboarding-bot?');
      expect(d.since()).not.toContain('What is the task?');
      expect(d.since()).not.toContain('Which regulations apply');
      expect(d.since()).toContain('sensitivity confidential');
      await d.at('Save these answers for onboarding-bot?', keys.enter);
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(
        [
          '# Owned by people-platform (CODEOWNERS)',
          'id: onboarding-bot',
          'name: Onboarding assistant',
          'status: pilot',
          'data:',
          '  classes: [internal_docs, employee_data]   # the handbook',
          'needs:',
          '  task: search',
          '',
        ].join('\n'),
      );
      expectValid(dir);
    },
    SLOW,
  );
});

describe('tierplan plan never prompts', () => {
  it('without a TTY, with CI set or not: the plan comes out at once and the file is untouched', () => {
    for (const env of [{}, { CI: '' }] as Record<string, string>[]) {
      const { file } = inventoryCopy();
      const r = tierplan(['plan', '--inventory', file, '--as-of', '2026-11-24'], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Tier matrix');
      expect(r.stdout).toContain('member-letters');
      expect(r.stdout + r.stderr).not.toContain('What data does it touch?');
      expect(readFileSync(file, 'utf8')).toBe(original);
    }
  });

  it(
    'on a terminal with --no-interactive, or with CI set',
    async () => {
      for (const run of [
        () => start(inventoryCopy().file, ['--no-interactive']),
        () =>
          spawnOnPty(['plan', '--inventory', inventoryCopy().file, '--as-of', '2026-11-24'], { env: { CI: 'true' } }),
      ]) {
        const s = run();
        try {
          await s.waitFor('Tier matrix', WAIT);
          expect(await s.exited, s.screen().slice(-2000)).toBe(0);
          expect(s.screen()).not.toContain('What data does it touch?');
        } finally {
          s.kill();
        }
      }
    },
    SLOW,
  );
});

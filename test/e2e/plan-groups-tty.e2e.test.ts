// `tierplan plan` on a real pseudo-terminal with more than a handful of use cases to decide: working
// through them by group — accept, dismiss, answer once for all, stop and resume, Ctrl-C.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Inventory, UseCase } from '../../src/core/policy/types.js';
import { tierplan } from './run-cli.js';
import { GROUP_IDS, groupedInventory } from './support/grouped-inventory.js';
import { driver, keys, spawnOnPty, type PtySession } from './support/pty.js';

const SLOW = 120_000;
const ORIGINAL = groupedInventory();
const COMMENTS = ORIGINAL.split('\n').filter((l) => l.includes('#'));

function inventoryFile(text = ORIGINAL): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tierplan-groups-tty-')), 'inventory.yaml');
  writeFileSync(file, text);
  return file;
}

const start = (file: string): PtySession =>
  spawnOnPty(['plan', '--inventory', file, '--as-of', '2026-11-24'], { cols: 140, rows: 50 });

const down = (n: number): string[] => Array<string>(n).fill(keys.down);
const useCases = (file: string): Map<string, UseCase> =>
  new Map((jsyaml.load(readFileSync(file, 'utf8')) as Inventory).use_cases.map((u) => [u.id, u]));
/** The lines of one use case's entry. */
const block = (text: string, id: string): string => {
  const from = text.indexOf(`  - id: ${id} `);
  const to = text.indexOf('\n  - id: ', from + 1);
  return text.slice(from, to < 0 ? undefined : to);
};
const blocks = (text: string, ids: readonly string[]): string => ids.map((id) => block(text, id)).join('\n');

function expectValid(file: string): void {
  const r = tierplan(['validate', '--inventory', file]);
  expect(r.code, r.stderr).toBe(0);
}

/** The choices offered for a group, in order. */
const ACCEPT = [keys.enter];
const DISMISS = [keys.down, keys.enter];
const STOP = [...down(5), keys.enter];

describe('tierplan plan on a terminal, by group', () => {
  it(
    'accept one owner group, dismiss the next with a reason, stop; running again offers only the last group',
    async () => {
      const file = inventoryFile();
      const s = start(file);
      const d = driver(s);
      await d.sees('30 use cases lack what placing them needs');
      await d.at('How do you want to work through them?', keys.enter);
      await d.at('Group them how?', keys.enter);
      await d.sees('[group 1/3] clinic@example.com — 12 use cases');
      await d.sees('What to do with this group of 12 use cases?');
      const card = d.since();
      expect(card).toContain('suggested phi ×12');
      expect(card).toContain('because description mentions "patient" (12)');
      expect(card).toContain(
        'clinic-01, clinic-02, clinic-03, clinic-04, clinic-05, clinic-06, clinic-07, clinic-08, +4 more',
      );
      expect(card).toMatch(/if accepted: 12 [a-z-]+/);
      expect(card).toMatch(/if dismissed: 12 [a-z-]+/);
      expect(readFileSync(file, 'utf8')).toBe(ORIGINAL); // nothing written before deciding
      await d.at('What to do with this group of 12 use cases?', ...ACCEPT);
      await d.sees('saved 12 use cases to');

      await d.at('[group 2/3] people@example.com — 10 use cases');
      await d.at('What to do with this group of 10 use cases?', ...DISMISS);
      await d.at('Who dismisses them, and why?', ...'HR lead: no staff data'.split(''), keys.enter);
      await d.sees('saved 10 use cases to');

      await d.at('[group 3/3] sales@example.com — 8 use cases');
      await d.at('What to do with this group of 8 use cases?', ...STOP);
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      expect(s.screen()).toMatch(
        /Stopped: 22 use cases saved to \S+inventory\.yaml; 8 still to answer: run `tierplan plan --inventory \S+` again to continue\./,
      );

      const after = readFileSync(file, 'utf8');
      for (const c of COMMENTS) expect(after).toContain(c);
      const ucs = useCases(file);
      for (const id of GROUP_IDS.clinic) {
        expect(ucs.get(id)!.data).toEqual({ classes: ['phi'] });
        expect(ucs.get(id)!.suggested).toBeUndefined();
      }
      for (const id of GROUP_IDS.people)
        expect(ucs.get(id)!.suggested).toEqual({
          data_classes: ['employee_data'],
          because: ['description mentions "payroll"'],
          dismissed: 'HR lead: no staff data',
        });
      expect(blocks(after, GROUP_IDS.sales)).toBe(blocks(ORIGINAL, GROUP_IDS.sales));
      expectValid(file);

      // Running again: only the sales group is left, so it is asked about one at a time.
      const again = start(file);
      const d2 = driver(again);
      await d2.sees('8 use cases lack what placing them needs');
      await d2.at('[1/8] sales-01', keys.ctrlC);
      expect(await again.exited).toBe(130);
      expect(again.screen()).not.toContain('clinic-01');
      expect(again.screen()).not.toContain('people-01');
    },
    SLOW,
  );

  it(
    'Ctrl-C during a group keeps the groups decided before it saved, exits 130 with a one-line resume hint',
    async () => {
      const file = inventoryFile();
      const s = start(file);
      const d = driver(s);
      await d.at('How do you want to work through them?', keys.enter);
      await d.at('Group them how?', keys.enter);
      await d.at('What to do with this group of 12 use cases?', ...ACCEPT);
      await d.at('What to do with this group of 10 use cases?', ...DISMISS);
      await d.at('Who dismisses them, and why?', ...'HR'.split(''), keys.ctrlC);
      expect(await s.exited, s.screen().slice(-2000)).toBe(130);
      const hint = s
        .screen()
        .split(/\r?\n/)
        .filter((l) => l.startsWith('Interrupted:'));
      expect(hint).toHaveLength(1);
      expect(hint[0]).toMatch(
        /^Interrupted: 12 use cases saved to \S+inventory\.yaml; 18 still to answer: run `tierplan plan --inventory \S+` again to continue\.$/,
      );
      expect(s.screen()).not.toContain('Tier matrix');
      const after = readFileSync(file, 'utf8');
      for (const c of COMMENTS) expect(after).toContain(c);
      for (const id of GROUP_IDS.clinic) expect(useCases(file).get(id)!.data).toEqual({ classes: ['phi'] });
      expect(blocks(after, [...GROUP_IDS.people, ...GROUP_IDS.sales])).toBe(
        blocks(ORIGINAL, [...GROUP_IDS.people, ...GROUP_IDS.sales]),
      );
      expectValid(file);

      // Running again, by group: the two groups still open, the decided one gone.
      const again = start(file);
      const d2 = driver(again);
      await d2.sees('18 use cases lack what placing them needs');
      await d2.at('How do you want to work through them?', keys.enter);
      await d2.at('Group them how?');
      expect(d2.since()).toContain('by owner (2 groups)');
      again.write(keys.enter);
      await d2.sees('[group 1/2] people@example.com — 10 use cases');
      await d2.at('What to do with this group of 10 use cases?', keys.ctrlC);
      expect(await again.exited).toBe(130);
      expect(again.screen()).not.toContain('clinic@example.com —');
    },
    SLOW,
  );

  it(
    'one at a time, when chosen, is the flow of a small inventory',
    async () => {
      const file = inventoryFile();
      const s = start(file);
      const d = driver(s);
      await d.at('How do you want to work through them?', keys.down, keys.enter);
      await d.at('[1/30] clinic-01');
      await d.sees('phi (suggested)');
      await d.at('What data does it touch?', keys.ctrlC);
      expect(await s.exited).toBe(130);
      expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    },
    SLOW,
  );

  it(
    'answer once for a group without suggestions: asked once, shown, confirmed, written into every member',
    async () => {
      const ids = Array.from({ length: 12 }, (_, i) => `letters-${String(i + 1).padStart(2, '0')}`);
      const text = [
        'version: 1',
        'use_cases:',
        ...ids.flatMap((id) => [
          `  - id: ${id} # mail merge`,
          `    name: Letters ${id.slice(-2)}`,
          '    owner: letters@example.com',
        ]),
        '',
      ].join('\n');
      const file = inventoryFile(text);
      const s = start(file);
      const d = driver(s);
      await d.at('How do you want to work through them?', keys.enter);
      await d.at('Group them how?', ...down(2), keys.enter);
      await d.sees('[group 1/1] lacks data and needs · no suggestion — 12 use cases');
      await d.sees('12 use cases without a suggestion');
      await d.at('What to do with this group of 12 use cases?');
      expect(d.since()).toContain('no suggestion to decide');
      s.write(keys.enter); // accept and dismiss are disabled: the cursor starts on answering once for all
      await d.sees('The answers will be written into all 12 use cases');
      await d.at('What data does it touch?', ...down(5), keys.space, keys.enter);
      await d.at('Which regulations apply', keys.enter);
      await d.at('Where must the data stay?', keys.enter);
      await d.at('What is the task?', ...down(4), keys.enter);
      await d.at('How hard is the reasoning?', keys.down, keys.enter);
      await d.at('How long are the inputs', keys.enter);
      await d.at('Does it call tools', keys.enter);
      await d.at('What does it take in?', keys.enter);
      await d.sees(/With these answers the 12 use cases land: 12 [a-z-]+/);
      expect(d.since()).not.toContain('requests a month'); // volume differs per use case: not asked for all
      expect(readFileSync(file, 'utf8')).toBe(text);
      await d.at('Write these answers into all 12 use cases?', keys.enter);
      await d.sees('saved 12 use cases to');
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      const ucs = useCases(file);
      for (const id of ids)
        expect(ucs.get(id)).toMatchObject({
          data: { classes: ['pii'] },
          needs: { task: 'generation', reasoning: 'medium', context_tokens: 4000, tools: false },
        });
      expect(readFileSync(file, 'utf8')).toContain('  - id: letters-07 # mail merge');
      expectValid(file);
    },
    SLOW,
  );
});

describe('tierplan plan on a terminal, by group, folder inventory', () => {
  it(
    'accepting a group edits each member in its own file, comments kept; the others untouched',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tierplan-groups-dir-'));
      const text = (id: string, owner: string, cls: string): string =>
        [
          `# ${id}: owned by ${owner} (CODEOWNERS)`,
          `id: ${id}`,
          `name: Assistant ${id}`,
          `owner: ${owner}`,
          'data:',
          '  classes: []   # to be decided',
          'needs:',
          '  task: search',
          'volume: {requests: 10}',
          'suggested:',
          `  data_classes: [${cls}]`,
          '',
        ].join('\n');
      const files = new Map<string, string>();
      for (const [team, owner, cls, n] of [
        ['claims', 'claims@example.com', 'pii', 7],
        ['hr', 'hr@example.com', 'employee_data', 5],
      ] as const) {
        mkdirSync(join(dir, team));
        for (let i = 1; i <= n; i++) {
          const id = `${team}-${i}`;
          const path = join(dir, team, `${id}.yaml`);
          writeFileSync(path, text(id, owner, cls));
          files.set(id, path);
        }
      }
      const s = start(dir);
      const d = driver(s);
      await d.at('How do you want to work through them?', keys.enter);
      await d.at('Group them how?', keys.enter);
      await d.sees('[group 1/2] claims@example.com — 7 use cases');
      await d.at('What to do with this group of 7 use cases?', ...ACCEPT);
      await d.sees(/saved 7 use cases to \S+claims-1\.yaml, \S+claims-2\.yaml, \S+claims-3\.yaml and 4 more files/);
      await d.at('What to do with this group of 5 use cases?', ...STOP);
      await d.sees('Tier matrix');
      expect(await s.exited, s.screen().slice(-2000)).toBe(0);
      expect(s.screen()).toContain('Stopped: 7 use cases saved to');
      expect(s.screen()).toContain('5 still to answer');
      for (const [id, path] of files) {
        const after = readFileSync(path, 'utf8');
        if (id.startsWith('claims'))
          expect(after).toBe(
            text(id, 'claims@example.com', 'pii')
              .replace('classes: []   # to be decided', 'classes: [pii]   # to be decided')
              .replace('suggested:\n  data_classes: [pii]\n', ''),
          );
        else expect(after).toBe(text(id, 'hr@example.com', 'employee_data'));
      }
      expectValid(dir);
    },
    SLOW,
  );
});

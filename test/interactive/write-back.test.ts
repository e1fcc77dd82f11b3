import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines, type Change } from 'diff';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { changesFor } from '../../src/core/interactive/answers.js';
import { needsAttention, questionPlan } from '../../src/core/interactive/questions.js';
import type { Inventory, UseCase } from '../../src/core/policy/types.js';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { editUseCase, saveUseCase, sourceFileOf } from '../../src/io/edit/write-back.js';
import { expectGoldenIn } from '../render/golden.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'commented.yaml');
const golden = join(here, 'golden');
const text = readFileSync(fixture, 'utf8');
const useCase = (t: string, id: string): UseCase => (jsyaml.load(t) as Inventory).use_cases.find((u) => u.id === id)!;

/** The lines a line diff removes from `before` and adds in `after`. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const parts = diffLines(before, after);
  const lines = (p: Change[]): string[] => p.flatMap((x) => x.value.replace(/\n$/, '').split('\n'));
  return { added: lines(parts.filter((p) => p.added)), removed: lines(parts.filter((p) => p.removed)) };
}

describe('writing answers back into a commented inventory', () => {
  it('confirming an import suggestion: the file equals the reviewed golden', () => {
    const uc = useCase(text, 'claims-intake');
    const changes = changesFor(uc, {
      data: { classes: ['phi', 'pii'], regimes: [], residency: ['us', 'eu'] },
      needs: {
        task: 'extraction',
        reasoning: 'low',
        context_tokens: 32000,
        tools: false,
        modalities: ['text', 'image'],
      },
    });
    const out = editUseCase(text, fixture, 'claims-intake', changes);
    expectGoldenIn(golden, 'claims-intake.yaml', out);
    // Only lines of this use case changed: the new ones, and the `suggested` block that went.
    const { removed } = changedLines(text, out);
    const suggestedBlock = text
      .split('\n')
      .slice(
        text.split('\n').findIndex((l) => l.includes('suggested:')),
        undefined,
      )
      .slice(0, 4);
    expect(removed.length).toBeGreaterThan(0);
    for (const line of removed) expect(suggestedBlock).toContain(line);
    expect(out).not.toContain('suggested');
  });

  it('a use case with nothing but its header gets data, needs and volume in the usual key order', () => {
    const changes = changesFor(useCase(text, 'member-letters'), {
      data: { classes: ['pii', 'customer_data'], regimes: ['gdpr'], residency: [] },
      needs: { task: 'generation', reasoning: 'medium', context_tokens: 4000, tools: false, modalities: ['text'] },
      volume: { requests: 3000, output_tokens_per_request: 600 },
    });
    const out = editUseCase(text, fixture, 'member-letters', changes);
    expectGoldenIn(golden, 'member-letters.yaml', out);
    expect(changedLines(text, out).removed).toEqual([]);
  });

  it('keeps CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const out = editUseCase(crlf, fixture, 'member-letters', [
      { path: ['data', 'classes'], value: ['public'] },
      { path: ['needs', 'task'], value: 'search' },
    ]);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('edit.\r\n    data:\r\n      classes: [public]\r\n    needs:\r\n      task: search\r\n');
  });

  it('an empty `needs: {}` and a flow mapping are written anew with what they held', () => {
    const src =
      'version: 1\nuse_cases:\n  - id: a   # keep me\n    name: A\n    data: {residency: [eu]}\n    needs: {}\n';
    const out = editUseCase(src, 'x.yaml', 'a', [
      { path: ['data', 'classes'], value: ['pii'] },
      { path: ['needs', 'task'], value: 'search' },
      { path: ['needs', 'tools'], value: true },
    ]);
    expect(out).toBe(
      'version: 1\nuse_cases:\n  - id: a   # keep me\n    name: A\n    data: {classes: [pii], residency: [eu]}\n    needs:\n      task: search\n      tools: true\n',
    );
  });

  it('a scalar is replaced where it stands, and a block list keeps the comments of the items it keeps', () => {
    const src =
      'id: a\nname: A\ndata:\n  classes:\n    - pii    # names\n    - phi    # dropped\n  residency: [us]   # contract\nvolume:\n  requests: 10   # a guess\n';
    const out = editUseCase(src, 'a.yaml', 'a', [
      { path: ['data', 'classes'], value: ['pii', 'financial'] },
      { path: ['data', 'residency'], value: ['us', 'eu'] },
      { path: ['volume', 'requests'], value: 2500 },
    ]);
    expect(out).toBe(
      'id: a\nname: A\ndata:\n  classes:\n    - pii    # names\n    - financial\n  residency: [us, eu]   # contract\nvolume:\n  requests: 2500   # a guess\n',
    );
  });

  it('a use case written in flow style goes through the Document API: comments and key order kept', () => {
    const src = '# top\nversion: 1\nuse_cases:\n  # the only one\n  - {id: a, name: A, volume: {requests: 5}}\n';
    const out = editUseCase(src, 'x.yaml', 'a', [
      { path: ['data', 'classes'], value: ['pii'] },
      { path: ['needs', 'task'], value: 'code' },
    ]);
    expect(out).toContain('# top');
    expect(out).toContain('# the only one');
    const uc = (jsyaml.load(out) as Inventory).use_cases[0]!;
    expect(Object.keys(uc)).toEqual(['id', 'name', 'data', 'needs', 'volume']);
    expect(uc).toEqual({
      id: 'a',
      name: 'A',
      data: { classes: ['pii'] },
      needs: { task: 'code' },
      volume: { requests: 5 },
    });
  });

  it('no change leaves the text as it is; a missing id is an error naming the file', () => {
    expect(editUseCase(text, fixture, 'member-letters', [])).toBe(text);
    expect(() => editUseCase(text, fixture, 'nope', [{ path: ['needs', 'task'], value: 'code' }])).toThrow(
      /commented\.yaml no longer holds a use case with id nope/,
    );
  });
});

describe('the bundled example inventory', () => {
  it('answers for each of its unclassified use cases only add lines, inside that use case', () => {
    const file = join(here, '..', '..', 'examples', 'inventory.yaml');
    const example = readFileSync(file, 'utf8');
    const all = (jsyaml.load(example) as Inventory).use_cases;
    const open = all.filter(needsAttention);
    expect(open.length).toBeGreaterThan(0);
    for (const uc of open) {
      const asked = questionPlan(uc);
      const changes = changesFor(uc, {
        ...(asked.data === 'all' ? { data: { classes: ['internal_docs'], regimes: ['gdpr'], residency: ['eu'] } } : {}),
        ...(asked.needs === 'all'
          ? {
              needs: {
                task: 'summarization',
                reasoning: 'low',
                context_tokens: 32000,
                tools: false,
                modalities: ['text'],
              },
            }
          : {}),
        ...(asked.volume ? { volume: { requests: 1200 } } : {}),
      });
      const out = editUseCase(example, file, uc.id, changes);
      const { added, removed } = changedLines(example, out);
      expect(removed, uc.id).toEqual([]);
      expect(added.length, uc.id).toBeGreaterThan(0);
      const from = example.indexOf(`  - id: ${uc.id}\n`);
      expect(out.slice(0, from)).toBe(example.slice(0, from));
    }
  });
});

describe('saveUseCase', () => {
  it('writes into the file of a folder inventory that holds the use case, atomically, and keeps a BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-wb-'));
    mkdirSync(join(dir, 'claims'));
    writeFileSync(join(dir, 'claims', 'intake.yaml'), '\uFEFF# intake\nid: intake\nname: Intake\n');
    writeFileSync(join(dir, 'letters.yaml'), 'id: letters\nname: Letters\n');
    const loaded = await loadInventory(dir);
    const index = loaded.inventory.use_cases.findIndex((u) => u.id === 'intake');
    const file = sourceFileOf(loaded, index);
    expect(file).toBe(join(dir, 'claims', 'intake.yaml'));
    await saveUseCase(file, 'intake', [{ path: ['data', 'classes'], value: ['phi'] }]);
    expect(readFileSync(file, 'utf8')).toBe('\uFEFF# intake\nid: intake\nname: Intake\ndata:\n  classes: [phi]\n');
    expect(readFileSync(join(dir, 'letters.yaml'), 'utf8')).toBe('id: letters\nname: Letters\n');
    expect(readdirSync(join(dir, 'claims'))).toEqual(['intake.yaml']);
  });
});

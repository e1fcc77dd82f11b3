// One vocabulary across commands: an option that several commands share is spelled, and (where
// it means the same) described, the same way everywhere, so a flag learnt on one command works on
// the next.
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

function commands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(commands)];
}
const all = commands(buildProgram(() => undefined)).filter((c) => c.name() !== 'help');
const optionsNamed = (long: string): [string, Option][] =>
  all.flatMap((c) => c.options.filter((o) => o.long === long).map((o): [string, Option] => [c.name(), o]));

describe('shared options', () => {
  it('--format is always -f, --format <format>, and --json (where kept) is its shorthand', () => {
    const format = optionsNamed('--format');
    expect(format.map(([c]) => c).sort()).toEqual(
      expect.arrayContaining(['classify', 'diff', 'explain', 'import', 'plan', 'review', 'show', 'validate', 'verify']),
    );
    for (const [c, o] of format) expect(o.flags, c).toBe('-f, --format <format>');
    for (const [c, o] of optionsNamed('--json')) expect(o.description, c).toBe('the same as --format json');
    // The human-readable format is called table everywhere (verify also accepts its old name, text).
    for (const [c, o] of format) if (c !== 'show') expect(o.argChoices, c).toContain('table');
  });

  it('--fail-on is always --fail-on <what>, with none among its levels', () => {
    for (const [c, o] of optionsNamed('--fail-on')) {
      expect(o.flags, c).toBe('--fail-on <what>');
      expect(o.argChoices, c).toContain('none');
    }
  });

  it('--out (and -o) is always a folder; import, which writes one file, names it with --output-file <file>', () => {
    for (const [c, o] of optionsNamed('--out')) {
      // import's old --out <file> is kept, hidden, for one release; it says so when used.
      if (c === 'import' && o.hidden) expect(o.description, c).toMatch(/^deprecated name of --output-file/);
      else expect(o.flags, c).toBe('-o, --out <dir>');
    }
    expect(optionsNamed('--output-file').map(([c, o]) => `${c} ${o.flags}`)).toEqual(['import --output-file <file>']);
  });

  it('the input options read the same on every command that takes them', () => {
    for (const long of ['--inventory', '--as-of']) {
      const found = optionsNamed(long);
      expect(found.length, long).toBeGreaterThan(5);
      expect(
        new Set(found.filter(([c]) => c !== 'import').map(([, o]) => `${o.flags} — ${o.description}`)).size,
        long,
      ).toBe(1);
    }
  });
});

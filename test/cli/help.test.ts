// Help is read in a terminal: no line of any command's --help may be wider than 80 columns,
// and every command's --help is pinned by a golden in scenarios/, so a new command gets both.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runBinary } from './run-scenario.js';
import { loadScenarios } from './scenario.js';

const WIDTH = 80;

/** The words that reach each command: [] for the program, then ['init'], …, ['policy', 'show']. */
function commandPaths(cmd: Command, path: string[] = []): string[][] {
  return [path, ...cmd.commands.flatMap((sub) => commandPaths(sub, [...path, sub.name()]))];
}

const paths = commandPaths(buildProgram(() => undefined));

describe('--help', () => {
  it('finds every command of the program', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['', 'init', 'import', 'review', 'policy', 'policy show']),
    );
  });

  it('of every command has a golden scenario', () => {
    const covered = new Set(loadScenarios().map((s) => s.args.join(' ')));
    expect(paths.map((p) => [...p, '--help'].join(' ')).filter((args) => !covered.has(args))).toEqual([]);
  });

  it.each(paths.map((p) => [p.join(' ') || '(program)', p] as const))(
    `of %s fits in ${WIDTH} columns`,
    (_name, path) => {
      const run = runBinary({ name: 'help', args: [...path, '--help'], env: { COLUMNS: String(WIDTH) } });
      expect(run.code).toBe(0);
      const wide = run.stdout.split('\n').filter((line) => [...line].length > WIDTH);
      expect(wide, `lines wider than ${WIDTH} columns`).toEqual([]);
    },
  );
});

// docs/commands.md documents every option each command's --help lists, in that command's section.
// Runs the built binary, like the e2e tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from '../e2e/run-cli.js';

const COMMANDS = [
  'init',
  'import',
  'validate',
  'plan',
  'gateway',
  'verify',
  'adopt',
  'review',
  'explain',
  'policy show',
];

/** The text of `## \`tierplan <command>\`` up to the next second-level heading. */
function section(doc: string, command: string): string {
  const start = doc.indexOf(`\n## \`tierplan ${command}\``);
  if (start < 0) return '';
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

describe('docs/commands.md', () => {
  const doc = readFileSync(join(repo, 'docs', 'commands.md'), 'utf8');
  const shared = section(doc.replace('## Global options and defaults', '## `tierplan global`'), 'global');

  it.each(COMMANDS)('documents every option of `tierplan %s --help`', (command) => {
    const help = tierplan([...command.split(' '), '--help']);
    expect(help.code).toBe(0);
    const options = [...new Set(help.stdout.match(/(?<=^\s+(?:-\w, )?)--[a-z][a-z-]*/gm) ?? [])].filter(
      (o) => o !== '--help',
    );
    expect(options.length).toBeGreaterThan(0);
    const text = section(doc, command);
    expect(text, `no section for ${command}`).not.toBe('');
    // The input options are described once, under "Global options and defaults".
    const names = (t: string, o: string): boolean => t.includes(`\`${o}`) || t.includes(`, ${o}`);
    const missing = options.filter(
      (o) => !names(text, o) && !(['--inventory', '--policy', '--as-of'].includes(o) && names(shared, o)),
    );
    expect(missing).toEqual([]);
  });
});

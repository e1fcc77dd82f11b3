import { describe, expect, it } from 'vitest';
import { goldenText, normalise, shellQuote } from './golden-text.js';

const vars = { tmp: ['/tmp/tierplan-cli-abc', '/private/tmp/tierplan-cli-abc'], repo: '/work/repo/', version: '0.1.0' };

describe('golden text of a CLI run', () => {
  it('quotes only the arguments a shell would split or expand', () => {
    expect(['plan', '--as-of', '2026-11-24', 'out/dir', 'AI register', "it's", '', '$HOME'].map(shellQuote)).toEqual([
      'plan',
      '--as-of',
      '2026-11-24',
      'out/dir',
      "'AI register'",
      `'it'\\''s'`,
      "''",
      "'$HOME'",
    ]);
  });

  it('puts tokens for the temp folder, its real path, the repository and the version', () => {
    const text = '/private/tmp/tierplan-cli-abc/a.yaml /tmp/tierplan-cli-abc/b /work/repo/schemas 0.1.0 10.1.0 0.1.0.1';
    expect(normalise(text, vars)).toBe('<tmp>/a.yaml <tmp>/b <repo>/schemas <version> 10.1.0 0.1.0.1');
  });

  it('prefers <tmp> when the temp folder lies inside the repository', () => {
    expect(normalise('/work/repo/tmp/x/f', { ...vars, tmp: ['/work/repo/tmp/x'] })).toBe('<tmp>/f');
  });

  it('records the sections, the exit status, and a missing final newline', () => {
    const run = { args: ['explain'], stdout: '', stderr: 'no newline', code: 2, signal: null };
    expect(goldenText(run, vars)).toBe(
      '$ tierplan explain\n--- stdout\n--- stderr\nno newline\n\\ no newline at end\n--- exit 2\n',
    );
    expect(goldenText({ ...run, args: [], stderr: '', code: null, signal: 'SIGKILL' }, vars)).toBe(
      '$ tierplan\n--- stdout\n--- stderr\n--- exit signal SIGKILL\n',
    );
  });
});

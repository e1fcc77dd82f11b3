import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.js';

describe('scenario files', () => {
  it('read args, fixture and env', () => {
    expect(parseScenario('s', "args: [plan, --as-of, '2026-11-24']\nfixture: valid\nenv: { CI: 'false' }\n")).toEqual({
      name: 's',
      args: ['plan', '--as-of', '2026-11-24'],
      fixture: 'valid',
      env: { CI: 'false' },
    });
  });

  it('refuse what would silently record another run than the one meant', () => {
    expect(() => parseScenario('s', 'args: [plan]\nfixtures: valid\n')).toThrow(/unknown keys fixtures/);
    expect(() => parseScenario('s', 'args: plan\n')).toThrow(/args must be a list/);
    expect(() => parseScenario('s', 'args: [plan]\nfixture: no-such-folder\n')).toThrow(/fixture must name a folder/);
    expect(() => parseScenario('s', 'args: [plan]\nenv: { COLUMNS: 80 }\n')).toThrow(/env must map names to strings/);
  });
});

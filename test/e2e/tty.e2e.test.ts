import { describe, expect, it } from 'vitest';
import { spawnOnPty } from './support/pty.js';

describe('on a terminal', () => {
  it('plan colours the matrix on a TTY, and NO_COLOR turns it off', async () => {
    const args = [
      'plan',
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--as-of',
      '2026-11-24',
      '--no-interactive',
    ];
    const coloured = spawnOnPty(args);
    expect(await coloured.exited).toBe(0);
    expect(coloured.raw()).toMatch(/\x1b\[\d+m/);
    expect(coloured.screen()).toContain('claims-triage');

    const plain = spawnOnPty(args, { env: { NO_COLOR: '1' } });
    expect(await plain.exited).toBe(0);
    expect(plain.raw()).not.toMatch(/\x1b\[\d+m/);
  });
});

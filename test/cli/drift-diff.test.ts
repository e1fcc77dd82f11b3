// The diff `gateway --check` prints per drifted file: a correct patch while it is small, cut at
// MAX_SHOWN_CHANGES changed lines, and bounded work on a large, heavily changed file (a diff that
// ran without bound would hang this test until the runner's timeout fails it).
import { applyPatch, parsePatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { driftDiff, MAX_SHOWN_CHANGES } from '../../src/cli/drift-diff.js';

const rng = (seed: number) => () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const changed = (patch: string): number =>
  patch.split('\n').filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l)).length;

describe('driftDiff', () => {
  it('is a patch that turns the file on disk into the generated one (seeded cases)', () => {
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const a = Array.from({ length: Math.floor(r() * 40) }, () => `l${Math.floor(r() * 6)}\n`);
      const b = a.map((l) => (r() < 0.2 ? `m${Math.floor(r() * 6)}\n` : l)).filter(() => r() > 0.1);
      let have = a.join('');
      let want = b.join('');
      if (r() < 0.3) have = have.replace(/\n$/, '');
      if (r() < 0.3) want = want.replace(/\n$/, '');
      if (have === want) continue;
      expect(applyPatch(have, driftDiff('f', have, want, 'tierplan gateway --out x'))).toBe(want);
    }
  });

  it('numbers hunks by their place in the whole file', () => {
    const have = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join('');
    const want = have.replace('line 500\n', 'line five hundred\n');
    const patch = driftDiff('f', have, want, 'rerun');
    expect(patch).toContain('@@ -498,7 +498,7 @@');
    expect(applyPatch(have, patch)).toBe(want);
  });

  it(`prints at most ${MAX_SHOWN_CHANGES} changed lines, then how many more, with the command that shows them`, () => {
    const have = Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join('');
    const want = have.replace(/line (\d*0)\n/g, 'changed $1\n'); // 500 lines changed: 1000 changed lines in the diff
    const patch = driftDiff('gw/litellm/config.yaml', have, want, 'tierplan gateway --out gw');
    expect(changed(patch)).toBe(MAX_SHOWN_CHANGES);
    expect(patch).toContain(
      `… ${1000 - MAX_SHOWN_CHANGES} more changed lines in gw/litellm/config.yaml; run \`tierplan gateway --out gw\` to see them\n`,
    );
    // What is printed is still a well-formed patch (hunk counts match their lines).
    expect(() => parsePatch(patch.slice(0, patch.indexOf('…')))).not.toThrow();
  });

  it('gives up on a large, heavily changed file, says which lines differ, and never hangs', () => {
    const r = rng(11);
    const have = Array.from({ length: 100_000 }, () => `  key: ${Math.floor(r() * 1e6)}\n`).join('');
    const want = Array.from({ length: 100_000 }, () => `  key: ${Math.floor(r() * 1e6)}\n`).join('');
    const patch = driftDiff('big.yaml', have, want, 'tierplan gateway --out gw');
    expect(patch).toMatch(
      /^… lines 1–100000 on disk differ from lines 1–100000 generated: more than \d+ lines changed/m,
    );
    expect(patch.length).toBeLessThan(1000);
  });
});

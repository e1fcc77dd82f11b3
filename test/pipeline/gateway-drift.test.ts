import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/io/output/manifest.js';
import { writeTree } from '../../src/io/output/write-tree.js';
import { gatewayDrift } from '../../src/pipeline/gateway-drift.js';

const out = mkdtempSync(join(tmpdir(), 'tierplan-drift-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('gatewayDrift', () => {
  it('tells a stale file tierplan wrote from one it never wrote, and ignores temporaries', async () => {
    const old = [
      { path: 'portkey/routes.json', text: '{}\n' },
      { path: 'portkey/use-cases/retired.json', text: 'r\n' },
    ];
    await writeTree(out, old, { generator: 'test', scope: ['portkey'] });
    writeFileSync(join(out, 'portkey', 'use-cases', 'mine.json'), 'm\n');
    writeFileSync(join(out, 'portkey', 'use-cases', `${TEMP_PREFIX}abc-1`), 'half');
    // A folder staged whole by a killed write: its files have ordinary names.
    mkdirSync(join(out, 'portkey', `${TEMP_PREFIX}abc-d0`));
    writeFileSync(join(out, 'portkey', `${TEMP_PREFIX}abc-d0`, 'new.json'), 'n\n');
    const drifted = [];
    for await (const d of gatewayDrift(out, ['portkey'], [{ path: 'portkey/routes.json', text: '{}\n' }]))
      drifted.push(d);
    expect(drifted).toEqual([
      { path: 'portkey/use-cases/mine.json', want: null, have: 'm\n', owned: false },
      { path: 'portkey/use-cases/retired.json', want: null, have: 'r\n', owned: true },
    ]);
  });
});

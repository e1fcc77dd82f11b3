import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// Golden files are reviewed like code. To regenerate after an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/render
// then read the diff (`git diff test/render/golden`) before committing it.

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(name: string, actual: string): void {
  expectGoldenIn(GOLDEN_DIR, name, actual);
}

/** The same check against another folder of golden files (e.g. test/gateway/golden). */
export function expectGoldenIn(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run and review it`);
  }
  expect(actual, `differs from ${path} (UPDATE_GOLDEN=1 to accept, after review)`).toBe(readFileSync(path, 'utf8'));
}

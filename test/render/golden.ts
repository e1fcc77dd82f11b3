import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// Golden files are reviewed like code. To regenerate after an intended change:
//   UPDATE_GOLDEN=1 npx vitest run test/render
// then read the diff (`git diff test/render/golden`) before committing it.

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render and review it`);
  }
  expect(actual, `differs from test/render/golden/${name} (UPDATE_GOLDEN=1 to accept, after review)`).toBe(readFileSync(path, 'utf8'));
}

// verify's three output forms, byte for byte, on findings of every shape: errors and warnings,
// with and without a chain, placed at line:column or only in their file, about a use case or
// about the config itself, in a file whose name SARIF must percent-encode. The golden files
// were written by the renderer verify had before it moved onto render/diagnostics.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { verifyConfigs } from '../../src/core/verify/verify.js';
import type { ConfigInput, PlacedVerifyFinding } from '../../src/core/verify/verify-types.js';
import { renderVerify } from '../../src/render/verify/verify-report.js';
import { expectGoldenIn } from '../render/golden.js';
import { conditional, generate, litellm, POLICY, useCase } from './fixture.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const g = generate();

const broken = structuredClone(g.litellm);
broken.router_settings.fallbacks.push({ 'secret-docs': ['faq-bot--oai-large'] });
const cond = structuredClone(g.conditional);
cond.strategy.default = 'nobody';
const configs: ConfigInput[] = [
  { ...litellm(broken), file: 'gate way/cönfig.yaml' },
  conditional(cond),
  useCase('faq-bot', g.useCases.get('faq-bot'), 'portkey/use-cases'),
];
const lint = (c: ConfigInput) =>
  c.dialect === 'litellm'
    ? [
        {
          code: 'unknown-key' as const,
          severity: 'warning' as const,
          message: 'unknown key "general_setings"',
          hint: 'did you mean "general_settings"?',
          path: ['general_setings'],
        },
      ]
    : [];
const result = verifyConfigs(configs, g.plan, POLICY, { lint, routes: g.routes });
// Findings in the LiteLLM file get a position, as the CLI's locator gives one; the others keep only their file.
const placed: PlacedVerifyFinding[] = result.findings.map((f, i) =>
  f.file.endsWith('.yaml') ? { ...f, line: 10 + i, column: i % 2 === 0 ? 3 : 7 } : f,
);

describe('verify report golden files', () => {
  it('covers errors and warnings, chains, unplaced findings and findings about the config', () => {
    const codes = new Set(result.findings.map((f) => `${f.severity} ${f.code}`));
    for (const want of [
      'error uncleared-tier',
      'warning unresolved-target',
      'error alias-missing',
      'warning config-problem',
    ]) {
      if (!codes.has(want)) throw new Error(`the fixture no longer yields ${want}: ${[...codes].join(', ')}`);
    }
  });

  for (const format of ['text', 'json', 'sarif'] as const) {
    it(`${format}: byte-identical`, () => {
      expectGoldenIn(
        golden,
        `report.${format === 'text' ? 'txt' : format === 'json' ? 'json' : 'sarif'}`,
        renderVerify(result, placed, format, '9.9.9'),
      );
    });
  }
});

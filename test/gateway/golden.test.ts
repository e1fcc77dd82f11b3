// Golden files of both gateway dialects for the bundled example. Review the diff of any update.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';
import { expectGoldenIn } from '../render/golden.js';
import { loadExample } from './example.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const header = { inputs: ['examples/inventory.yaml', 'examples/tierplan.policy.yaml'] };

describe('gateway golden files (example)', async () => {
  const ex = await loadExample();
  const files = gatewayFiles(ex.model, ex.policy, ['litellm', 'portkey'], header);
  const kept = files.filter(
    (f) =>
      !f.path.startsWith('portkey/use-cases/') ||
      /\/(claims-triage|kyc-document-extraction|sales-call-summaries)\.json$/.test(f.path),
  );
  it.each(kept.map((f) => [f.path, f.text] as const))('%s', (path, text) => expectGoldenIn(dir, path, text));
});

// `tierplan verify` on configs edited by hand, through the built binary (run `npm run build`
// first): credentials in URLs, os.environ/ references outside the credential fields, an endpoint
// read from an undeclared environment variable, and Portkey text envsubst would expand — each
// at its file:line:column, and no output repeating the secret.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const inputs = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const SECRET = 'hunter2-s3cr3t';

/** A generated config, edited by `edit`; returns its path and the edited text. */
function edited(file: string, edit: (text: string) => string): { config: string; text: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'tierplan-verify-hand-')), 'gateway');
  expect(tierplan(['gateway', ...inputs, '--out', out]).code).toBe(0);
  const config = join(out, file);
  const before = readFileSync(config, 'utf8');
  const text = edit(before);
  expect(text).not.toBe(before);
  writeFileSync(config, text);
  return { config, text };
}
const once = (t: string, from: string, to: string): string => {
  expect(t).toContain(from);
  return t.replace(from, to);
};
/** 1-based line and column of the first occurrence of `needle`. */
const at = (text: string, needle: string, offset = 0): string => {
  const i = text.indexOf(needle) + offset;
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
};

describe('tierplan verify on a hand-edited LiteLLM config', () => {
  it('reports credentials in api_base, os.environ/ in model_info and an undeclared environment endpoint, without the secret', () => {
    const vllm = 'api_base: http://vllm-large.dc1.internal:8000/v1';
    const { config, text } = edited('litellm/config.yaml', (t) => {
      let out = once(t, vllm, `api_base: http://admin:${SECRET}@vllm-large.dc1.internal:8000/v1?token=${SECRET}`);
      out = once(
        out,
        '      tierplan_role: primary\n',
        '      tierplan_role: primary\n      owner: os.environ/OPENAI_API_KEY\n',
      );
      return once(out, 'api_base: os.environ/AZURE_EU_API_BASE\n', 'api_base: os.environ/SOMEWHERE_ELSE\n');
    });
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout).toContain(
      `${config}:${at(text, 'http://admin:')}: $.model_list[6].litellm_params.api_base: error config-problem: url-credentials: this URL carries credentials`,
    );
    expect(r.stdout).toContain(
      `${config}:${at(text, 'os.environ/OPENAI_API_KEY\n')}: $.model_list[0].model_info.owner: error config-problem: misplaced-env-ref:`,
    );
    expect(r.stdout).toContain('served to any caller of /model/info');
    // The entry that reads its endpoint from an undeclared variable is unknown, and says why.
    expect(r.stdout).toMatch(
      /error unknown-deployment: "board-pack-summary" can reach \$\.model_list\[3\], .*its api_base is read from the environment variable SOMEWHERE_ELSE, which no deployment of the policy declares/,
    );
    // Where the masked URL is described, it is masked.
    expect(r.stdout).toContain('api_base "http://***@vllm-large.dc1.internal:8000/v1?token=***"');
  });

  it('trusts os.environ/ as api_base only where the policy declares that variable (the generated config passes)', () => {
    const { config } = edited('litellm/config.yaml', (t) => `${t}\n`);
    expect(tierplan(['verify', config, ...inputs]).code).toBe(0);
  });
});

describe('tierplan verify on a hand-edited Portkey config', () => {
  it('reports credentials in custom_host and ${…} in a model, at their positions', () => {
    const host = '"custom_host": "http://vllm-large.dc1.internal:8000/v1"';
    const model = '"model": "us.anthropic.claude-opus-4-6-v1:0"';
    const { config, text } = edited('portkey/conditional.json', (t) =>
      once(
        once(t, host, `"custom_host": "http://vllm-large.dc1.internal:8000/v1?api-key=${SECRET}"`),
        model,
        '"model": "${OPUS_MODEL}"',
      ),
    );
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout).toMatch(
      new RegExp(
        `^${config}:${at(text, '"custom_host": "http://vllm-large', '"custom_host": '.length)}: \\S+\\.custom_host: error config-problem: url-credentials:`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${config}:${at(text, '"${OPUS_MODEL}"')}: \\S+\\.override_params\\.model: error config-problem: expanded-text:`,
        'm',
      ),
    );
  });
});

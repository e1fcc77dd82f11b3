// `tierplan adopt` through the built binary, as CI runs it: a hand-written LiteLLM config with a
// fallback that leaks PHI to a public model is adopted, the leak is reported at its line, and the
// config `gateway` then generates verifies clean while the applications' names keep working.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-adopt-'));
const AS_OF = ['--as-of', '2026-12-01'];

// A config as people write it by hand: a PHI alias on Bedrock, falling back to OpenAI's public API.
const LEAKY_CONFIG = `# our gateway, hand-edited
model_list:
  - model_name: claims-phi
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_region_name: us-east-1
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: local-llama
    litellm_params:
      model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct
      api_base: http://10.0.0.5:8000/v1
router_settings:
  fallbacks:
    - claims-phi: [gpt-4o]
`;

const INVENTORY = `version: 1
use_cases:
  # owned by the claims platform team
  - id: claims-triage
    name: Claims triage assistant
    status: production
    data:
      classes: [phi]
    needs:
      task: extraction
`;

const POLICY = `# Our policy: the default, plus what we run.
version: 1
extends: default # keep the built-in taxonomy
`;

function workspace(config = LEAKY_CONFIG): string {
  const dir = tmp();
  writeFileSync(join(dir, 'config.yaml'), config);
  writeFileSync(join(dir, 'inventory.yaml'), INVENTORY);
  writeFileSync(join(dir, 'tierplan.policy.yaml'), POLICY);
  return dir;
}

describe('tierplan adopt litellm: the round trip', () => {
  it('shows the leak before, writes policy and inventory keeping comments, and the generated config has none', () => {
    const dir = workspace();
    const adopt = tierplan(
      [
        'adopt',
        'litellm',
        'config.yaml',
        ...AS_OF,
        '--alias',
        'claims-phi=claims-triage',
        '--tier',
        'openai-gpt-4o=api',
      ],
      { cwd: dir },
    );
    expect(adopt.stderr).not.toContain('Error');
    expect(adopt.code).toBe(1);
    // The leak, at the fallback's line and column in config.yaml.
    expect(adopt.stdout).toMatch(
      /config\.yaml:17:20: \$\.router_settings\.fallbacks\[0\]\["claims-phi"\]\[0\]: error uncleared-tier: "claims-triage" .* can reach deployment "openai-gpt-4o" on tier api/,
    );
    expect(adopt.stdout).toContain('no longer reachable: openai-gpt-4o (api)');
    expect(adopt.stdout).toContain('wrote tierplan.policy.yaml, inventory.yaml');

    const policyText = readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8');
    expect(policyText.startsWith('# Our policy: the default, plus what we run.\n')).toBe(true);
    expect(policyText).toContain('extends: default # keep the built-in taxonomy');
    const policy = parse(policyText) as { tiers: { id: string; deployments: { id: string }[] }[] };
    const ids = (tier: string) => policy.tiers.find((t) => t.id === tier)?.deployments.map((d) => d.id) ?? [];
    expect(ids('api')).toContain('openai-gpt-4o');
    expect(ids('private-cloud')).toContain('bedrock-anthropic-claude-3-5-sonnet-20240620-v1-0');
    expect(ids('on-prem')).toContain('hosted-vllm-meta-llama-llama-3-1-8b-instruct');

    const inventoryText = readFileSync(join(dir, 'inventory.yaml'), 'utf8');
    expect(inventoryText).toContain('# owned by the claims platform team');
    const inventory = parse(inventoryText) as { use_cases: { id: string; aliases?: string[] }[] };
    expect(inventory.use_cases.find((u) => u.id === 'claims-triage')!.aliases).toEqual(['claims-phi']);
    expect(inventory.use_cases.map((u) => u.id)).toEqual(['claims-triage', 'gpt-4o', 'local-llama']);

    expect(tierplan(['validate'], { cwd: dir }).code).toBe(0);
    // Adopting the same config again finds nothing new and writes nothing.
    const again = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF], { cwd: dir });
    expect(again.stdout).toContain('nothing to write: the policy and inventory already know this gateway');
    expect(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')).toBe(policyText);
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toBe(inventoryText);
    const gateway = tierplan(['gateway', ...AS_OF, '--out', 'gw'], { cwd: dir });
    expect(gateway.code).toBe(0);
    const generated = readFileSync(join(dir, 'gw/litellm/config.yaml'), 'utf8');
    // Applications calling the old name keep working: it is a model name of its own, routed like the use case.
    expect(generated).toContain('model_name: claims-phi');
    const after = tierplan(['verify', 'gw/litellm/config.yaml', 'gw/portkey', ...AS_OF], { cwd: dir });
    expect(after.stdout).toContain('verify: no findings');
    expect(after.code).toBe(0);
    const before = tierplan(['verify', 'config.yaml', ...AS_OF], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('uncleared-tier');
  });

  it('--dry-run writes nothing and --format json carries the whole report', () => {
    const dir = workspace();
    const run = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--dry-run', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      dry_run: boolean;
      written: string[];
      deployments: { id: string; tier: string }[];
      aliases: { name: string; kind: string }[];
      today: { summary: { errors: number } };
      routes: { name: string; changed: boolean }[];
    };
    expect(report.dry_run).toBe(true);
    expect(report.written).toEqual(['tierplan.policy.yaml', 'inventory.yaml']);
    expect(report.deployments.map((d) => [d.id, d.tier])).toEqual([
      ['bedrock-anthropic-claude-3-5-sonnet-20240620-v1-0', 'private-cloud'],
      ['openai-gpt-4o', 'api'],
      ['hosted-vllm-meta-llama-llama-3-1-8b-instruct', 'on-prem'],
    ]);
    expect(report.aliases.map((a) => `${a.name}:${a.kind}`)).toEqual([
      'claims-phi:new',
      'gpt-4o:new',
      'local-llama:new',
    ]);
    expect(report.today.summary.errors).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')).toBe(POLICY);
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toBe(INVENTORY);
  });

  it('an answers file decides tiers, capabilities and aliases; a wrong answer is refused and nothing written', () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'answers.yaml'),
      `version: 1
status: pilot
deployments:
  openai-gpt-4o: { capability: mid, region: us }
  hosted-vllm-meta-llama-llama-3-1-8b-instruct: { skip: true }
aliases:
  claims-phi: claims-triage
  gpt-4o: chat-assistant
`,
    );
    const run = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--answers', 'answers.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    const policy = parse(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')) as {
      tiers: { id: string; deployments: { id: string; capability: string; region: string }[] }[];
    };
    const gpt = policy.tiers.flatMap((t) => t.deployments).find((d) => d.id === 'openai-gpt-4o')!;
    expect([gpt.capability, gpt.region]).toEqual(['mid', 'us']);
    expect(policy.tiers.flatMap((t) => t.deployments).some((d) => d.id.startsWith('hosted-vllm'))).toBe(false);
    const inventory = parse(readFileSync(join(dir, 'inventory.yaml'), 'utf8')) as {
      use_cases: { id: string; status?: string; aliases?: string[] }[];
    };
    expect(inventory.use_cases.find((u) => u.id === 'chat-assistant')).toMatchObject({
      status: 'pilot',
      aliases: ['gpt-4o'],
    });

    const again = workspace();
    writeFileSync(join(again, 'answers.yaml'), 'version: 1\ndeployments:\n  openai-gpt-4o: { tier: publik }\n');
    const bad = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--answers', 'answers.yaml'], { cwd: again });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('deployments.openai-gpt-4o.tier: unknown tier "publik"');
    expect(readFileSync(join(again, 'tierplan.policy.yaml'), 'utf8')).toBe(POLICY);

    writeFileSync(join(again, 'answers.yaml'), 'version: 1\ndeployments:\n  openai-gpt-4o: { tier: 3 }\n');
    const schema = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--answers', 'answers.yaml'], { cwd: again });
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/answers\.yaml:3:\d+/);
  });
});

describe('tierplan adopt into an inventory folder', () => {
  it('a new use case is a new file; an alias is added in the file that holds its use case', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'use-cases'));
    const own = '# claims platform\nid: claims-triage\nname: Claims triage assistant\ndata:\n  classes: [phi]\n';
    writeFileSync(join(dir, 'use-cases', 'claims-triage.yaml'), own);
    const run = tierplan(
      ['adopt', 'litellm', 'config.yaml', ...AS_OF, '-i', 'use-cases', '--alias', 'claims-phi=claims-triage'],
      { cwd: dir },
    );
    expect(run.stderr).not.toContain('Error');
    expect(readdirSync(join(dir, 'use-cases')).sort()).toEqual([
      'claims-triage.yaml',
      'gpt-4o.yaml',
      'local-llama.yaml',
    ]);
    const claims = readFileSync(join(dir, 'use-cases', 'claims-triage.yaml'), 'utf8');
    expect(claims.startsWith('# claims platform\n')).toBe(true);
    expect((parse(claims) as { aliases: string[] }).aliases).toEqual(['claims-phi']);
    expect(tierplan(['validate', '-i', 'use-cases'], { cwd: dir }).code).toBe(0);
  });
});

describe('tierplan adopt: nothing written on bad input', () => {
  it('a config that does not parse: file:line:column, exit 2, the policy and inventory untouched', () => {
    const dir = workspace('model_list:\n  - model_name: a\n    litellm_params: {model: openai/gpt-4o\n');
    const run = tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/config\.yaml:\d+:\d+: error/);
    expect(readFileSync(join(dir, 'tierplan.policy.yaml'), 'utf8')).toBe(POLICY);
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toBe(INVENTORY);
    expect(readdirSync(dir).sort()).toEqual(['config.yaml', 'inventory.yaml', 'tierplan.policy.yaml']);
  });

  it('a missing config and a file that is no LiteLLM config: exit 2', () => {
    const dir = workspace();
    expect(tierplan(['adopt', 'litellm', 'nope.yaml'], { cwd: dir }).code).toBe(2);
    writeFileSync(join(dir, 'other.yaml'), 'hello: world\n');
    const other = tierplan(['adopt', 'litellm', 'other.yaml'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('not a LiteLLM config');
    const mtime = statSync(join(dir, 'tierplan.policy.yaml')).mtimeMs;
    expect(tierplan(['adopt', 'kong', 'config.yaml'], { cwd: dir }).code).toBe(2);
    expect(statSync(join(dir, 'tierplan.policy.yaml')).mtimeMs).toBe(mtime);
  });
});

describe('tierplan adopt: no secret value reaches any output', () => {
  it('keys in the environment and literal keys in the config appear in no output and no file written', () => {
    const secrets = {
      env: 'sk-proj-EnvSecretValue0123456789abcdefABCDEF',
      literal: 'sk-ant-api03-LiteralSecretValue0123456789abcdef',
      aws: 'AKIAIOSFODNN7EXAMPLE',
      master: 'sk-master-0123456789abcdefghijklmn',
      envVar: 'plain-looking-value-in-environment-variables',
      urlPassword: 'UrlPassw0rdInTheEndpoint',
      urlKey: 'QueryKeyInTheEndpoint123',
      portkey: 'pk-literal-0123456789abcdefghij',
    };
    const dir = workspace(`model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude
    litellm_params:
      model: anthropic/claude-3-5-sonnet-20240620
      api_key: ${secrets.literal}
  - model_name: titan
    litellm_params:
      model: bedrock/amazon.titan-text-express-v1
      aws_region_name: us-east-1
      aws_access_key_id: ${secrets.aws}
      aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  - model_name: proxy-with-password
    litellm_params:
      model: openai/gpt-4o
      api_base: https://svc:${secrets.urlPassword}@llm.example.com/v1
  - model_name: vllm-with-key
    litellm_params:
      model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct
      api_base: http://10.0.0.9:8000/v1?api-key=${secrets.urlKey}
general_settings:
  master_key: ${secrets.master}
environment_variables:
  SOME_TOKEN: ${secrets.envVar}
`);
    writeFileSync(
      join(dir, 'portkey.json'),
      JSON.stringify({
        strategy: { mode: 'single' },
        targets: [{ provider: 'openai', api_key: secrets.portkey, override_params: { model: 'gpt-4o' } }],
      }),
    );
    const env = { OPENAI_API_KEY: secrets.env, AWS_SECRET_ACCESS_KEY: secrets.literal };
    const outputs = [
      tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--dry-run'], { cwd: dir, env }),
      tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF, '--dry-run', '--json'], { cwd: dir, env }),
      tierplan(['adopt', 'portkey', 'portkey.json', ...AS_OF, '--dry-run', '--json'], { cwd: dir, env }),
      tierplan(['adopt', 'litellm', 'config.yaml', ...AS_OF], { cwd: dir, env }),
      tierplan(['gateway', ...AS_OF, '--out', 'gw'], { cwd: dir, env }),
      tierplan(['verify', 'config.yaml', ...AS_OF], { cwd: dir, env }),
    ];
    expect(outputs[3]!.stdout).toContain('holds a literal credential (not copied)');
    expect(outputs[3]!.stdout).toContain(
      '"vllm-with-key" is not adopted as a deployment: its endpoint URL carries credentials',
    );
    const written = ['tierplan.policy.yaml', 'inventory.yaml', 'gw/litellm/config.yaml', 'gw/litellm/keys.json'].map(
      (f) => readFileSync(join(dir, f), 'utf8'),
    );
    const everything = [...outputs.flatMap((o) => [o.stdout, o.stderr]), ...written].join('\n');
    for (const value of [...Object.values(secrets), 'wJalrXUtnFEMI']) expect(everything).not.toContain(value);
    expect(everything).toContain('OPENAI_API_KEY');
  });
});

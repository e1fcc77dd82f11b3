// verify applies to hand-edited gateway configs the checks validate applies to the policy's
// deployments: credentials inside URLs, LiteLLM os.environ/ references outside the credential
// fields, and text Portkey's envsubst would expand. No message repeats the secret.
import { describe, expect, it } from 'vitest';
import { lintLitellm } from '../../src/core/verify/lint/litellm.js';
import { lintPortkey } from '../../src/core/verify/lint/portkey.js';
import { maskEndpoint } from '../../src/core/policy/check-endpoints.js';
import type { Problem } from '../../src/core/diagnostics/problems.js';
import { checkLitellmConfig } from '../../src/io/configs/gateway-schemas.js';

type Path = (string | number)[];
const brief = (ps: Problem[], codes: string[]): [string, Path][] =>
  ps.filter((p) => codes.includes(p.code)).map((p) => [p.code, p.path]);
const SECRET = 'hunter2-s3cr3t';

const entry = (params: Record<string, unknown>, info: Record<string, unknown> = { id: 'a' }): unknown => ({
  model_list: [{ model_name: 'a', litellm_params: { model: 'openai/gpt-5-mini', ...params }, model_info: info }],
});

describe('LiteLLM: credentials in URLs', () => {
  it.each([
    ['user and password', `https://admin:${SECRET}@llm.example.com/v1`],
    ['a key parameter', `https://llm.example.com/v1?api-key=${SECRET}`],
    ['an Azure SAS signature', `https://x.blob.core.windows.net/c?sv=2024&sig=${SECRET}`],
  ])('reports %s in api_base, without the secret', (_, url) => {
    const problems = lintLitellm(entry({ api_base: url }));
    expect(brief(problems, ['url-credentials'])).toEqual([
      ['url-credentials', ['model_list', 0, 'litellm_params', 'api_base']],
    ]);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });

  it('reports any URL value (base_url, general_settings.database_url), and no plain URL', () => {
    const config = {
      ...(entry({ base_url: `https://u:${SECRET}@h.example.com`, api_base: 'https://h.example.com/v1?x=1' }) as object),
      general_settings: { database_url: `postgresql://tierplan:${SECRET}@db:5432/litellm` },
    };
    expect(brief(lintLitellm(config), ['url-credentials'])).toEqual([
      ['url-credentials', ['model_list', 0, 'litellm_params', 'base_url']],
      ['url-credentials', ['general_settings', 'database_url']],
    ]);
  });

  it('keeps schema messages that could quote the URL out', () => {
    // api_base as a number would be a schema problem; a URL with credentials under a key the
    // schema does not know must not be quoted by it either.
    const config = entry({ api_base: `https://u:${SECRET}@h.example.com` });
    expect(JSON.stringify(checkLitellmConfig(config))).not.toContain(SECRET);
  });
});

describe('LiteLLM: os.environ/ outside the credential fields', () => {
  it('reports it in model_info, tags, the model and routing sections; not in credential fields', () => {
    const config = {
      model_list: [
        {
          model_name: 'a',
          litellm_params: {
            model: 'os.environ/MODEL',
            api_key: 'os.environ/OPENAI_API_KEY',
            api_base: 'os.environ/OPENAI_API_BASE',
            aws_region_name: 'os.environ/AWS_REGION',
            rpm: 'os.environ/RPM',
            tags: ['os.environ/TAG'],
          },
          model_info: { id: 'a', note: 'os.environ/OPENAI_API_KEY' },
        },
      ],
      router_settings: { fallbacks: [{ a: ['os.environ/FALLBACK'] }], redis_password: 'os.environ/REDIS_PASSWORD' },
      litellm_settings: { model_group_alias: { 'os.environ/ALIAS': 'a' } },
      general_settings: { master_key: 'os.environ/LITELLM_MASTER_KEY' },
      credential_list: [{ credential_name: 'c', credential_values: { api_key: 'os.environ/C_KEY' } }],
    };
    expect(brief(lintLitellm(config), ['misplaced-env-ref'])).toEqual([
      ['misplaced-env-ref', ['model_list', 0, 'litellm_params', 'model']],
      ['misplaced-env-ref', ['model_list', 0, 'litellm_params', 'tags', 0]],
      ['misplaced-env-ref', ['model_list', 0, 'model_info', 'note']],
      ['misplaced-env-ref', ['router_settings', 'fallbacks', 0, 'a', 0]],
      ['misplaced-env-ref', ['litellm_settings', 'model_group_alias', 'os.environ/ALIAS']],
    ]);
    const info = lintLitellm(config).find((p) => p.path.includes('note'));
    expect(info?.message).toContain('/model/info');
  });
});

describe('Portkey: text envsubst would expand, credentials in custom_host', () => {
  const target = (fields: Record<string, unknown>): unknown => ({
    strategy: { mode: 'fallback' },
    targets: [
      { provider: 'openai', api_key: '${OPENAI_API_KEY}', override_params: { model: 'gpt-5-mini' }, ...fields },
    ],
  });

  it('reports ${…}, $NAME and {{…}} outside credential fields', () => {
    const config = target({
      custom_host: '${VLLM_BASE}',
      override_params: { model: '${MODEL}' },
      metadata: { team: '{{team}}', owner: '$OWNER' },
    });
    expect(brief(lintPortkey(config), ['expanded-text'])).toEqual([
      ['expanded-text', ['targets', 0, 'override_params', 'model']],
      ['expanded-text', ['targets', 0, 'metadata', 'team']],
      ['expanded-text', ['targets', 0, 'metadata', 'owner']],
    ]);
  });

  it('reports a credential field that is more than one ${NAME}', () => {
    expect(brief(lintPortkey(target({ api_key: 'Bearer ${KEY}' })), ['expanded-text'])).toEqual([
      ['expanded-text', ['targets', 0, 'api_key']],
    ]);
  });

  it('reports credentials in custom_host, without the secret', () => {
    const problems = lintPortkey(target({ custom_host: `https://vllm.example.com/v1?token=${SECRET}` }));
    expect(brief(problems, ['url-credentials'])).toEqual([['url-credentials', ['targets', 0, 'custom_host']]]);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });
});

describe('maskEndpoint', () => {
  it('masks user info and secret parameters, and keeps the rest', () => {
    expect(maskEndpoint(`https://u:${SECRET}@h.example.com:8443/v1?api-version=1&key=${SECRET}#f`)).toBe(
      'https://***@h.example.com:8443/v1?api-version=1&key=***#f',
    );
    expect(maskEndpoint('https://h.example.com/v1')).toBe('https://h.example.com/v1');
  });
});

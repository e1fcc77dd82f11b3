// Checks of a Portkey gateway config (the JSON sent in `x-portkey-config`): what the gateway's
// zod schema lets through and what fails only at request time, or never fails and routes
// wrongly. Pure: the parsed config in, problems with paths into it out. Written for configs
// tierplan generates and for configs edited by hand, so nothing about the shape is assumed.
import { didYouMean, type Problem } from '../../diagnostics/problems.js';
import { typeError, unknownKeys, type Ctx, type PortkeyLintOptions } from './portkey-common.js';
import { isObj, shown, type Obj, type Path } from './values.js';
import { conditional } from './portkey-query.js';
import { cache, customHost, retry, statusCodes } from './portkey-settings.js';
import { expandedText } from './portkey-references.js';
import { urlCredentials } from './config-urls.js';

export type { PortkeyLintOptions } from './portkey-common.js';
export { DEFAULT_TRUSTED_CUSTOM_HOSTS } from './portkey-settings.js';

/** Keys a target node may carry (snake_case, as written in the header), from the gateway's types. */
const NODE_KEYS: readonly string[] = [
  // routing
  'name',
  'strategy',
  'targets',
  'weight',
  'on_status_codes',
  'id',
  // behaviour, inherited down the tree
  'override_params',
  'retry',
  'cache',
  'request_timeout',
  'custom_host',
  'forward_headers',
  'strict_open_ai_compliance',
  'before_request_hooks',
  'after_request_hooks',
  'input_guardrails',
  'output_guardrails',
  'default_input_guardrails',
  'default_output_guardrails',
  'metadata',
  // provider
  'provider',
  'api_key',
  'virtual_key',
  'url_to_fetch',
  'resource_name',
  'deployment_id',
  'api_version',
  'ad_auth',
  'azure_auth_mode',
  'azure_managed_client_id',
  'azure_entra_client_id',
  'azure_entra_client_secret',
  'azure_entra_tenant_id',
  'azure_entra_scope',
  'azure_ad_token',
  'azure_model_name',
  'azure_api_version',
  'azure_foundry_url',
  'azure_extra_parameters',
  'azure_deployment_name',
  'azure_workload_client_id',
  'workers_ai_account_id',
  'aws_secret_access_key',
  'aws_access_key_id',
  'aws_session_token',
  'aws_region',
  'aws_auth_type',
  'aws_role_arn',
  'aws_external_id',
  'aws_s3_bucket',
  'aws_s3_object_key',
  'aws_bedrock_model',
  'aws_server_side_encryption',
  'aws_server_side_encryption_kms_key_id',
  'aws_service',
  'foundation_model',
  'amzn_sagemaker_custom_attributes',
  'amzn_sagemaker_target_model',
  'amzn_sagemaker_target_variant',
  'amzn_sagemaker_target_container_hostname',
  'amzn_sagemaker_inference_id',
  'amzn_sagemaker_enable_explanations',
  'amzn_sagemaker_inference_component',
  'amzn_sagemaker_session_id',
  'amzn_sagemaker_model_name',
  'stability_client_id',
  'stability_client_user_id',
  'stability_client_version',
  'huggingface_base_url',
  'vertex_region',
  'vertex_project_id',
  'vertex_service_account_json',
  'vertex_storage_bucket_name',
  'vertex_model_name',
  'vertex_batch_endpoint',
  'filename',
  'openai_project',
  'openai_organization',
  'openai_beta',
  'mistral_fim_completion',
  'anthropic_beta',
  'anthropic_version',
  'fireworks_account_id',
  'fireworks_file_length',
  'snowflake_account',
  'model_pricing_config',
  'cb_config',
];
const STRATEGY_KEYS = ['mode', 'on_status_codes', 'conditions', 'default'];
const MODES = ['single', 'loadbalance', 'fallback', 'conditional'];
/** Node's default limit on all request headers together; the gateway answers 431 above it. */
export const HEADER_LIMIT_BYTES = 16 * 1024;
/** Above this the other headers of a request leave little room. */
const HEADER_WARN_BYTES = 12 * 1024;

/**
 * Problems in a parsed Portkey config: unknown keys, dangling `then`/`default` names, unknown
 * operators, duplicate target names, zero weights, three-level query keys, the `$and`/`$or` and
 * `$regex` short-circuits, non-string metadata comparisons, nodes the gateway rejects (the
 * whole-node rule), bad retry and status codes, and a header too large for Node.
 */
export function lintPortkey(config: unknown, options: PortkeyLintOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const ctx: Ctx = { add: (p) => void problems.push(p), options };
  if (!isObj(config)) {
    return [
      {
        code: 'not-a-mapping',
        severity: 'error',
        message: 'a Portkey config is a JSON object (a target node with provider…, or strategy and targets)',
        path: [],
      },
    ];
  }
  node(config, [], undefined, ctx);
  size(config, ctx);
  expandedText(config, ctx.add);
  urlCredentials(config, 'Portkey', ctx.add);
  return problems;
}

function size(config: Obj, ctx: Ctx): void {
  const bytes = new TextEncoder().encode(JSON.stringify(config)).length;
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  if (bytes > HEADER_LIMIT_BYTES) {
    ctx.add({
      code: 'config-too-large',
      severity: 'error',
      path: [],
      message: `the minified config is ${bytes} bytes (${kib(bytes)}): above Node's 16 KiB limit on request headers, the gateway answers 431 to every request carrying it in x-portkey-config`,
      hint: 'route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576',
    });
  } else if (bytes > HEADER_WARN_BYTES) {
    ctx.add({
      code: 'config-near-header-limit',
      severity: 'warning',
      path: [],
      message: `the minified config is ${bytes} bytes (${kib(bytes)}): with the request's other headers (and \${NAME} values substituted) it nears Node's 16 KiB header limit (431)`,
      hint: 'route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576',
    });
  }
}

function node(n: Obj, at: Path, parentMode: string | undefined, ctx: Ctx): void {
  if ('options' in n) {
    ctx.add({
      code: 'legacy-config',
      severity: 'error',
      path: [...at, 'options'],
      message:
        '"options" is the legacy (v1) config format, which the gateway rejects with a 400 (for a config without provider and targets: "Either x-portkey-provider needs to be passed…")',
      hint: 'write targets with a strategy instead',
    });
    return; // Nothing else of a v1 config means what it says in v2.
  }
  unknownKeys(n, [...NODE_KEYS, 'options'], at, at.length === 0 ? 'the config' : 'a target', ctx);
  const complete = wholeNode(n, at, ctx);
  if ('name' in n && typeof n.name !== 'string') typeError(n.name, 'a string', [...at, 'name'], ctx);
  for (const key of ['provider', 'api_key', 'custom_host'])
    if (key in n && typeof n[key] !== 'string') typeError(n[key], 'a string', [...at, key], ctx);
  if ('override_params' in n && !isObj(n.override_params))
    typeError(n.override_params, 'a mapping', [...at, 'override_params'], ctx);
  if ('request_timeout' in n && !(typeof n.request_timeout === 'number' && n.request_timeout > 0)) {
    ctx.add({
      code: 'invalid-value',
      severity: 'error',
      path: [...at, 'request_timeout'],
      message: `request_timeout must be a positive number of milliseconds; found ${shown(n.request_timeout)}`,
    });
  }
  if ('weight' in n && parentMode !== 'loadbalance' && at.length > 0) {
    ctx.add({
      code: 'weight-ignored',
      severity: 'warning',
      path: [...at, 'weight'],
      message: 'weight only counts for targets of a loadbalance node; here it is ignored',
    });
  }
  if ('on_status_codes' in n) statusCodes(n.on_status_codes, [...at, 'on_status_codes'], ctx);
  if ('retry' in n) retry(n.retry, [...at, 'retry'], ctx);
  if ('cache' in n) cache(n.cache, [...at, 'cache'], ctx);
  if (typeof n.custom_host === 'string' && ctx.options.trustedCustomHosts)
    customHost(n.custom_host, [...at, 'custom_host'], ctx.options.trustedCustomHosts, ctx);
  const mode = strategy(n, at, ctx);
  const targets = n.targets;
  if (targets !== undefined && !Array.isArray(targets)) {
    typeError(targets, 'a list of targets', [...at, 'targets'], ctx);
    return;
  }
  if (complete && mode !== undefined && mode !== 'single' && (!targets || targets.length === 0)) {
    ctx.add({
      code: 'missing-targets',
      severity: 'error',
      path: at,
      message: `a ${mode} node needs a non-empty targets list`,
    });
  }
  if (targets && !('strategy' in n) && 'provider' in n) {
    ctx.add({
      code: 'targets-without-strategy',
      severity: 'warning',
      path: [...at, 'targets'],
      message: 'without strategy.mode this node is a single provider target and its targets are not used',
    });
  }
  if (!targets) return;
  siblingNames(targets, at, mode, ctx);
  if (mode === 'loadbalance') weights(targets, at, ctx);
  if (mode === 'conditional') conditional(n, targets, at, ctx);
  targets.forEach((t, i) => {
    if (isObj(t)) node(t, [...at, 'targets', i], mode, ctx);
    else typeError(t, 'a target (a mapping)', [...at, 'targets', i], ctx);
  });
}

/**
 * The gateway's zod refinement (as in the 1.15.2 build): every node needs provider and api_key,
 * or strategy and targets, or one of the settings it accepts on their own (reference §4.3).
 */
function wholeNode(n: Obj, at: Path, ctx: Ctx): boolean {
  const has = (k: string): boolean => Boolean(n[k]);
  const ok =
    (n.provider !== undefined && n.api_key !== undefined) ||
    (n.strategy !== undefined && n.targets !== undefined) ||
    has('cache') ||
    has('retry') ||
    has('request_timeout') ||
    has('before_request_hooks') ||
    has('after_request_hooks') ||
    has('input_guardrails') ||
    has('output_guardrails') ||
    n.provider === 'ollama' ||
    n.provider === 'triton' ||
    (has('aws_access_key_id') && has('aws_secret_access_key')) ||
    (n.provider === 'vertex-ai' &&
      has('vertex_region') &&
      (has('vertex_service_account_json') || has('vertex_project_id'))) ||
    (n.provider === 'azure-openai' && has('azure_auth_mode'));
  if (!ok) {
    ctx.add({
      code: 'incomplete-node',
      severity: 'error',
      path: at,
      message:
        "the gateway rejects this node (400): it must have 'provider' and 'api_key', or 'strategy' and 'targets', or 'cache', 'retry' or 'request_timeout'",
      hint: has('provider')
        ? 'add an api_key (any dummy value works for self-hosted servers without auth)'
        : 'add the provider and api_key of the upstream, or a strategy with targets',
    });
  }
  if (
    n.provider === 'vertex-ai' &&
    !(has('vertex_region') && (has('vertex_project_id') || has('vertex_service_account_json')))
  ) {
    ctx.add({
      code: 'vertex-fields-missing',
      severity: 'error',
      path: at,
      message:
        'a vertex-ai target needs vertex_region and vertex_project_id (or vertex_service_account_json): the gateway rejects it (400)',
    });
  }
  return ok;
}

/** Checks `strategy` and returns its mode when it is a known one. */
function strategy(n: Obj, at: Path, ctx: Ctx): string | undefined {
  if (!('strategy' in n)) return undefined;
  const s = n.strategy;
  const sAt: Path = [...at, 'strategy'];
  if (!isObj(s)) {
    typeError(s, 'a mapping with mode', sAt, ctx);
    return undefined;
  }
  unknownKeys(s, STRATEGY_KEYS, sAt, 'strategy', ctx);
  let mode: string | undefined;
  if (s.mode === undefined) {
    ctx.add({
      code: 'missing-strategy-mode',
      severity: 'error',
      path: sAt,
      message: `strategy needs a mode: one of ${MODES.join(', ')}`,
    });
  } else if (typeof s.mode !== 'string' || !MODES.includes(s.mode)) {
    const hint = typeof s.mode === 'string' ? didYouMean(s.mode, MODES) : undefined;
    ctx.add({
      code: 'unknown-strategy-mode',
      severity: 'error',
      path: [...sAt, 'mode'],
      message: `strategy.mode must be one of ${MODES.join(', ')}; found ${shown(s.mode)}`,
      ...(hint ? { hint } : {}),
    });
  } else mode = s.mode;
  if ('on_status_codes' in s) {
    statusCodes(s.on_status_codes, [...sAt, 'on_status_codes'], ctx);
    if (mode !== undefined && mode !== 'fallback') {
      ctx.add({
        code: 'status-codes-ignored',
        severity: 'warning',
        path: [...sAt, 'on_status_codes'],
        message: `on_status_codes only counts for fallback nodes; in ${mode} mode it is ignored`,
      });
    }
  }
  if (mode !== undefined && mode !== 'conditional') {
    for (const key of ['conditions', 'default']) {
      if (key in s)
        ctx.add({
          code: 'conditions-ignored',
          severity: 'warning',
          path: [...sAt, key],
          message: `${key} only counts in conditional mode; in ${mode} mode it is ignored`,
        });
    }
  }
  return mode;
}

function siblingNames(targets: unknown[], at: Path, mode: string | undefined, ctx: Ctx): void {
  const first = new Map<string, number>();
  targets.forEach((t, i) => {
    if (!isObj(t) || typeof t.name !== 'string') return;
    const earlier = first.get(t.name);
    if (earlier === undefined) {
      first.set(t.name, i);
      return;
    }
    const routed = mode === 'conditional';
    ctx.add({
      code: 'duplicate-target-name',
      severity: routed ? 'error' : 'warning',
      path: [...at, 'targets', i, 'name'],
      message: routed
        ? `${JSON.stringify(t.name)} also names targets[${earlier}]: conditions reach only the first target of a name, never this one`
        : `${JSON.stringify(t.name)} also names targets[${earlier}]: logs and reports cannot tell them apart`,
      hint: 'give every target its own name',
    });
  });
}

function weights(targets: unknown[], at: Path, ctx: Ctx): void {
  const items = targets.map((t, i) => ({ t, i })).filter((x): x is { t: Obj; i: number } => isObj(x.t));
  let zero = 0;
  const zeroes: number[] = [];
  for (const { t, i } of items) {
    if (!('weight' in t)) continue;
    const w = t.weight;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      ctx.add({
        code: 'invalid-weight',
        severity: 'error',
        path: [...at, 'targets', i, 'weight'],
        message: `weight must be a number of 0 or more; found ${shown(w)}`,
      });
    } else if (w === 0) {
      zero++;
      zeroes.push(i);
    }
  }
  if (items.length > 0 && zero === items.length) {
    ctx.add({
      code: 'all-zero-weights',
      severity: 'error',
      path: [...at, 'targets'],
      message:
        'every target of this loadbalance node has weight 0: the gateway fails every request with a 500 ("Cannot read properties of undefined")',
      hint: 'give at least one target a positive weight (an omitted weight counts as 1)',
    });
    return;
  }
  for (const i of zeroes) {
    ctx.add({
      code: 'zero-weight',
      severity: 'warning',
      path: [...at, 'targets', i, 'weight'],
      message: 'weight 0: this target never receives traffic',
      hint: 'remove the target, or give it a positive weight',
    });
  }
}

// Checks of a Portkey gateway config (the JSON sent in `x-portkey-config`): what the gateway's
// zod schema lets through and what fails only at request time, or never fails and routes
// wrongly. Pure: the parsed config in, problems with paths into it out. Written for configs
// tierplan generates and for configs edited by hand, so nothing about the shape is assumed.
import { didYouMean, type Problem } from './problems.js';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys a target node may carry (snake_case, as written in the header), from the gateway's types. */
export const NODE_KEYS: readonly string[] = [
  // routing
  'name', 'strategy', 'targets', 'weight', 'on_status_codes', 'id',
  // behaviour, inherited down the tree
  'override_params', 'retry', 'cache', 'request_timeout', 'custom_host', 'forward_headers', 'strict_open_ai_compliance',
  'before_request_hooks', 'after_request_hooks', 'input_guardrails', 'output_guardrails', 'default_input_guardrails', 'default_output_guardrails',
  'metadata',
  // provider
  'provider', 'api_key', 'virtual_key', 'url_to_fetch',
  'resource_name', 'deployment_id', 'api_version', 'ad_auth', 'azure_auth_mode', 'azure_managed_client_id', 'azure_entra_client_id',
  'azure_entra_client_secret', 'azure_entra_tenant_id', 'azure_entra_scope', 'azure_ad_token', 'azure_model_name', 'azure_api_version',
  'azure_foundry_url', 'azure_extra_parameters', 'azure_deployment_name', 'azure_workload_client_id',
  'workers_ai_account_id',
  'aws_secret_access_key', 'aws_access_key_id', 'aws_session_token', 'aws_region', 'aws_auth_type', 'aws_role_arn', 'aws_external_id',
  'aws_s3_bucket', 'aws_s3_object_key', 'aws_bedrock_model', 'aws_server_side_encryption', 'aws_server_side_encryption_kms_key_id',
  'aws_service', 'foundation_model',
  'amzn_sagemaker_custom_attributes', 'amzn_sagemaker_target_model', 'amzn_sagemaker_target_variant',
  'amzn_sagemaker_target_container_hostname', 'amzn_sagemaker_inference_id', 'amzn_sagemaker_enable_explanations',
  'amzn_sagemaker_inference_component', 'amzn_sagemaker_session_id', 'amzn_sagemaker_model_name',
  'stability_client_id', 'stability_client_user_id', 'stability_client_version',
  'huggingface_base_url',
  'vertex_region', 'vertex_project_id', 'vertex_service_account_json', 'vertex_storage_bucket_name', 'vertex_model_name', 'vertex_batch_endpoint',
  'filename',
  'openai_project', 'openai_organization', 'openai_beta',
  'mistral_fim_completion', 'anthropic_beta', 'anthropic_version', 'fireworks_account_id', 'fireworks_file_length', 'snowflake_account',
  'model_pricing_config', 'cb_config',
];
const STRATEGY_KEYS = ['mode', 'on_status_codes', 'conditions', 'default'];
const CONDITION_KEYS = ['query', 'then'];
const RETRY_KEYS = ['attempts', 'on_status_codes', 'use_retry_after_header'];
const CACHE_KEYS = ['mode', 'max_age'];
export const MODES = ['single', 'loadbalance', 'fallback', 'conditional'];
/**
 * Operators on a field's value in gateway 1.15.2 (conditionalRouter.ts, checked in the npm
 * build); `$and`/`$or` combine whole queries. Later sources add `$length`: 1.15.2 answers 400.
 */
export const FIELD_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex'];
const LOGICAL = ['$and', '$or'];
/** Query keys resolve as `<root>.<key>`, at most two levels. */
const QUERY_ROOTS = ['metadata', 'params', 'url'];

/** Node's default limit on all request headers together; the gateway answers 431 above it. */
export const HEADER_LIMIT_BYTES = 16 * 1024;
/** Above this the other headers of a request leave little room. */
export const HEADER_WARN_BYTES = 12 * 1024;

/** What the gateway trusts when TRUSTED_CUSTOM_HOSTS is unset. */
export const DEFAULT_TRUSTED_CUSTOM_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1', 'host.docker.internal'];

export interface PortkeyLintOptions {
  /**
   * Check `custom_host` values against the gateway's SSRF guard (`isValidCustomHost`), with
   * these hosts trusted as in `TRUSTED_CUSTOM_HOSTS` (which replaces the gateway's default
   * localhost, 127.0.0.1, ::1, host.docker.internal: DEFAULT_TRUSTED_CUSTOM_HOSTS). Off when
   * not given, since the gateway's environment is not known from the config.
   */
  trustedCustomHosts?: string[];
}

interface Ctx {
  add: (p: Problem) => void;
  options: PortkeyLintOptions;
}

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
    return [{ code: 'not-a-mapping', severity: 'error', message: 'a Portkey config is a JSON object (a target node with provider…, or strategy and targets)', path: [] }];
  }
  node(config, [], undefined, ctx);
  size(config, ctx);
  return problems;
}

function size(config: Obj, ctx: Ctx): void {
  const bytes = new TextEncoder().encode(JSON.stringify(config)).length;
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  if (bytes > HEADER_LIMIT_BYTES) {
    ctx.add({
      code: 'config-too-large', severity: 'error', path: [],
      message: `the minified config is ${bytes} bytes (${kib(bytes)}): above Node's 16 KiB limit on request headers, the gateway answers 431 to every request carrying it in x-portkey-config`,
      hint: 'route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576',
    });
  } else if (bytes > HEADER_WARN_BYTES) {
    ctx.add({
      code: 'config-near-header-limit', severity: 'warning', path: [],
      message: `the minified config is ${bytes} bytes (${kib(bytes)}): with the request's other headers (and \${NAME} values substituted) it nears Node's 16 KiB header limit (431)`,
      hint: 'route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576',
    });
  }
}

function unknownKeys(o: Obj, known: readonly string[], at: Path, where: string, ctx: Ctx): void {
  for (const key of Object.keys(o)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    // A near miss of a known key is a typo that silently does nothing; anything else may be a
    // key of a newer gateway.
    ctx.add({
      code: 'unknown-key', severity: hint ? 'error' : 'warning', path: [...at, key],
      message: `unknown key ${JSON.stringify(key)} in ${where}: the gateway ignores it without an error`,
      ...(hint ? { hint } : {}),
    });
  }
}

function node(n: Obj, at: Path, parentMode: string | undefined, ctx: Ctx): void {
  if ('options' in n) {
    ctx.add({
      code: 'legacy-config', severity: 'error', path: [...at, 'options'],
      message: '"options" is the legacy (v1) config format, which the gateway rejects with a 400 (for a config without provider and targets: "Either x-portkey-provider needs to be passed…")',
      hint: 'write targets with a strategy instead',
    });
    return; // Nothing else of a v1 config means what it says in v2.
  }
  unknownKeys(n, [...NODE_KEYS, 'options'], at, at.length === 0 ? 'the config' : 'a target', ctx);
  const complete = wholeNode(n, at, ctx);
  if ('name' in n && typeof n.name !== 'string') typeError(n.name, 'a string', [...at, 'name'], ctx);
  for (const key of ['provider', 'api_key', 'custom_host']) if (key in n && typeof n[key] !== 'string') typeError(n[key], 'a string', [...at, key], ctx);
  if ('override_params' in n && !isObj(n.override_params)) typeError(n.override_params, 'a mapping', [...at, 'override_params'], ctx);
  if ('request_timeout' in n && !(typeof n.request_timeout === 'number' && n.request_timeout > 0)) {
    ctx.add({ code: 'invalid-value', severity: 'error', path: [...at, 'request_timeout'], message: `request_timeout must be a positive number of milliseconds; found ${shown(n.request_timeout)}` });
  }
  if ('weight' in n && parentMode !== 'loadbalance' && at.length > 0) {
    ctx.add({ code: 'weight-ignored', severity: 'warning', path: [...at, 'weight'], message: 'weight only counts for targets of a loadbalance node; here it is ignored' });
  }
  if ('on_status_codes' in n) statusCodes(n.on_status_codes, [...at, 'on_status_codes'], ctx);
  if ('retry' in n) retry(n.retry, [...at, 'retry'], ctx);
  if ('cache' in n) cache(n.cache, [...at, 'cache'], ctx);
  if (typeof n.custom_host === 'string' && ctx.options.trustedCustomHosts) customHost(n.custom_host, [...at, 'custom_host'], ctx.options.trustedCustomHosts, ctx);
  const mode = strategy(n, at, ctx);
  const targets = n.targets;
  if (targets !== undefined && !Array.isArray(targets)) {
    typeError(targets, 'a list of targets', [...at, 'targets'], ctx);
    return;
  }
  if (complete && mode !== undefined && mode !== 'single' && (!targets || targets.length === 0)) {
    ctx.add({ code: 'missing-targets', severity: 'error', path: at, message: `a ${mode} node needs a non-empty targets list` });
  }
  if (targets && !('strategy' in n) && ('provider' in n)) {
    ctx.add({ code: 'targets-without-strategy', severity: 'warning', path: [...at, 'targets'], message: 'without strategy.mode this node is a single provider target and its targets are not used' });
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
  const ok = (n.provider !== undefined && n.api_key !== undefined)
    || (n.strategy !== undefined && n.targets !== undefined)
    || has('cache') || has('retry') || has('request_timeout')
    || has('before_request_hooks') || has('after_request_hooks') || has('input_guardrails') || has('output_guardrails')
    || n.provider === 'ollama' || n.provider === 'triton'
    || (has('aws_access_key_id') && has('aws_secret_access_key'))
    || (n.provider === 'vertex-ai' && has('vertex_region') && (has('vertex_service_account_json') || has('vertex_project_id')))
    || (n.provider === 'azure-openai' && has('azure_auth_mode'));
  if (!ok) {
    ctx.add({
      code: 'incomplete-node', severity: 'error', path: at,
      message: "the gateway rejects this node (400): it must have 'provider' and 'api_key', or 'strategy' and 'targets', or 'cache', 'retry' or 'request_timeout'",
      hint: has('provider') ? 'add an api_key (any dummy value works for self-hosted servers without auth)' : 'add the provider and api_key of the upstream, or a strategy with targets',
    });
  }
  if (n.provider === 'vertex-ai' && !(has('vertex_region') && (has('vertex_project_id') || has('vertex_service_account_json')))) {
    ctx.add({
      code: 'vertex-fields-missing', severity: 'error', path: at,
      message: "a vertex-ai target needs vertex_region and vertex_project_id (or vertex_service_account_json): the gateway rejects it (400)",
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
    ctx.add({ code: 'missing-strategy-mode', severity: 'error', path: sAt, message: `strategy needs a mode: one of ${MODES.join(', ')}` });
  } else if (typeof s.mode !== 'string' || !MODES.includes(s.mode)) {
    const hint = typeof s.mode === 'string' ? didYouMean(s.mode, MODES) : undefined;
    ctx.add({
      code: 'unknown-strategy-mode', severity: 'error', path: [...sAt, 'mode'],
      message: `strategy.mode must be one of ${MODES.join(', ')}; found ${shown(s.mode)}`, ...(hint ? { hint } : {}),
    });
  } else mode = s.mode;
  if ('on_status_codes' in s) {
    statusCodes(s.on_status_codes, [...sAt, 'on_status_codes'], ctx);
    if (mode !== undefined && mode !== 'fallback') {
      ctx.add({ code: 'status-codes-ignored', severity: 'warning', path: [...sAt, 'on_status_codes'], message: `on_status_codes only counts for fallback nodes; in ${mode} mode it is ignored` });
    }
  }
  if (mode !== undefined && mode !== 'conditional') {
    for (const key of ['conditions', 'default']) {
      if (key in s) ctx.add({ code: 'conditions-ignored', severity: 'warning', path: [...sAt, key], message: `${key} only counts in conditional mode; in ${mode} mode it is ignored` });
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
      code: 'duplicate-target-name', severity: routed ? 'error' : 'warning', path: [...at, 'targets', i, 'name'],
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
      ctx.add({ code: 'invalid-weight', severity: 'error', path: [...at, 'targets', i, 'weight'], message: `weight must be a number of 0 or more; found ${shown(w)}` });
    } else if (w === 0) {
      zero++;
      zeroes.push(i);
    }
  }
  if (items.length > 0 && zero === items.length) {
    ctx.add({
      code: 'all-zero-weights', severity: 'error', path: [...at, 'targets'],
      message: 'every target of this loadbalance node has weight 0: the gateway fails every request with a 500 ("Cannot read properties of undefined")',
      hint: 'give at least one target a positive weight (an omitted weight counts as 1)',
    });
    return;
  }
  for (const i of zeroes) {
    ctx.add({ code: 'zero-weight', severity: 'warning', path: [...at, 'targets', i, 'weight'], message: 'weight 0: this target never receives traffic', hint: 'remove the target, or give it a positive weight' });
  }
}

function conditional(n: Obj, targets: unknown[], at: Path, ctx: Ctx): void {
  const s = n.strategy as Obj;
  const sAt: Path = [...at, 'strategy'];
  const names = targets.flatMap((t) => (isObj(t) && typeof t.name === 'string' ? [t.name] : []));
  const used = new Set<string>();
  let dangling = false;
  const refer = (name: unknown, path: Path, what: string): void => {
    if (typeof name !== 'string') {
      ctx.add({ code: 'missing-target-name', severity: 'error', path, message: `${what} must name a target of this node (a string); found ${shown(name)}` });
      return;
    }
    used.add(name);
    if (names.includes(name)) return;
    dangling = true;
    const hint = didYouMean(name, names);
    ctx.add({
      code: 'dangling-target-name', severity: 'error', path,
      message: `${what} names ${JSON.stringify(name)}, but no target of this node has that name: the gateway answers 400 "Invalid target name found in the query router"`,
      ...(hint ? { hint } : { hint: names.length > 0 ? `target names here: ${names.join(', ')}` : 'give the targets a name' }),
    });
  };
  const conditions = s.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) {
    ctx.add({
      code: 'missing-conditions', severity: 'error', path: sAt,
      message: Array.isArray(conditions) ? 'a conditional node without conditions routes every request to its default, or fails with a 400' : 'a conditional node needs strategy.conditions: the gateway answers 400 "No conditions passed in the query router"',
    });
  } else {
    conditions.forEach((c, i) => {
      const cAt: Path = [...sAt, 'conditions', i];
      if (!isObj(c)) {
        typeError(c, 'a mapping with query and then', cAt, ctx);
        return;
      }
      unknownKeys(c, CONDITION_KEYS, cAt, 'a condition', ctx);
      if (!('query' in c)) ctx.add({ code: 'missing-query', severity: 'error', path: cAt, message: 'a condition needs a query' });
      else query(c.query, [...cAt, 'query'], ctx);
      refer(c.then, [...cAt, 'then'], 'then');
    });
  }
  if ('default' in s) refer(s.default, [...sAt, 'default'], 'default');
  // A dangling name is most likely a misspelt target: that one is reported, not its echo.
  if (dangling) return;
  targets.forEach((t, i) => {
    if (isObj(t) && typeof t.name === 'string' && !used.has(t.name)) {
      ctx.add({ code: 'unreachable-target', severity: 'warning', path: [...at, 'targets', i], message: `no condition and no default names ${JSON.stringify(t.name)}: it never receives traffic` });
    } else if (isObj(t) && typeof t.name !== 'string') {
      ctx.add({ code: 'unreachable-target', severity: 'warning', path: [...at, 'targets', i], message: 'a target of a conditional node without a name never receives traffic: conditions pick targets by name', hint: 'give it a name' });
    }
  });
}

/**
 * A query object (conditionalRouter.evaluateQuery): keys are `$and`/`$or` with a list of
 * sub-queries, or `metadata.<k>`, `params.<k>`, `url.pathname` with a value or an operator map.
 * The gateway returns as soon as it meets `$and`/`$or`, so keys after one are never checked.
 */
function query(q: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(q)) {
    typeError(q, 'a query (a mapping)', at, ctx);
    return;
  }
  const keys = Object.keys(q);
  if (keys.length === 0) {
    ctx.add({ code: 'empty-query', severity: 'warning', path: at, message: 'an empty query matches every request: later conditions and the default are never used' });
    return;
  }
  let shortCircuit = false;
  keys.forEach((key, k) => {
    const value = q[key];
    const kAt: Path = [...at, key];
    if (LOGICAL.includes(key)) {
      if (!Array.isArray(value)) {
        ctx.add({
          code: 'invalid-operator-value', severity: 'error', path: kAt,
          message: `${key} needs a list of sub-queries; with ${shown(value)} the gateway reads "${key}" as a field, which never matches`,
        });
        return;
      }
      value.forEach((sub, i) => query(sub, [...kAt, i], ctx));
      const later = keys[k + 1];
      if (later !== undefined && !shortCircuit) {
        shortCircuit = true;
        ctx.add({
          code: 'query-short-circuit', severity: 'error', path: [...at, later],
          message: `keys after ${JSON.stringify(key)} in the same query are ignored: the gateway returns the result of ${key} without checking ${keys.slice(k + 1).map((x) => JSON.stringify(x)).join(', ')}`,
          hint: 'one key per query object: put every condition inside one $and',
        });
      }
      return;
    }
    if (key.startsWith('$')) {
      const hint = didYouMean(key, LOGICAL) ?? (FIELD_OPERATORS.includes(key) ? `${key} applies to a field: { "metadata.<key>": { "${key}": … } }` : undefined);
      ctx.add({
        code: 'unknown-operator', severity: 'error', path: kAt,
        message: `${JSON.stringify(key)} is neither $and, $or nor a field: the gateway reads it as a field that never matches`,
        ...(hint ? { hint } : {}),
      });
      return;
    }
    field(key, value, kAt, ctx);
  });
  if (keys.length > 1 && !shortCircuit) {
    ctx.add({
      code: 'query-multiple-keys', severity: 'warning', path: at,
      message: `this query has ${keys.length} keys; the gateway ANDs them only while no $and/$or comes before another key, so reordering them changes the routing`,
      hint: 'one key per query object: combine them with $and',
    });
  }
}

function field(key: string, value: unknown, at: Path, ctx: Ctx): void {
  const parts = key.split('.');
  const root = parts[0]!;
  if (!QUERY_ROOTS.includes(root) || parts.length < 2 || parts[1] === '' || (root === 'url' && parts[1] !== 'pathname')) {
    ctx.add({
      code: 'unknown-query-field', severity: 'error', path: at,
      message: `${JSON.stringify(key)} reads nothing: the gateway resolves only metadata.<key>, params.<key> and url.pathname, so this never matches`,
      ...(QUERY_ROOTS.includes(root) ? {} : { hint: `did you mean "metadata.${key}"?` }),
    });
  } else if (parts.length > 2) {
    ctx.add({
      code: 'query-key-too-deep', severity: 'error', path: at,
      message: `${JSON.stringify(key)} has ${parts.length} levels, but the gateway resolves at most 2: it reads ${parts.slice(0, 2).join('.')} and the condition silently fails`,
      hint: `route on a top-level ${root} key, e.g. "${parts[0]}.${parts.slice(1).join('_')}"`,
    });
  }
  const metadata = root === 'metadata';
  if (Array.isArray(value)) {
    ctx.add({
      code: 'invalid-query-value', severity: 'error', path: at,
      message: 'a list here is read as an operator map: the gateway answers 400 "Unsupported operator used in the query router: 0"',
      hint: 'to match any of several values, write { "$in": [ … ] }',
    });
  } else if (isObj(value)) {
    operators(value, at, metadata, ctx);
  } else if (metadata && typeof value !== 'string') {
    nonString(value, at, ctx);
  }
}

function operators(ops: Obj, at: Path, metadata: boolean, ctx: Ctx): void {
  const entries = Object.entries(ops);
  if (entries.length === 0) {
    ctx.add({ code: 'empty-query', severity: 'warning', path: at, message: 'an empty operator map matches every request' });
    return;
  }
  entries.forEach(([op, v], k) => {
    const oAt: Path = [...at, op];
    if (!FIELD_OPERATORS.includes(op)) {
      const prefix = FIELD_OPERATORS.filter((o) => op.startsWith(o)).sort((a, b) => b.length - a.length)[0];
      const hint = LOGICAL.includes(op)
        ? `${op} combines whole queries: { "${op}": [ { "metadata.a": … }, { "metadata.b": … } ] }`
        : op === '$length'
          ? '$length exists only in gateway sources newer than release 1.15.2'
          : didYouMean(op, FIELD_OPERATORS) ?? (prefix ? `did you mean "${prefix}"?` : undefined);
      ctx.add({
        code: 'unknown-operator', severity: 'error', path: oAt,
        message: `unknown operator ${JSON.stringify(op)}: the gateway answers 400 "Unsupported operator used in the query router: ${op}"`,
        ...(hint ? { hint } : {}),
      });
      return;
    }
    switch (op) {
      case '$eq':
      case '$ne':
        if (metadata && typeof v !== 'string') nonString(v, oAt, ctx);
        break;
      case '$in':
      case '$nin':
        if (!Array.isArray(v)) {
          ctx.add({ code: 'invalid-operator-value', severity: 'error', path: oAt, message: `${op} needs a list; with ${shown(v)} the condition is always false` });
        } else if (metadata) {
          v.forEach((item, i) => {
            if (typeof item !== 'string') nonString(item, [...oAt, i], ctx);
          });
        }
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (Number.isNaN(Number.parseFloat(String(v)))) {
          ctx.add({ code: 'invalid-operator-value', severity: 'error', path: oAt, message: `${op} compares numbers; ${shown(v)} is not one, so the condition is always false` });
        }
        break;
      case '$regex':
        if (typeof v !== 'string' || !validRegex(v)) {
          ctx.add({ code: 'invalid-regex', severity: 'error', path: oAt, message: `${shown(v)} is not a valid regular expression: the gateway treats the condition as false` });
        }
        if (k < entries.length - 1) {
          ctx.add({
            code: 'query-short-circuit', severity: 'error', path: [...at, entries[k + 1]![0]],
            message: `operators after $regex are ignored: the gateway returns the regex result without checking ${entries.slice(k + 1).map(([o]) => o).join(', ')}`,
            hint: 'one operator per field when $regex is used: combine with $and, e.g. { "$and": [ { "<field>": { "$regex": … } }, { "<field>": { "$ne": … } } ] }',
          });
        }
        break;
    }
  });
}

function nonString(v: unknown, at: Path, ctx: Ctx): void {
  ctx.add({
    code: 'metadata-non-string', severity: 'error', path: at,
    message: `compares metadata with ${shown(v)}, which is not a string: Portkey metadata values are strings and the comparison is strict (3 is not "3"), so this never matches`,
    hint: `write it as a string: ${JSON.stringify(String(v))}`,
  });
}

function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

function statusCodes(v: unknown, at: Path, ctx: Ctx): void {
  if (!Array.isArray(v)) {
    typeError(v, 'a list of HTTP status codes', at, ctx);
    return;
  }
  v.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c)) {
      ctx.add({
        code: 'status-code-not-integer', severity: 'error', path: [...at, i],
        message: `${shown(c)} is not an integer status code: ${typeof c === 'number' ? 'no response has it, so it never matches' : 'the gateway rejects the config (400 "Expected number")'}`,
        ...(typeof c === 'string' && /^\d+$/.test(c) ? { hint: `write ${c} without quotes` } : {}),
      });
    } else if (c < 100 || c > 599) {
      ctx.add({ code: 'invalid-status-code', severity: 'error', path: [...at, i], message: `${c} is not an HTTP status code (100–599): it never matches` });
    }
  });
}

function retry(r: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(r)) {
    typeError(r, 'a mapping with attempts', at, ctx);
    return;
  }
  unknownKeys(r, RETRY_KEYS, at, 'retry', ctx);
  if (!('attempts' in r)) {
    ctx.add({ code: 'retry-without-attempts', severity: 'error', path: at, message: 'retry needs attempts: the gateway rejects the config (400 "retry,attempts: Required")', hint: 'add attempts: the number of retries (0 for none)' });
  } else if (typeof r.attempts !== 'number' || !Number.isInteger(r.attempts) || r.attempts < 0) {
    ctx.add({ code: 'invalid-value', severity: 'error', path: [...at, 'attempts'], message: `retry.attempts must be a whole number of 0 or more; found ${shown(r.attempts)}` });
  } else if (r.attempts > 5) {
    ctx.add({
      code: 'retry-attempts-high', severity: 'warning', path: [...at, 'attempts'],
      message: `${r.attempts} attempts: the gateway does not cap retries and backs off 1 s, 2 s, 4 s…, so a failing upstream holds the request for ${2 ** r.attempts - 1} s`,
    });
  }
  if ('on_status_codes' in r) statusCodes(r.on_status_codes, [...at, 'on_status_codes'], ctx);
}

function cache(c: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(c)) {
    typeError(c, 'a mapping with mode', at, ctx);
    return;
  }
  unknownKeys(c, CACHE_KEYS, at, 'cache', ctx);
  if (c.mode !== 'simple' && c.mode !== 'semantic') {
    ctx.add({ code: 'invalid-value', severity: 'error', path: [...at, 'mode'], message: `cache.mode must be simple or semantic; found ${shown(c.mode)}` });
  }
}

const BLOCKED_TLDS = ['local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'test', 'invalid', 'onion', 'localhost'];

/** A subset of the gateway's isValidCustomHost: the cases that reject typical on-prem hosts. */
function customHost(value: string, at: Path, trusted: string[], ctx: Ctx): void {
  if (/\$\{[^}]*\}/.test(value)) return; // Substituted when the header is built: unknown here.
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.add({ code: 'invalid-custom-host', severity: 'error', path: at, message: 'custom_host is not a URL: the gateway answers 400 "Invalid custom host"' });
    return;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (trusted.some((t) => t.toLowerCase() === host || (t.toLowerCase() === 'localhost' && host.endsWith('.localhost')))) return;
  const reason = hostProblem(url, host);
  if (!reason) return;
  ctx.add({
    code: 'untrusted-custom-host', severity: 'error', path: at,
    message: `custom_host ${JSON.stringify(url.host)} fails the gateway's SSRF guard (${reason}): it answers 400 "Invalid custom host"`,
    hint: `add ${host} to TRUSTED_CUSTOM_HOSTS on the gateway (it replaces the defaults: list localhost,127.0.0.1 again if you need them)`,
  });
}

function hostProblem(url: URL, host: string): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not http(s)';
  if (url.username || url.password) return 'user info in the URL';
  if (host.includes('api.portkey')) return 'a Portkey API host';
  const tld = host.split('.').pop() ?? '';
  if (host.includes('.') && BLOCKED_TLDS.includes(tld)) return `the .${tld} domain`;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224) {
      return 'a private or reserved address';
    }
    return undefined;
  }
  if (/^\d+$/.test(host) || /^0x[0-9a-f]+$/i.test(host)) return 'a numeric address';
  if (host.includes(':') && (host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host))) return 'a private or reserved IPv6 address';
  return undefined;
}

function typeError(v: unknown, expected: string, at: Path, ctx: Ctx): void {
  ctx.add({ code: 'wrong-type', severity: 'error', path: at, message: `expected ${expected}, found ${shown(v)}` });
}

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

// `os.environ/` references where LiteLLM does not expect one. The proxy resolves every string
// that starts with `os.environ/` when it loads its config — not only in credential fields — so a
// reference in `model_info` puts the variable's value into what `/model/info` serves to any
// caller, and one in a model name, a tag or a fallback lets the environment decide a route.
// Only the sections that say where requests go and what callers are shown are checked here; the
// proxy's own settings (general_settings, router_settings' redis_*, callbacks…) take references
// by design.
import type { Problem } from '../../diagnostics/problems.js';
import { isObj, type Path } from './values.js';

/** LiteLLM resolves a value when it starts with exactly this (its `startswith` check). */
const RESOLVED = /^os\.environ\//;

/**
 * `litellm_params` fields LiteLLM documents for credentials and connection settings, and the
 * numbers the schema lets be read from the environment; anything else there is served by
 * `/model/info` or decides the model.
 */
const PARAM_FIELDS = new Set([
  'api_key',
  'api_base',
  'base_url',
  'api_version',
  'organization',
  'region_name',
  'client_id',
  'client_secret',
  'tenant_id',
  'rpm',
  'tpm',
  'itpm',
  'otpm',
  'max_parallel_requests',
  'weight',
  'order',
  'max_retries',
  'timeout',
  'stream_timeout',
  'max_budget',
  'input_cost_per_token',
  'output_cost_per_token',
  'input_cost_per_second',
  'output_cost_per_second',
]);
/** `aws_secret_access_key`, `azure_ad_token`, `vertex_credentials`, `watsonx_region_name`… */
const PARAM_PREFIX = /^(aws|azure|vertex|vertex_ai|watsonx)_/;

/** Sections of router_settings / litellm_settings whose values and keys are model group names. */
const ROUTING_KEYS = [
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'model_group_alias',
];

const allowedParam = (key: string): boolean => PARAM_FIELDS.has(key) || PARAM_PREFIX.test(key);

export function misplacedReferences(config: unknown, add: (p: Problem) => void): void {
  if (!isObj(config)) return;
  const seen = new Set<object>();
  const report = (text: string, path: Path, where: string, asKey: boolean): void => {
    if (!RESOLVED.test(text)) return;
    add({
      code: 'misplaced-env-ref',
      severity: 'error',
      path,
      message: `${asKey ? 'this key' : 'this value'} is an os.environ/ reference ${where}: LiteLLM replaces it by the environment variable's value when it loads the config, so that value ${where.startsWith('in model_info') ? 'is served to any caller of /model/info' : 'is shown to callers and written to logs, or decides where requests go'}`,
      hint: 'write plain text here; only the credential and connection fields of litellm_params (api_key, api_base, aws_*, vertex_*…) take os.environ/NAME',
    });
  };
  const walk = (value: unknown, path: Path, where: string): void => {
    if (typeof value === 'string') {
      report(value, path, where, false);
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i], where);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      report(k, [...path, k], where, true);
      walk(v, [...path, k], where);
    }
  };
  if (Array.isArray(config.model_list))
    for (const [i, entry] of config.model_list.entries()) {
      if (!isObj(entry)) continue;
      for (const [k, v] of Object.entries(entry)) {
        const at: Path = ['model_list', i, k];
        if (k === 'litellm_params' && isObj(v)) {
          for (const [pk, pv] of Object.entries(v)) {
            report(pk, [...at, pk], 'in litellm_params', true);
            if (!allowedParam(pk)) walk(pv, [...at, pk], `in litellm_params.${pk}`);
          }
        } else walk(v, at, k === 'model_info' ? 'in model_info' : `in ${k}`);
      }
    }
  for (const section of ['router_settings', 'litellm_settings']) {
    const s = config[section];
    if (!isObj(s)) continue;
    for (const key of ROUTING_KEYS) if (key in s) walk(s[key], [section, key], `in ${section}.${key}`);
  }
  if (Array.isArray(config.guardrails))
    for (const [i, g] of config.guardrails.entries()) {
      const p = isObj(g) && isObj(g.litellm_params) ? g.litellm_params : {};
      if ('on_premise_model' in p)
        walk(p.on_premise_model, ['guardrails', i, 'litellm_params', 'on_premise_model'], 'in on_premise_model');
    }
}

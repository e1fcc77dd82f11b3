// Semantic checks of a LiteLLM proxy `config.yaml`: what its JSON Schema cannot say and what
// LiteLLM itself lets through until the first request (or forever). Pure: the parsed config in,
// problems with paths into it out. Written for configs tierplan generates and for configs
// edited by hand, so nothing about the input's shape is assumed.
import { didYouMean, type Problem } from './problems.js';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** LiteLLM resolves a value only when it starts with exactly this, followed by a variable name. */
export const ENV_REF = /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/;

export const FALLBACK_KINDS = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const;
const FALLBACK_SECTIONS = ['router_settings', 'litellm_settings'] as const;

/** Credential fields of `litellm_params` (and of `credential_list[].credential_values`). */
const SECRET_PARAMS = ['api_key', 'aws_secret_access_key', 'aws_session_token', 'client_secret', 'azure_ad_token'];

interface ProviderNeeds {
  /** Each entry: one required field, given by any of its spellings. */
  fields: string[][];
  why: string;
}

const REGION_FROM_ENV = 'so requests may be processed outside the region you meant';
const AWS: ProviderNeeds = { fields: [['aws_region_name']], why: `otherwise LiteLLM takes the region from AWS_REGION_NAME or the AWS SDK default, ${REGION_FROM_ENV}` };
const LOCAL = (fallback: string): ProviderNeeds => ({ fields: [['api_base']], why: `otherwise LiteLLM sends the requests to ${fallback}` });

/** What each provider prefix of `litellm_params.model` needs to reach the intended endpoint. */
export const PROVIDER_FIELDS: Record<string, ProviderNeeds> = {
  bedrock: AWS,
  sagemaker: AWS,
  azure: { fields: [['api_base'], ['api_version']], why: 'otherwise LiteLLM falls back to AZURE_API_BASE and AZURE_API_VERSION from its environment, whatever resource they name' },
  vertex_ai: {
    fields: [['vertex_project', 'vertex_ai_project'], ['vertex_location', 'vertex_ai_location']],
    why: `otherwise LiteLLM takes the project and location from its environment (VERTEXAI_PROJECT, VERTEXAI_LOCATION) or a default, ${REGION_FROM_ENV}`,
  },
  hosted_vllm: LOCAL('HOSTED_VLLM_API_BASE from its environment, or nowhere'),
  ollama: LOCAL('http://localhost:11434 on the proxy host'),
  ollama_chat: LOCAL('http://localhost:11434 on the proxy host'),
};

interface Groups {
  names: Set<string>;
  ids: Set<string>;
  wildcards: RegExp[];
}

/**
 * Problems a schema cannot express in a parsed LiteLLM config: duplicate deployment ids,
 * fallback keys and targets that name nothing, malformed `os.environ/` references, provider
 * fields missing for the model's provider prefix, literal secrets, and the reserved
 * `model_info.tier`. Errors break routing or leak; warnings are smells.
 */
export function lintLitellm(config: unknown): Problem[] {
  if (!isObj(config)) {
    return [{ code: 'not-a-mapping', severity: 'error', message: 'a LiteLLM config is a mapping with model_list, router_settings…', path: [] }];
  }
  const problems: Problem[] = [];
  const add = (p: Problem): void => void problems.push(p);
  const credentials = credentialValues(config.credential_list);
  const groups = deployments(config, credentials, add);
  const partial = config.include !== undefined;
  for (const section of FALLBACK_SECTIONS) fallbacks(config, section, groups, partial, add);
  guardrails(config.guardrails, groups, partial, add);
  credentialSecrets(config.credential_list, add);
  const general = config.general_settings;
  if (isObj(general) && 'master_key' in general) secret(general.master_key, ['general_settings', 'master_key'], 'master_key', add);
  envReferences(config, add);
  return problems;
}

function credentialValues(list: unknown): Map<string, Obj> {
  const byName = new Map<string, Obj>();
  if (!Array.isArray(list)) return byName;
  for (const c of list) {
    if (isObj(c) && typeof c.credential_name === 'string' && isObj(c.credential_values)) byName.set(c.credential_name, c.credential_values);
  }
  return byName;
}

function deployments(config: Obj, credentials: Map<string, Obj>, add: (p: Problem) => void): Groups {
  const groups: Groups = { names: new Set(), ids: new Set(), wildcards: [] };
  const list = config.model_list;
  if (!Array.isArray(list)) return groups;
  const firstWithId = new Map<string, number>();
  list.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const at: Path = ['model_list', i];
    if (typeof entry.model_name === 'string') {
      groups.names.add(entry.model_name);
      if (entry.model_name.includes('*')) groups.wildcards.push(wildcard(entry.model_name));
    }
    const info = entry.model_info;
    if (isObj(info)) {
      if (typeof info.id === 'string') {
        const first = firstWithId.get(info.id);
        if (first === undefined) firstWithId.set(info.id, i);
        else {
          add({
            code: 'duplicate-model-id', severity: 'error', path: [...at, 'model_info', 'id'],
            message: `model_info.id ${JSON.stringify(info.id)} is also the id of model_list[${first}]: LiteLLM identifies deployments by id, so one shadows the other and spend logs (model_id) cannot tell them apart`,
            hint: 'give every deployment its own stable id',
          });
        }
        groups.ids.add(info.id);
      }
      if ('tier' in info && info.tier !== 'free' && info.tier !== 'paid') {
        add({
          code: 'reserved-tier-key', severity: 'error', path: [...at, 'model_info', 'tier'],
          message: `model_info.tier is reserved by LiteLLM for "free" or "paid"; with ${shown(info.tier)} the deployment fails LiteLLM's validation and the proxy drops it (it skips invalid deployments), so the model group loses this deployment without an error`,
          hint: 'keep your tier under a key of your own, e.g. model_info.deployment_tier (tierplan writes tierplan_tier)',
        });
      }
    }
    const params = entry.litellm_params;
    if (!isObj(params)) return;
    for (const key of SECRET_PARAMS) if (key in params) secret(params[key], [...at, 'litellm_params', key], key, add);
    providerFields(params, credentials, [...at, 'litellm_params'], add);
  });
  return groups;
}

function providerFields(params: Obj, credentials: Map<string, Obj>, at: Path, add: (p: Problem) => void): void {
  const credential = params.litellm_credential_name;
  let fromCredential: Obj = {};
  if (typeof credential === 'string') {
    const found = credentials.get(credential);
    if (!found) {
      add({
        code: 'unknown-credential', severity: 'warning', path: [...at, 'litellm_credential_name'],
        message: `no credential_list entry is named ${JSON.stringify(credential)}: unless it is stored in the proxy's database, the deployment has no credentials`,
        ...hintFrom(didYouMean(credential, credentials.keys())),
      });
      return; // Its fields are unknown: do not report them missing.
    }
    fromCredential = found;
  }
  if (typeof params.model !== 'string') return;
  const slash = params.model.indexOf('/');
  if (slash < 0) return;
  const provider = params.model.slice(0, slash);
  const needs = PROVIDER_FIELDS[provider];
  if (!needs) return;
  const has = (field: string): boolean => [params[field], fromCredential[field]].some((v) => v !== undefined && v !== null && v !== '');
  const missing = needs.fields.filter((spellings) => !spellings.some(has)).map((spellings) => spellings[0]!);
  if (missing.length === 0) return;
  add({
    code: 'provider-fields-missing', severity: 'error', path: at,
    message: `${/^[aeiou]/.test(provider) ? 'an' : 'a'} ${provider}/ deployment needs ${missing.join(' and ')}: ${needs.why}`,
    hint: `set ${missing.map((f) => `litellm_params.${f}`).join(' and ')} (a value, or os.environ/NAME)`,
  });
}

function secret(value: unknown, path: Path, key: string, add: (p: Problem) => void): void {
  if (value === undefined || value === null || value === '') return;
  // A malformed reference is reported by envReferences, with a better message.
  if (typeof value === 'string' && /os\.environ/i.test(value)) return;
  if (typeof value === 'string' || typeof value === 'number') {
    add({
      code: 'literal-secret', severity: 'error', path,
      message: `${key} holds a literal value: anyone who can read this config (its repository, its CI logs) has the credential`,
      hint: `write os.environ/NAME and set NAME in the proxy's environment (a server without auth: a dummy value there, or no ${key}); rotate the credential, it has been exposed`,
    });
  }
}

function credentialSecrets(list: unknown, add: (p: Problem) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    if (!isObj(c) || !isObj(c.credential_values)) return;
    for (const key of SECRET_PARAMS) {
      if (key in c.credential_values) secret(c.credential_values[key], ['credential_list', i, 'credential_values', key], key, add);
    }
  });
}

function fallbacks(config: Obj, section: (typeof FALLBACK_SECTIONS)[number], groups: Groups, partial: boolean, add: (p: Problem) => void): void {
  const settings = config[section];
  if (!isObj(settings)) return;
  for (const kind of FALLBACK_KINDS) {
    const list = settings[kind];
    if (!Array.isArray(list)) continue;
    const router = config.router_settings;
    if (section === 'litellm_settings' && isObj(router) && router[kind] !== undefined) {
      add({
        code: 'shadowed-fallbacks', severity: 'warning', path: [section, kind],
        message: `router_settings.${kind} is set too, and router_settings wins: this list is ignored`,
        hint: `keep one ${kind} list, in router_settings`,
      });
    }
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      if (!isObj(entry)) return;
      // LiteLLM reads the first key only; the schema reports the others.
      const [key, targets] = Object.entries(entry)[0] ?? [];
      if (key === undefined) return;
      const at: Path = [section, kind, i, key];
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        add({
          code: 'duplicate-fallback-key', severity: 'warning', path: at,
          message: `${JSON.stringify(key)} already has an entry (${section}.${kind}[${earlier}]): LiteLLM uses the first and ignores this one`,
          hint: 'merge the two lists into one entry',
        });
      } else seen.set(key, i);
      if (!isGroup(key, groups)) {
        const isId = groups.ids.has(key);
        add(unresolved(partial, {
          code: 'unknown-fallback-key', severity: 'error', path: at,
          message: isId
            ? `${JSON.stringify(key)} is a model_info.id, not a model group: fallbacks are keyed by model_name, so this entry never applies`
            : `${JSON.stringify(key)} is not a model group (no model_list entry has this model_name), so this fallback entry never applies`,
          ...hintFrom(isId ? 'key the entry by the model_name clients call' : didYouMean(key, groups.names)),
        }));
      }
      if (Array.isArray(targets)) targets.forEach((t, j) => target(t, [...at, j], key, groups, partial, add));
    });
  }
  const defaults = settings.default_fallbacks;
  if (Array.isArray(defaults)) defaults.forEach((t, j) => target(t, [section, 'default_fallbacks', j], undefined, groups, partial, add));
}

function target(t: unknown, path: Path, key: string | undefined, groups: Groups, partial: boolean, add: (p: Problem) => void): void {
  if (typeof t !== 'string') return;
  if (t === key) {
    add({
      code: 'fallback-to-self', severity: 'warning', path,
      message: `${JSON.stringify(t)} falls back to itself: the group is already retried (num_retries) before any fallback`,
      hint: 'remove it, or name another group',
    });
    return;
  }
  if (resolves(t, groups)) return;
  add(unresolved(partial, {
    code: 'unknown-fallback-target', severity: 'error', path,
    message: `fallback target ${JSON.stringify(t)} is not a model group, a model_info.id or a match of a wildcard model_name: LiteLLM fails over to nothing when it is needed`,
    ...hintFrom(didYouMean(t, [...groups.names, ...groups.ids])),
  }));
}

function guardrails(list: unknown, groups: Groups, partial: boolean, add: (p: Problem) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((g, i) => {
    const params = isObj(g) ? g.litellm_params : undefined;
    const model = isObj(params) ? params.on_premise_model : undefined;
    if (typeof model !== 'string' || groups.names.has(model)) return;
    add(unresolved(partial, {
      code: 'unknown-guardrail-model', severity: 'error', path: ['guardrails', i, 'litellm_params', 'on_premise_model'],
      message: `on_premise_model ${JSON.stringify(model)} is not a model group: requests this guardrail reroutes have nowhere to go`,
      ...hintFrom(didYouMean(model, groups.names)),
    }));
  });
}

/** With `include:`, a name may be defined in a file tierplan does not read: say so, as a warning. */
function unresolved(partial: boolean, p: Problem): Problem {
  return partial ? { ...p, severity: 'warning', message: `${p.message} (unless an included file defines it: tierplan does not read include: files)` } : p;
}

function isGroup(key: string, groups: Groups): boolean {
  return key === '*' || groups.names.has(key) || groups.wildcards.some((re) => re.test(key));
}

function resolves(t: string, groups: Groups): boolean {
  return groups.names.has(t) || groups.ids.has(t) || groups.wildcards.some((re) => re.test(t));
}

/** A wildcard model_name (`azure/*`) as LiteLLM's pattern router reads it: `*` is any text. */
function wildcard(name: string): RegExp {
  return new RegExp(`^${name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Every string that mentions os.environ must be exactly os.environ/NAME, or LiteLLM uses it verbatim. */
function envReferences(config: Obj, add: (p: Problem) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      if (/os\.environ/i.test(value) && !ENV_REF.test(value)) {
        const suggestion = suggestRef(value);
        add({
          code: 'malformed-env-ref', severity: 'error', path,
          message: 'not a well-formed os.environ/NAME reference: LiteLLM resolves only values that are exactly "os.environ/" followed by a variable name, and uses anything else as the literal value',
          hint: suggestion ? `did you mean "${suggestion}"?` : 'write os.environ/NAME, e.g. os.environ/OPENAI_API_KEY',
        });
      }
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(config, []);
}

function suggestRef(value: string): string | undefined {
  const m = /os\.environ\s*(?:\/|\.|\[|\(|:)\s*["']?\s*([A-Za-z_][A-Za-z0-9_-]*)/i.exec(value.trim());
  if (!m?.[1]) return undefined;
  const candidate = `os.environ/${m[1].replace(/-/g, '_')}`;
  return ENV_REF.test(candidate) && candidate !== value ? candidate : undefined;
}

const hintFrom = (hint: string | undefined): { hint?: string } => (hint ? { hint } : {});

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

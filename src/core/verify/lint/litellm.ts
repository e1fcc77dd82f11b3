// Semantic checks of a LiteLLM proxy `config.yaml`: what its JSON Schema cannot say and what
// LiteLLM itself lets through until the first request (or forever). Pure: the parsed config in,
// problems with paths into it out. Written for configs tierplan generates and for configs
// edited by hand, so nothing about the input's shape is assumed.
import { didYouMean, type Problem } from '../../diagnostics/problems.js';
import { FALLBACK_SECTIONS, fallbacks, guardrails, wildcard, type Groups } from './litellm-fallbacks.js';
import { credentialSecrets, envReferences, secret, SECRET_PARAMS } from './litellm-secrets.js';
import { misplacedReferences } from './litellm-references.js';
import { urlCredentials } from './config-urls.js';
import { hintFrom, isObj, shown, type Obj, type Path } from './values.js';

interface ProviderNeeds {
  /** Each entry: one required field, given by any of its spellings. */
  fields: string[][];
  why: string;
}

const REGION_FROM_ENV = 'so requests may be processed outside the region you meant';
const AWS: ProviderNeeds = {
  fields: [['aws_region_name']],
  why: `otherwise LiteLLM takes the region from AWS_REGION_NAME or the AWS SDK default, ${REGION_FROM_ENV}`,
};
const LOCAL = (fallback: string): ProviderNeeds => ({
  fields: [['api_base']],
  why: `otherwise LiteLLM sends the requests to ${fallback}`,
});

/** What each provider prefix of `litellm_params.model` needs to reach the intended endpoint. */
const PROVIDER_FIELDS: Record<string, ProviderNeeds> = {
  bedrock: AWS,
  sagemaker: AWS,
  azure: {
    fields: [['api_base'], ['api_version']],
    why: 'otherwise LiteLLM falls back to AZURE_API_BASE and AZURE_API_VERSION from its environment, whatever resource they name',
  },
  vertex_ai: {
    fields: [
      ['vertex_project', 'vertex_ai_project'],
      ['vertex_location', 'vertex_ai_location'],
    ],
    why: `otherwise LiteLLM takes the project and location from its environment (VERTEXAI_PROJECT, VERTEXAI_LOCATION) or a default, ${REGION_FROM_ENV}`,
  },
  hosted_vllm: LOCAL('HOSTED_VLLM_API_BASE from its environment, or nowhere'),
  ollama: LOCAL('http://localhost:11434 on the proxy host'),
  ollama_chat: LOCAL('http://localhost:11434 on the proxy host'),
};

/**
 * Problems a schema cannot express in a parsed LiteLLM config: duplicate deployment ids,
 * fallback keys and targets that name nothing, malformed `os.environ/` references, provider
 * fields missing for the model's provider prefix, literal secrets, and the reserved
 * `model_info.tier`. Errors break routing or leak; warnings are smells.
 */
export function lintLitellm(config: unknown): Problem[] {
  if (!isObj(config)) {
    return [
      {
        code: 'not-a-mapping',
        severity: 'error',
        message: 'a LiteLLM config is a mapping with model_list, router_settings…',
        path: [],
      },
    ];
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
  if (isObj(general) && 'master_key' in general)
    secret(general.master_key, ['general_settings', 'master_key'], 'master_key', add);
  envReferences(config, add);
  misplacedReferences(config, add);
  urlCredentials(config, 'LiteLLM', add);
  return problems;
}

function credentialValues(list: unknown): Map<string, Obj> {
  const byName = new Map<string, Obj>();
  if (!Array.isArray(list)) return byName;
  for (const c of list) {
    if (isObj(c) && typeof c.credential_name === 'string' && isObj(c.credential_values))
      byName.set(c.credential_name, c.credential_values);
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
            code: 'duplicate-model-id',
            severity: 'error',
            path: [...at, 'model_info', 'id'],
            message: `model_info.id ${JSON.stringify(info.id)} is also the id of model_list[${first}]: LiteLLM identifies deployments by id, so one shadows the other and spend logs (model_id) cannot tell them apart`,
            hint: 'give every deployment its own stable id',
          });
        }
        groups.ids.add(info.id);
      }
      if ('tier' in info && info.tier !== 'free' && info.tier !== 'paid') {
        add({
          code: 'reserved-tier-key',
          severity: 'error',
          path: [...at, 'model_info', 'tier'],
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
        code: 'unknown-credential',
        severity: 'warning',
        path: [...at, 'litellm_credential_name'],
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
  const has = (field: string): boolean =>
    [params[field], fromCredential[field]].some((v) => v !== undefined && v !== null && v !== '');
  const missing = needs.fields.filter((spellings) => !spellings.some(has)).map((spellings) => spellings[0]!);
  if (missing.length === 0) return;
  add({
    code: 'provider-fields-missing',
    severity: 'error',
    path: at,
    message: `${/^[aeiou]/.test(provider) ? 'an' : 'a'} ${provider}/ deployment needs ${missing.join(' and ')}: ${needs.why}`,
    hint: `set ${missing.map((f) => `litellm_params.${f}`).join(' and ')} (a value, or os.environ/NAME)`,
  });
}

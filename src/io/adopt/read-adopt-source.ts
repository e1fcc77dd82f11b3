// The configs `tierplan adopt` starts from: a LiteLLM config.yaml (read as the proxy's PyYAML
// reads it) or a `/model/info` JSON export (where model_list lives in the proxy's database),
// or Portkey configs (files or folders, with the routes.json beside a conditional config).
import { litellmSource, portkeySource } from '../../core/adopt/sources.js';
import type { AdoptSource } from '../../core/adopt/propose.js';
import { isRecord, type ConfigInput } from '../../core/verify/verify-types.js';
import { readGatewayConfigs } from '../configs/read-gateway-configs.js';
import { readConfigYaml } from '../configs/read-config-yaml.js';
import { jsonDepthPosition, tooDeep, tooDeepDiagnostic } from '../configs/config-depth.js';
import { InputError } from '../source/errors.js';
import type { SourceLocator } from '../source/locate.js';
import { readJson } from '../source/read-json.js';
import { readText } from '../source/read-text.js';

export interface AdoptInput {
  source: AdoptSource;
  configs: ConfigInput[];
  locators: Map<string, SourceLocator>;
}

const LITELLM_EXPECTED = 'a LiteLLM config.yaml (with model_list) or a /model/info JSON export (with data)';

export async function readLitellmForAdopt(file: string): Promise<AdoptInput> {
  const text = await readText(file, { expected: LITELLM_EXPECTED });
  const { value, locator } = /\.json$/i.test(file) ? jsonOf(text, file) : readConfigYaml(text, file, LITELLM_EXPECTED);
  const config = modelInfoExport(value) ?? value;
  if (!isRecord(config) || !('model_list' in config))
    throw new InputError([
      {
        code: 'not-a-config',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `not a LiteLLM config: expected ${LITELLM_EXPECTED}`,
      },
    ]);
  // A /model/info export is read as the model_list it lists: positions map `model_list` to `data`.
  const exported = config !== value;
  const located: SourceLocator = exported
    ? {
        locate: (p) => locator.locate(p[0] === 'model_list' ? ['data', ...p.slice(1)] : p),
        locateKey: (p) => locator.locateKey(p[0] === 'model_list' ? ['data', ...p.slice(1)] : p),
      }
    : locator;
  return {
    source: litellmSource(file, config),
    configs: [{ file, dialect: 'litellm', value: config }],
    locators: new Map([[file, located]]),
  };
}

/** `GET /model/info` (and `/v1/model/info`): `{ "data": [ { model_name, litellm_params, model_info } ] }`. */
function modelInfoExport(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value) || !Array.isArray(value.data) || 'model_list' in value) return null;
  return { model_list: value.data };
}

function jsonOf(text: string, file: string): { value: unknown; locator: SourceLocator } {
  const read = readJson(text, file, LITELLM_EXPECTED);
  if (tooDeep(read.value)) throw new InputError([tooDeepDiagnostic(file, jsonDepthPosition(text))]);
  return read;
}

export async function readPortkeyForAdopt(paths: string[]): Promise<AdoptInput> {
  const { configs, locators } = await readGatewayConfigs(paths);
  const portkey = configs.filter((c) => c.dialect === 'portkey');
  const litellm = configs.find((c) => c.dialect === 'litellm');
  if (litellm !== undefined)
    throw new InputError([
      {
        code: 'not-a-config',
        severity: 'error',
        file: litellm.file,
        line: 1,
        column: 1,
        message: 'a LiteLLM config among Portkey configs: adopt one gateway at a time (`tierplan adopt litellm FILE`)',
      },
    ]);
  return { source: portkeySource(portkey), configs: portkey, locators };
}

import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { detectDialect } from '../../core/verify/verify.js';
import { isConditional } from '../../core/verify/portkey-findings.js';
import type { ConfigInput } from '../../core/verify/verify-types.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import type { SourceLocator } from '../source/locate.js';
import { readJson } from '../source/read-json.js';
import { readText } from '../source/read-text.js';
import { listFiles } from '../source/read-tree.js';
import { jsonDepthPosition, tooDeep, tooDeepDiagnostic } from './config-depth.js';
import { readConfigYaml } from './read-config-yaml.js';

export interface GatewayConfigs {
  configs: ConfigInput[];
  /** file → where a path inside it is, for findings. */
  locators: Map<string, SourceLocator>;
}

const CONFIG_FILE = /\.(ya?ml|json)$/i;
const EXPECTED =
  'a LiteLLM config.yaml (with model_list) or a Portkey config JSON (with strategy, targets or provider)';

interface Parsed {
  file: string;
  value: unknown;
  kind: ReturnType<typeof detectDialect>;
  /** Found by expanding a folder (then files that are not configs are skipped, not refused). */
  fromFolder: string | null;
}

/**
 * Reads the configs named on the command line. A folder stands for every config inside it
 * (`gateway/` → litellm/config.yaml, portkey/conditional.json, portkey/use-cases/*.json); a
 * `routes.json` beside a conditional config is the metadata its use cases send.
 */
export async function readGatewayConfigs(paths: string[]): Promise<GatewayConfigs> {
  const locators = new Map<string, SourceLocator>();
  const parsed: Parsed[] = [];
  const problems: PlacedDiagnostic[] = [];
  const read = async (file: string, fromFolder: string | null): Promise<void> => {
    try {
      const text = await readText(file, { expected: EXPECTED });
      const { value, locator } = /\.json$/i.test(file)
        ? readConfigJson(text, file, EXPECTED)
        : readConfigYaml(text, file, EXPECTED);
      locators.set(file, locator);
      const kind = detectDialect(file, value);
      if (kind === null && fromFolder === null) problems.push(notAConfig(file));
      else if (kind !== null) parsed.push({ file, value, kind, fromFolder });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.diagnostics);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null)
      problems.push({
        code: 'file-not-found',
        severity: 'error',
        file: path,
        line: 1,
        column: 1,
        message: `file or folder not found: ${path}`,
      });
    else if (info.isDirectory()) {
      const files = (await listFiles(path)).filter((f) => CONFIG_FILE.test(f));
      if (files.length === 0)
        problems.push({
          code: 'no-configs',
          severity: 'error',
          file: path,
          line: 1,
          column: 1,
          message: `no .yaml or .json files under ${path}`,
        });
      for (const f of files) await read(join(path, f), path);
    } else await read(path, null);
  }
  if (problems.length > 0) throw new InputError(problems);
  const configs = await assemble(parsed, locators);
  if (configs.length === 0) {
    throw new InputError([
      {
        code: 'no-configs',
        severity: 'error',
        file: paths[0] ?? '.',
        line: 1,
        column: 1,
        message: `no gateway config found: expected ${EXPECTED}`,
      },
    ]);
  }
  return { configs, locators };
}

async function assemble(parsed: Parsed[], locators: Map<string, SourceLocator>): Promise<ConfigInput[]> {
  const routes = new Map(parsed.filter((p) => p.kind === 'routes').map((p) => [dirname(p.file), p]));
  const configs: ConfigInput[] = [];
  for (const p of parsed) {
    if (p.kind !== 'litellm' && p.kind !== 'portkey') continue;
    const c: ConfigInput = { file: p.file, dialect: p.kind, value: p.value };
    if (p.kind === 'portkey' && isConditional(p.value)) {
      // Named on the command line or not, routes.json beside the config is what its use cases send.
      const beside = routes.get(dirname(p.file)) ?? (await readRoutesBeside(p.file, locators));
      if (beside) c.metadata = { file: beside.file, value: beside.value };
    } else if (p.kind === 'portkey' && p.fromFolder !== null) {
      c.set = dirname(p.file);
    }
    configs.push(c);
  }
  return configs;
}

async function readRoutesBeside(
  file: string,
  locators: Map<string, SourceLocator>,
): Promise<{ file: string; value: unknown } | null> {
  const path = join(dirname(file), 'routes.json');
  if ((await stat(path).catch(() => null))?.isFile() !== true) return null;
  const { value, locator } = readConfigJson(await readText(path, { expected: 'routes.json' }), path, 'routes.json');
  locators.set(path, locator);
  return { file: path, value };
}

/** JSON as JSON.parse reads it (Portkey's own reader), refused past the nesting limit. */
function readConfigJson(text: string, file: string, expected: string): ReturnType<typeof readJson> {
  const read = readJson(text, file, expected);
  if (tooDeep(read.value)) throw new InputError([tooDeepDiagnostic(file, jsonDepthPosition(text))]);
  return read;
}

function notAConfig(file: string): PlacedDiagnostic {
  return {
    code: 'not-a-config',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message: `not a gateway config: expected ${EXPECTED}`,
  };
}

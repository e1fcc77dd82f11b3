import type { RoutingModel } from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { renderLitellmConfig, type GatewayHeader } from './litellm-config.js';
import { renderLitellmKeys } from './litellm-keys.js';
import { renderPortkeyConditional } from './portkey-conditional.js';
import { renderPortkeyConfigs } from './portkey-config.js';

export type GatewayTarget = 'litellm' | 'portkey';
export const GATEWAY_TARGETS: GatewayTarget[] = ['litellm', 'portkey'];

/** Where each dialect's files live under the output folder. */
export const TARGET_DIRS: Record<GatewayTarget, string> = { litellm: 'litellm', portkey: 'portkey' };

export interface GatewayFile {
  /** Relative to the output folder, with `/` separators. */
  path: string;
  text: string;
}

/** Every generated gateway file, in a stable order. */
export function gatewayFiles(
  model: RoutingModel,
  policy: Policy,
  targets: GatewayTarget[],
  header: GatewayHeader,
): GatewayFile[] {
  const files: GatewayFile[] = [];
  if (targets.includes('litellm'))
    files.push(
      { path: 'litellm/config.yaml', text: renderLitellmConfig(model, policy, header) },
      { path: 'litellm/keys.json', text: renderLitellmKeys(model) },
    );
  if (targets.includes('portkey')) {
    const { config, routes } = renderPortkeyConditional(model, policy);
    files.push({ path: 'portkey/conditional.json', text: config }, { path: 'portkey/routes.json', text: routes });
    for (const [name, text] of renderPortkeyConfigs(model, policy))
      files.push({ path: `portkey/use-cases/${name}`, text });
  }
  return files;
}

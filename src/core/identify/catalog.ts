// The deployment catalog: built once from the policy, it tells which deployments a gateway
// config entry or a usage row's connection can be. `verify` asks it about LiteLLM entries and
// Portkey leaves (an exact match of what tierplan writes: an entry with a redirect tierplan never
// writes matches nothing), `review` about the rows' provider, model, endpoint and region.
import { litellmParams, portkeyLeaf } from '../gateway/leaves.js';
import type { Policy } from '../policy/types.js';
import { litellmKey, portkeyKey, type DeploymentRef } from './config-entry.js';
import { connectionMatches, providerOf, showsNothing, type Connection } from './connection.js';

export type { DeploymentRef } from './config-entry.js';

export interface DeploymentCatalog {
  /** Every deployment a `model_list` entry can be; empty = unknown. */
  litellm(entry: Record<string, unknown>): DeploymentRef[];
  /** Every deployment a Portkey leaf (with inherited fields applied) can be; empty = unknown. */
  portkey(leaf: Record<string, unknown>): DeploymentRef[];
  /** Every deployment a usage row's connection can be; empty = unknown (or the row shows nothing). */
  connection(c: Connection): DeploymentRef[];
}

export function deploymentCatalog(policy: Policy): DeploymentCatalog {
  const litellm = new Map<string, DeploymentRef[]>();
  const portkey = new Map<string, DeploymentRef[]>();
  const all: DeploymentRef[] = [];
  const add = (index: Map<string, DeploymentRef[]>, key: string | null, ref: DeploymentRef): void => {
    if (key === null) return;
    const list = index.get(key);
    if (list) list.push(ref);
    else index.set(key, [ref]);
  };
  for (const tier of policy.tiers) {
    for (const deployment of tier.deployments) {
      const ref = { deployment, tier };
      all.push(ref);
      add(litellm, litellmKey(litellmParams(deployment, [])), ref);
      add(
        portkey,
        portkeyKey(portkeyLeaf({ id: deployment.id, deployment: deployment.id, tier: tier.id, weight: 1 }, deployment)),
        ref,
      );
    }
  }
  return {
    litellm: (entry) => {
      const params = entry.litellm_params;
      const key =
        typeof params === 'object' && params !== null && !Array.isArray(params)
          ? litellmKey(params as Record<string, unknown>)
          : null;
      return key === null ? [] : (litellm.get(key) ?? []);
    },
    portkey: (leaf) => {
      const key = portkeyKey(leaf);
      return key === null ? [] : (portkey.get(key) ?? []);
    },
    connection: (c) => {
      if (showsNothing(c)) return [];
      const provider = providerOf(c);
      return all.filter((r) => connectionMatches(r.deployment, c, provider));
    },
  };
}

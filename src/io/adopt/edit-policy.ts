// Adopted deployments written into the policy file: added to a tier the file already has, or
// a tier the file did not list yet written whole (its built-in deployments kept, so nothing the
// default gave is lost silently). Comments and layout of the rest of the file are kept.
import type { YAMLMap } from 'yaml';
import type { AdoptChanges } from '../../core/adopt/changes.js';
import type { Policy } from '../../core/policy/types.js';
import { parseYaml } from '../source/parse-yaml.js';
import { yamlLib } from '../source/yaml-lib.js';
import { commentText, entryWithId, plainNode, seqAt } from './yaml-doc-edit.js';

export interface DeploymentComment {
  /** One line said above the deployment: where it came from, what to confirm. */
  [deploymentId: string]: string;
}

const NEW_POLICY = (source: string): string =>
  `# tierplan policy, started by \`tierplan adopt\` from ${source.replace(/[\r\n\u0085\u2028\u2029]/g, ' ')}.\n# It extends the built-in default: tiers listed here replace the default's tiers of the same id.\nversion: 1\nextends: default\n`;

/** The policy file's text with the changes made; `text` null: a new file. */
export function editPolicyText(
  text: string | null,
  file: string,
  changes: AdoptChanges,
  effective: Policy,
  comments: DeploymentComment,
  source: string,
): string {
  const { doc } = parseYaml(text ?? NEW_POLICY(source), file);
  const { isMap } = yamlLib();
  if (!isMap(doc.contents)) throw new Error(`${file}: the policy is not a mapping; adopt cannot add to it`);
  const root = doc.contents as YAMLMap;
  if (changes.tiers.length === 0) return text ?? doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const tiers = seqAt(doc, root, 'tiers');
  for (const change of changes.tiers) {
    const node = (d: { id: string }) => plainNode(doc, d, comments[d.id] ? commentText(comments[d.id]!) : undefined);
    const inFile = entryWithId(tiers, change.tier);
    if (inFile !== undefined) {
      const deployments = seqAt(doc, inFile, 'deployments');
      // `deployments: []` grows into a block list, as the rest of the file is written.
      if (deployments.items.length === 0) deployments.flow = false;
      for (const d of change.add) deployments.add(node(d));
      if (change.regions.length > 0) {
        const regions = seqAt(doc, inFile, 'regions');
        for (const r of change.regions) regions.add(doc.createNode(r));
      }
      continue;
    }
    const base = effective.tiers.find((t) => t.id === change.tier);
    if (base === undefined) throw new Error(`tier ${change.tier} is not in the policy`);
    const tier = plainNode(
      doc,
      {
        id: base.id,
        name: base.name,
        ...(base.description !== undefined ? { description: base.description } : {}),
        clearance: base.clearance,
        regimes: base.regimes,
        regions: [...base.regions, ...change.regions],
        deployments: [...base.deployments, ...change.add],
      },
      commentText(
        text === null
          ? `tier ${base.id} as the built-in default has it, with the deployments adopt found`
          : `tier ${base.id}, copied from the built-in default so adopted deployments can be added (a tier listed here replaces the default's)`,
      ),
    ) as YAMLMap;
    for (const item of seqAt(doc, tier, 'deployments').items) {
      const id = isMap(item) ? item.get('id') : undefined;
      if (typeof id === 'string' && comments[id] !== undefined && change.add.some((d) => d.id === id))
        (item as YAMLMap).commentBefore = commentText(comments[id]!);
    }
    tiers.add(tier);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

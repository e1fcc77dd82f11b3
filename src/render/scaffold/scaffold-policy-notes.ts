// The words of the scaffolded tierplan.policy.yaml: what each part of the model means and how
// the decision uses it. A reader who has never seen tierplan should learn the model from them.

export const POLICY_HEADER = [
  'The tierplan policy: how every AI use case in inventory.yaml is placed on a deployment tier.',
  'Written by `tierplan init`; it is yours to edit. `tierplan validate` checks it, and editors',
  'that read the schema line above complete and check it as you type.',
  '',
  'How a use case is placed, in four steps (`tierplan explain ID` prints them for one use case):',
  '  1. Sensitivity: the highest level its data classes and regulatory regimes imply.',
  '  2. Capability: the highest level of the capability rules its needs satisfy.',
  '  3. Clearance: a tier may take it when the tier is certified for every regime it carries,',
  '     its clearance is at least that sensitivity (a tier certified for all the regimes of',
  '     regulated data may take that data too), and its regions satisfy the residency.',
  '  4. Choice: the first cleared tier in `preference` order with a deployment of that',
  '     capability (or an approved override in the inventory). When no tier qualifies the use',
  '     case is a gap, reported with its cause: it is never placed somewhere it may not go.',
  '',
  'This file is the whole policy (`extends: none`). To follow the built-in default instead and',
  'write only what differs, use `extends: default` and give only those sections: catalogs',
  'then merge by key, and a tier given replaces the default tier of that id.',
];

export const NOTES = {
  version: ['Format version of this file.'],
  name: ['Shown in plans and reports: name it after your organisation.'],
  sensitivity: [
    'Data sensitivity: how much harm it does if the data leaks. Levels are listed lowest first;',
    'a use case gets the highest level its data classes and regimes imply, and a tier takes',
    'it only up to its clearance.',
  ],
  levels: 'lowest first',
  fail_closed: [
    'A use case whose data classes are not written down yet is placed as if its data were at',
    'this level, and reported as unclassified: unknown data is never assumed harmless.',
  ],
  no_class_level: [
    'A use case whose data.classes list is empty (declared, but naming no class) gets this',
    'level: a blank "contains personal data?" answer is not proof that the data is public. Only',
    'a use case that declares a public class is placed as public.',
  ],
  data_classes: [
    'The kinds of data a use case touches; the inventory lists them under data.classes.',
    'Each sets a sensitivity level, and implies_regimes brings regimes with it (health data',
    'brings HIPAA). Add classes of your own with a level and a one-line description: the',
    'description is what `tierplan plan` shows when it asks an architect.',
  ],
  regimes: [
    'Regulatory regimes. A use case carries them through data.regimes or its data classes;',
    "each raises its sensitivity to the regime's level, and only a tier certified for every",
    'regime it carries (tiers[].regimes) may take it.',
  ],
  capability: [
    'Capability need: how strong a model the work needs. Levels lowest first; a deployment',
    'offers one level and serves work needing that level or less.',
  ],
  unclassified: 'assumed when a use case states no needs (it is reported as unclassified)',
  rules: [
    'Each rule whose `when` holds (every condition in it) raises the capability to its level;',
    'the highest wins. Conditions: task, reasoning, context_tokens_at_least, tools, modalities_any.',
  ],
  tiers: [
    'Where models run. A tier has a clearance (the most sensitive data it may receive), the',
    'regimes it is certified for (a BAA for HIPAA, PCI scope), the regions it runs in, and its',
    'deployments. Remove deployments you do not run; a tier needs at least one to be chosen.',
  ],
  clearance: 'most sensitive level this tier may receive',
  tierRegimes: 'certified for these; a use case under any other regime never comes here',
  regions: 'a use case with data.residency comes here only to deployments in those regions',
  deployments: [
    'One model at one provider and region; its id names it in gateway configs and usage logs.',
    'capability is the level it serves; endpoint is its base URL (the cloud region for Bedrock',
    'and Vertex); context_tokens, modalities and tools are what it accepts, and a use case that',
    'needs more is not sent to it. credentials are names of environment variables, never the',
    'secrets themselves. Cost is either price (USD per 1M input and output tokens) or',
    'fixed_cost (self-hosted). Prices are dated list prices: put your contracted rates here.',
  ],
  fixed_cost: 'USD per month, and the tokens per month it can serve at that cost',
  preference: [
    'Tier ids, most preferred first: of the tiers cleared for a use case and offering the',
    'capability it needs, the first wins. API-first: new work starts on the API, and only data',
    'the API is not cleared for moves inward. A `matrix` list of {sensitivity, capability, tier}',
    'cells can pick another tier for one cell of the matrix.',
  ],
  reference_split: [
    'The split most enterprises end near (about 60-20-20 API / private cloud / on-prem), shown',
    "beside your portfolio's split in the plan. Only a reference: it never moves a use case.",
  ],
  reference_split_scaled: [
    'The split most enterprises end near (about 60-20-20 API / private cloud / on-prem), scaled',
    "to the tiers you run and shown beside your portfolio's split. Only a reference: it never",
    'moves a use case.',
  ],
  gateway: [
    'How `tierplan gateway` writes LiteLLM and Portkey routing: every use case gets an alias,',
    'and its fallbacks only ever go to deployments cleared for its data.',
  ],
  context_window_fallbacks: 'on a context-window error, retry on a cleared deployment with a longer context',
  fallback_status_codes: 'upstream errors that make the gateway try the next cleared target',
  triggers: [
    'Consolidation triggers for the quarterly `tierplan review` of usage exports. Each fires',
    'when its condition holds for `months` consecutive months, and proposes a move for a person',
    'to approve; none is ever applied by itself. Kinds: volume_below (too little traffic to',
    'justify the tier), spend_above and tokens_above (enough to evaluate a move), no_traffic',
    '(propose retirement), capacity_above (a self-hosted deployment filling up), capacity_below',
    '(a self-hosted deployment serving little of its capacity), break_even (API spend above what',
    'a cleared self-hosted deployment costs). The thresholds are starting points.',
  ],
  review: [
    'How `tierplan review` reads cloud bills (FinOps FOCUS): the provider a bill names is mapped',
    "to your deployments' provider ids by a built-in table (AWS, Amazon Bedrock → bedrock;",
    'Microsoft, Azure OpenAI Service → azure; Google Cloud, Vertex AI → vertex_ai; OpenAI →',
    'openai…; see docs/review.md). Add names your bills use, e.g. "Acme Cloud AI": openai.',
  ],
  provider_names: 'name as billed → provider id, over the built-in table',
} as const;

export interface LeftOutLines {
  tiers: string[];
  deployments: string[];
  regimes: string[];
  data_classes: string[];
  triggers: string[];
}

/** The header paragraph naming what the answers removed, or nothing when nothing was. */
export function leftOutNote(l: LeftOutLines): string[] {
  const parts: [string, string[]][] = [
    ['tiers', l.tiers],
    ['deployments', l.deployments],
    ['regimes', l.regimes],
    ['data classes (they imply a regime left out)', l.data_classes],
    ['triggers (about tiers or self-hosted capacity you do not run)', l.triggers],
  ];
  const given = parts.filter(([, ids]) => ids.length > 0);
  if (given.length === 0) return [];
  return [
    '',
    'Left out because of your answers to `tierplan init`:',
    ...given.flatMap(([what, ids]) => wrap(`  ${what}: `, ids)),
    'To bring one back, copy it from the full default (`tierplan init --yes --dir SOMEWHERE`).',
  ];
}

// Long id lists continue on indented lines, so the header stays readable at 100 columns.
function wrap(head: string, ids: string[]): string[] {
  const lines: string[] = [];
  let current = head;
  let fresh = true;
  ids.forEach((id, i) => {
    const piece = i < ids.length - 1 ? `${id},` : id;
    if (!fresh && current.length + 1 + piece.length > 92) {
      lines.push(current);
      current = '      ';
      fresh = true;
    }
    current += fresh ? piece : ` ${piece}`;
    fresh = false;
  });
  return [...lines, current];
}

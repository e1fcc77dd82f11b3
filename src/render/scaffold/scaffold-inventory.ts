import type { WorkedExample } from '../../core/init/example-use-case.js';
import type { UseCase } from '../../core/policy/types.js';
import { SCAFFOLD_YAML, above, beside, scaffoldDocument } from './scaffold-yaml.js';

const HEADER = [
  'Every AI use case of the organisation, one entry each. tierplan places each on a tier of',
  'the policy beside this file (tierplan.policy.yaml) and says why. Write down what the data',
  "IS and what the work NEEDS, never the tier you would like: the decision is the policy's,",
  'and a pinned tier (an override) needs a reason, an approver and an expiry date.',
  '',
  'From this folder (tierplan finds both files here):',
  '  tierplan validate            check both files: schema, references, expired overrides',
  '  tierplan plan                the tier matrix: every use case, its tier and why',
  '  tierplan gateway --out gw/   LiteLLM and Portkey routing, one alias per use case id',
  '',
  'Have a spreadsheet of use cases? Turn it into entries like the one below, replacing it:',
  '  tierplan import use-cases.csv --init-mapping     writes import-mapping.yaml from the header',
  '  tierplan import use-cases.csv --mapping import-mapping.yaml --output-file inventory.yaml --force',
  '(see `tierplan import --help`).',
];

const SEP = ' | ';
const TASKS = [
  'classification',
  'extraction',
  'summarization',
  'search',
  'generation',
  'transcription',
  'reasoning',
  'agentic',
  'code',
];

/** inventory.yaml as `tierplan init` writes it: one worked use case, every field explained. */
export function renderScaffoldInventory(example: WorkedExample, schemaRef: string): string {
  const uc = example.useCase;
  const doc = scaffoldDocument({ version: 1, use_cases: [useCaseData(uc)] }, schemaRef, HEADER);
  const at = (...k: string[]): (string | number)[] => ['use_cases', 0, ...k];
  above(doc, ['version'], ['Format version of this file.']);
  above(doc, at(), [
    'A worked example: replace it with your own use cases.',
    placement(example),
    ...example.placed.rationale.map((r) => `  ${r.text}`),
    `\`tierplan explain ${uc.id}\` prints this chain again after any change.`,
  ]);
  beside(doc, at('id'), 'unique slug [a-z0-9-]: the gateway alias applications call');
  beside(doc, at('owner'), 'who answers for it: a team address');
  beside(doc, at('status'), `${['idea', 'pilot', 'production', 'retired'].join(SEP)} (retired ones are not placed)`);
  above(doc, at('data'), [
    'What the data IS. Each data class and regime raises the sensitivity; the highest wins.',
    'Leave classes out only while unknown: the use case is then placed as if its data were',
    "at the policy's fail_closed level, and reported as unclassified.",
  ]);
  beside(doc, at('data', 'classes'), "names from the policy's sensitivity.data_classes");
  beside(doc, at('data', 'regimes'), "from the policy's sensitivity.regimes; a data class may imply more");
  beside(doc, at('data', 'residency'), 'regions it may be processed in; leave out for anywhere');
  above(doc, at('needs'), [
    'What the work NEEDS. Each capability rule of the policy that these satisfy raises the',
    'capability; the highest wins.',
  ]);
  beside(doc, at('needs', 'task'), TASKS.join(SEP));
  beside(doc, at('needs', 'reasoning'), 'low | medium | high: how many steps of thought');
  beside(doc, at('needs', 'context_tokens'), 'the longest input, in tokens');
  beside(doc, at('needs', 'tools'), 'does it call functions or tools?');
  beside(doc, at('needs', 'modalities'), 'text | image | audio | video');
  above(doc, at('volume'), ['Expected per month: the cost estimate and the split by volume in the plan come from it.']);
  doc.comment = [
    ' To pin a tier against the decision, add an override to the use case (an expired one is',
    ' ignored, and `tierplan validate` reports it):',
    '   override: {tier: on-prem, reason: Contract forbids any cloud processing, approved_by: ciso@example.com, expires: 2027-03-31}',
  ].join('\n');
  return doc.toString(SCAFFOLD_YAML);
}

function placement(e: WorkedExample): string {
  const p = e.placed;
  if (p.tier === null) return `The policy beside it finds no tier for it (a gap): ${p.gap?.detail ?? p.summary}.`;
  return `The policy beside it places it on ${p.tier} (deployment ${p.deployment}):`;
}

// Key order as in the schema, so every scaffolded use case reads the same way.
function useCaseData(uc: UseCase): Record<string, unknown> {
  const order: (keyof UseCase)[] = ['id', 'name', 'owner', 'status', 'description', 'data', 'needs', 'volume'];
  return Object.fromEntries(order.filter((k) => uc[k] !== undefined).map((k) => [k, uc[k]]));
}

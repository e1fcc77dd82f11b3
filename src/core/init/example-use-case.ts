import { assign } from '../plan/assign.js';
import type { PlannedUseCase } from '../plan/plan-types.js';
import type { Policy, UseCase } from '../policy/types.js';

export interface WorkedExample {
  useCase: UseCase;
  /** Its decision under the scaffolded policy, so the comments can show the real outcome. */
  placed: PlannedUseCase;
}

// The example carries no override, so the date it is planned on cannot change its tier.
const ANY_DATE = '2026-01-01';

/**
 * The one use case `tierplan init` writes into inventory.yaml: the first of a few candidates,
 * most instructive first, that the scaffolded policy places on a tier. A support-ticket
 * summariser on customer personal data shows the most (confidential data, a regime, residency,
 * a mid capability need); the plainer fallbacks keep the example placeable when the answers
 * leave no tier that could take it.
 */
export function workedExample(policy: Policy): WorkedExample {
  const candidates = candidatesFor(policy);
  const tried = candidates.map((useCase) => ({ useCase, placed: assign(useCase, policy, ANY_DATE) }));
  return tried.find((t) => t.placed.tier !== null) ?? tried[0]!;
}

function candidatesFor(policy: Policy): UseCase[] {
  const regions = new Set(policy.tiers.flatMap((t) => t.regions));
  const gdprInEu = 'gdpr' in policy.sensitivity.regimes && regions.has('eu');
  const support: UseCase = {
    id: 'support-ticket-summary',
    name: 'Support ticket summaries',
    owner: 'customer-support-platform@example.com',
    status: 'pilot',
    description:
      'Summarises each closed support ticket (the customer’s emails and the agent’s notes) for the account history.',
    data: {
      classes: ['customer_data', 'pii'],
      ...(gdprInEu ? { regimes: ['gdpr'], residency: ['eu'] } : {}),
    },
    needs: { task: 'summarization', reasoning: 'medium', context_tokens: 16000, tools: false, modalities: ['text'] },
    volume: { requests: 30000, input_tokens_per_request: 4000, output_tokens_per_request: 300 },
  };
  const withoutResidency: UseCase = { ...support, data: { classes: ['customer_data', 'pii'] } };
  const wiki: UseCase = {
    id: 'internal-wiki-search',
    name: 'Internal wiki search',
    owner: 'workplace-it@example.com',
    status: 'pilot',
    description: 'Answers staff questions from the internal wiki, with links to the pages it used.',
    data: { classes: ['internal_docs'] },
    needs: { task: 'search', reasoning: 'low', context_tokens: 8000, tools: false, modalities: ['text'] },
    volume: { requests: 50000, input_tokens_per_request: 3000, output_tokens_per_request: 250 },
  };
  const transcripts: UseCase = {
    id: 'meeting-transcripts',
    name: 'Meeting transcripts',
    owner: 'workplace-it@example.com',
    status: 'pilot',
    description: 'Transcribes recorded internal meetings for the minutes.',
    data: { classes: ['internal_docs'] },
    needs: { task: 'transcription', reasoning: 'low', tools: false, modalities: ['audio'] },
    volume: { requests: 2000, input_tokens_per_request: 12000, output_tokens_per_request: 6000 },
  };
  const known = (uc: UseCase): boolean => (uc.data?.classes ?? []).every((c) => c in policy.sensitivity.data_classes);
  return (gdprInEu ? [support, withoutResidency, wiki, transcripts] : [support, wiki, transcripts]).filter(known);
}

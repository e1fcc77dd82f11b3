// A new target: made once per identity and month (never per row), with the cell, the deployment
// month and the evidence groups its rows will count in.
import type { Deployment } from '../policy/types.js';
import type { Target } from './accumulator-route.js';
import type { Attribution } from './attribute.js';
import type { EvidenceBook, EvidenceKind } from './evidence.js';
import type { CellIndex, DeploymentMonthIndex } from './usage-cells.js';

/** What a target is made in: the accumulator's indexes and evidence book. */
export interface TargetPlaces {
  readonly deps: Map<string, Deployment>;
  readonly cells: CellIndex;
  readonly byDeployment: DeploymentMonthIndex;
  readonly evidence: EvidenceBook;
}

export function newTarget(a: Attribution, month: string, places: TargetPlaces): Target {
  const { use_case, tier, deployment, placement } = a;
  const d = deployment === null ? undefined : places.deps.get(deployment);
  const placed = placement !== 'unknown';
  const evidence: Target['evidence'] = [];
  const witness = (kind: EvidenceKind, names: string[], seen: string): void => {
    const group = places.evidence.group(
      {
        kind,
        use_case,
        tier,
        names,
        placed,
        deployment: kind === 'use-case-mismatch' ? deployment : null,
        candidates: kind === 'ambiguous' ? a.candidates : [],
      },
      seen,
    );
    evidence.push({ group, month: places.evidence.month(group, month), seen });
  };
  if (placement !== 'identified') witness(placement, [], a.seen);
  else if (a.candidates.length > 1) witness('ambiguous', [], a.seen);
  if (a.mismatch !== null) witness('label-mismatch', [], a.mismatch);
  if (a.names.length > 1) witness('use-case-mismatch', a.names, a.seen);
  const target: Target = {
    cell: placed ? places.cells.get(use_case, month, tier) : undefined,
    deployment: d,
    month: placed && deployment !== null ? places.byDeployment.get(deployment, month, tier, d) : undefined,
    evidence,
    overflow: false,
  };
  // A target's deployment never changes: the cell learns it with the target's first row.
  if (deployment !== null) target.cell?.deployments.add(deployment);
  return target;
}

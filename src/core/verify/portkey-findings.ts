// Findings for Portkey configs: a per-use-case config (`<alias>.json`) judged for its alias;
// a conditional config judged for every routed use case with the metadata it sends.
import type { PlannedUseCase } from '../plan/plan-types.js';
import { namesOf, useCaseOf, type PlanView } from './litellm-findings.js';
import { finding, judgeReach, unknownAliasReason, type JudgeContext } from './judge.js';
import { portkeyPaths, type PortkeyReach } from './portkey.js';
import { isRecord, type VerifyFinding } from './verify-types.js';

/** `portkey/use-cases/claims-triage.json` → `claims-triage`. */
export const aliasOfFile = (file: string): string => (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '');

export const isConditional = (value: unknown): boolean =>
  isRecord(value) && isRecord(value.strategy) && value.strategy.mode === 'conditional';

export function checkPortkeyUseCase(
  value: unknown,
  ctx: JudgeContext,
  plan: PlanView,
  metadata: Record<string, unknown> | undefined,
): VerifyFinding[] {
  const alias = aliasOfFile(ctx.file);
  const u = plan.routed.get(useCaseOf(alias, plan));
  if (!u) {
    return [
      finding(
        ctx.file,
        'error',
        'alias-unknown',
        plan.planned.has(alias) ? alias : null,
        [],
        `this config is named for "${alias}", which is not a routed use case: ${unknownAliasReason(alias, plan.planned)}`,
      ),
    ];
  }
  return judged(
    u,
    portkeyPaths(value, metadata ?? {}),
    ctx,
    `no target of this config is reachable for "${alias}": the gateway fails every request`,
  );
}

/**
 * `metadata` is alias → what the use case sends in `x-portkey-metadata` (routes.json, or what
 * tierplan generates); null when neither is known, and then only requests without metadata
 * can be checked.
 */
export function checkPortkeyConditional(
  value: unknown,
  ctx: JudgeContext,
  plan: PlanView,
  metadata: Map<string, Record<string, unknown>> | null,
  metadataFile: string | null,
): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  if (metadata === null) {
    out.push(
      finding(
        ctx.file,
        'warning',
        'no-metadata',
        null,
        [],
        'no routes.json next to this config and no inventory to derive it from: only requests without x-portkey-metadata were checked (pass --inventory, or keep routes.json beside the config)',
      ),
    );
  } else if (metadataFile !== null) {
    for (const alias of metadata.keys()) {
      if (plan.routed.has(useCaseOf(alias, plan))) continue;
      out.push(
        finding(
          metadataFile,
          'error',
          'alias-unknown',
          plan.planned.has(alias) ? alias : null,
          [alias],
          `routes.json gives metadata to "${alias}", which is not a routed use case: ${unknownAliasReason(alias, plan.planned)}`,
        ),
      );
    }
  }
  for (const u of plan.routed.values()) {
    // Judged under each of its names that has metadata (an alias may send other metadata than the id).
    const named = namesOf(u.id, plan).filter((n) => metadata?.get(n) !== undefined);
    for (const n of named.slice(1)) out.push(...judged(u, portkeyPaths(value, metadata!.get(n)!), ctx, null));
    const m = metadata?.get(named[0] ?? u.id);
    if (metadata !== null && m === undefined) {
      out.push(
        finding(
          metadataFile ?? ctx.file,
          'error',
          'alias-missing',
          u.id,
          [],
          `"${u.id}" is routed to ${u.tier ?? '?'} in the plan, but ${metadataFile !== null ? 'routes.json' : 'the generated routes'} give it no metadata: its requests match no branch`,
        ),
      );
    }
    const reach = portkeyPaths(value, m ?? null);
    out.push(
      ...judged(
        u,
        reach,
        ctx,
        m === undefined
          ? null
          : `the metadata of "${u.id}" (${JSON.stringify(m)}) selects no branch: the gateway answers 400`,
      ),
    );
  }
  return out;
}

function judged(
  u: PlannedUseCase,
  reach: PortkeyReach,
  ctx: JudgeContext,
  deadMessage: string | null,
): VerifyFinding[] {
  const out = judgeReach(u, reach.paths, ctx);
  if (deadMessage !== null && !reach.paths.some((p) => p.primary && p.live))
    out.push(finding(ctx.file, 'error', 'alias-missing', u.id, [], deadMessage));
  // Problems of the config itself: reported once (findings are de-duplicated), not per use case.
  for (const p of reach.problems) out.push(finding(ctx.file, 'warning', p.code, null, p.steps, p.message));
  return out;
}

/** routes.json: `{ "<alias>": { "<key>": "<value>" } }`; anything else is ignored entry by entry. */
export function readRoutes(value: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (isRecord(value)) for (const [alias, m] of Object.entries(value)) if (isRecord(m)) out.set(alias, m);
  return out;
}

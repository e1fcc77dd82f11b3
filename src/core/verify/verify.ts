// `tierplan verify`: reads gateway configs — generated or edited by hand — and reports every
// path by which a use case could reach a deployment not cleared for it, and every drift from
// the plan. Pure: the CLI reads the files and prints the result.
import type { Plan } from '../plan/plan-types.js';
import { routeMetadata } from '../gateway/route-classes.js';
import type { RoutingModel } from '../gateway/routing-types.js';
import type { Problem } from '../diagnostics/problems.js';
import type { Policy } from '../policy/types.js';
import { deploymentCatalog } from '../identify/catalog.js';
import { finding, isRouted, type JudgeContext } from './judge.js';
import { aliasesByUseCase, checkLitellm, useCaseOf, type PlanView } from './litellm-findings.js';
import {
  aliasOfFile,
  checkPortkeyConditional,
  checkPortkeyUseCase,
  isConditional,
  readRoutes,
} from './portkey-findings.js';
import type { VerifyCode } from '../diagnostics/catalog.js';
import {
  isRecord,
  type ConfigInput,
  type Path,
  type Dialect,
  type VerifyFinding,
  type VerifyResult,
} from './verify-types.js';

export interface VerifyOptions {
  /** The routes tierplan generates for this plan: the metadata each use case sends when no routes.json is given. */
  routes?: RoutingModel;
  /** Schema and lint problems of one config (the CLI passes the checks of src/io/configs/gateway-schemas.ts). */
  lint?: (c: ConfigInput) => Problem[];
  /** The inventory's aliases: another name → its use case id (judged as that use case). */
  aliases?: ReadonlyMap<string, string>;
}

/**
 * What a parsed file is: a LiteLLM config (`model_list`), a Portkey config (`strategy`,
 * `targets` or `provider` at its root), Portkey `routes.json` (data for a conditional config),
 * or none of these.
 */
export function detectDialect(file: string, value: unknown): Dialect | 'routes' | null {
  if (!isRecord(value)) return null;
  if (/(^|[\\/])routes\.json$/i.test(file)) return 'routes';
  if ('model_list' in value) return 'litellm';
  if ('strategy' in value || 'targets' in value || 'provider' in value) return 'portkey';
  return null;
}

export function verifyConfigs(
  configs: ConfigInput[],
  plan: Plan,
  policy: Policy,
  options: VerifyOptions = {},
): VerifyResult {
  const catalog = deploymentCatalog(policy);
  const view: PlanView = {
    routed: new Map(plan.use_cases.filter(isRouted).map((u) => [u.id, u])),
    planned: new Map(plan.use_cases.map((u) => [u.id, u])),
    owner: new Map(options.aliases ?? []),
    aliasesOf: aliasesByUseCase(options.aliases ?? new Map()),
  };
  const generated = options.routes ? routeMetadata(options.routes) : null;
  const findings: VerifyFinding[] = [];
  const sets = new Map<string, Set<string>>();
  for (const c of configs) {
    const ctx: JudgeContext = { policy, catalog, file: c.file, dialect: c.dialect };
    for (const p of options.lint?.(c) ?? []) {
      findings.push(
        finding(
          c.file,
          p.severity,
          'config-problem',
          null,
          p.path,
          `${p.code}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`,
        ),
      );
    }
    if (c.dialect === 'litellm') {
      findings.push(...checkLitellm(c.value, ctx, view));
    } else if (isConditional(c.value)) {
      const metadata = c.metadata ? readRoutes(c.metadata.value) : generated;
      findings.push(...checkPortkeyConditional(c.value, ctx, view, metadata, c.metadata?.file ?? null));
    } else {
      if (c.set !== undefined)
        sets.set(c.set, (sets.get(c.set) ?? new Set()).add(useCaseOf(aliasOfFile(c.file), view)));
      findings.push(...checkPortkeyUseCase(c.value, ctx, view, generated?.get(aliasOfFile(c.file))));
    }
  }
  // A folder of per-use-case configs is the whole deployment for Portkey: each routed use case needs its file.
  for (const [set, aliases] of sets) {
    for (const u of view.routed.values()) {
      if (!aliases.has(u.id))
        findings.push(
          finding(
            set,
            'error',
            'alias-missing',
            u.id,
            [],
            `"${u.id}" is routed to ${u.tier ?? '?'} in the plan, but ${set} has no ${u.id}.json`,
          ),
        );
    }
  }
  const ordered = orderFindings(findings);
  return { findings: ordered, summary: summarise(ordered, configs.length, view.routed.size) };
}

/** Stable order (file, path, use case, code) and one finding per place, code, use case and message. */
function orderFindings(findings: VerifyFinding[]): VerifyFinding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = JSON.stringify([f.file, f.path, f.code, f.use_case, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return unique.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmpSteps(a.steps, b.steps) ||
      cmp(a.use_case ?? '', b.use_case ?? '') ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** Array indexes compare as numbers, so model_list[2] comes before model_list[10]. */
function cmpSteps(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function summarise(findings: VerifyFinding[], files: number, useCases: number): VerifyResult['summary'] {
  const byCode: Partial<Record<VerifyCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<
    Record<VerifyCode, number>
  >;
  return {
    files,
    use_cases: useCases,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    by_code: sorted,
  };
}

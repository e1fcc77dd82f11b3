// Every Portkey leaf a request can end at, following the gateway's `tryTargetsRecursively`:
// `fallback` may try every target, `loadbalance` any member of positive weight, `single` only
// the first, `conditional` the branch its query router picks; a node with no known mode is a
// leaf. `override_params` merge down the tree (child wins) and `custom_host` is inherited, so
// a leaf is identified with what it inherits.
import { evaluateQuery, QueryError, type Tri } from './portkey-query.js';
import { isRecord, jsonPath, type Path, type ReachPath } from './verify-types.js';

const MODES = new Set(['fallback', 'loadbalance', 'single', 'conditional']);
/**
 * Targets nested deeper than this are not followed: the node is judged as a leaf, which no
 * deployment matches (fail closed). The reader refuses such configs first; this keeps the
 * recursion bounded for any caller.
 */
const MAX_TARGET_DEPTH = 64;

interface PortkeyProblem {
  code: 'unresolved-target' | 'query-error';
  steps: Path;
  message: string;
}

export interface PortkeyReach {
  paths: ReachPath[];
  problems: PortkeyProblem[];
}

interface Inherited {
  overrideParams: Record<string, unknown>;
  customHost: unknown;
}

/** Where the walk is: the node's path, what it inherits, and how a request gets there. */
interface At {
  steps: Path;
  inherited: Inherited;
  chain: string[];
  primary: boolean;
  live: boolean;
  /** The branch a request without metadata took to get here, if it took one. */
  branch: Path | null;
}

interface Walk {
  metadata: Record<string, unknown>;
  /** The request carries the use case's metadata (primary routes come only from it). */
  withMetadata: boolean;
  paths: ReachPath[];
  problems: PortkeyProblem[];
}

/**
 * What a request with `metadata` can reach, united with what a request without metadata
 * reaches: an application that forgets the header gets the default branch (or whatever
 * matches nothing), and its data goes there.
 */
export function portkeyPaths(config: unknown, metadata: Record<string, unknown> | null): PortkeyReach {
  const problems: PortkeyProblem[] = [];
  const paths: ReachPath[] = [];
  const runs: Walk[] = metadata === null ? [] : [{ metadata, withMetadata: true, paths, problems }];
  runs.push({ metadata: {}, withMetadata: false, paths, problems });
  for (const w of runs) {
    const chain = w.withMetadata ? [] : ['request without x-portkey-metadata'];
    walk(
      config,
      {
        steps: [],
        inherited: { overrideParams: {}, customHost: undefined },
        chain,
        primary: w.withMetadata,
        live: true,
        branch: null,
      },
      w,
    );
  }
  return { paths: dedupe(paths), problems: dedupe(problems, (p) => `${jsonPath(p.steps)} ${p.message}`) };
}

function walk(node: unknown, at: At, w: Walk): void {
  if (!isRecord(node)) return;
  const { steps, inherited, chain, primary, live, branch } = at;
  const own = {
    ...(isRecord(node.override_params) ? node.override_params : {}),
    ...(isRecord(node.overrideParams) ? node.overrideParams : {}),
  };
  const here: Inherited = {
    overrideParams: { ...inherited.overrideParams, ...own },
    customHost: node.custom_host ?? node.customHost ?? inherited.customHost,
  };
  const mode = isRecord(node.strategy) ? node.strategy.mode : undefined;
  const targets = Array.isArray(node.targets) ? (node.targets as unknown[]) : null;
  if (typeof mode !== 'string' || !MODES.has(mode) || targets === null || steps.length > 2 * MAX_TARGET_DEPTH) {
    const { overrideParams: _a, customHost: _b, ...rest } = node;
    const value: Record<string, unknown> = { ...rest, override_params: here.overrideParams };
    if (here.customHost !== undefined) value.custom_host = here.customHost;
    // Reached only through a no-metadata branch: the branch choice, not the leaf, is at fault.
    w.paths.push({
      leaf: steps,
      via: branch ?? steps,
      value,
      chain: [...chain, `${jsonPath(steps)}${describe(node)}`],
      primary,
      live,
    });
    return;
  }
  const child = (i: number, label: string, childPrimary: boolean, childLive: boolean, childBranch: Path | null): void =>
    walk(
      targets[i],
      {
        steps: [...steps, 'targets', i],
        inherited: here,
        chain: [...chain, label],
        primary: childPrimary,
        live: childLive,
        branch: childBranch,
      },
      w,
    );
  if (mode === 'fallback') {
    for (const i of targets.keys()) child(i, `fallback target ${i}`, primary && i === 0, live, branch);
  } else if (mode === 'single') child(0, 'single target 0', primary, live, branch);
  else if (mode === 'loadbalance') {
    const weights = targets.map((t) => (isRecord(t) ? (t.weight === undefined ? 1 : t.weight) : 0));
    const total = weights.reduce<number>((s, x) => s + (typeof x === 'number' && x > 0 ? x : 0), 0);
    weights.forEach((x, i) => {
      const reachable = total > 0 && typeof x === 'number' && x > 0;
      child(i, `load-balance member ${i} (weight ${String(x)})`, primary, live && reachable, branch);
    });
  } else {
    for (const b of branches(node, steps, targets, w))
      child(b.index, b.label, primary && w.withMetadata, live, w.withMetadata ? branch : b.via);
  }
}

interface Branch {
  index: number;
  label: string;
  via: Path;
}

/** The branches the query router may pick: every condition that may hold up to the first that must, then `default`. */
function branches(node: Record<string, unknown>, steps: Path, targets: unknown[], w: Walk): Branch[] {
  const strategy = node.strategy as Record<string, unknown>;
  const out: Branch[] = [];
  const problem = (code: PortkeyProblem['code'], at: Path, message: string): void =>
    void w.problems.push({ code, steps: at, message });
  const find = (name: unknown, at: Path): number => {
    const index = targets.findIndex((t) => isRecord(t) && t.name === name);
    if (index < 0)
      problem(
        'unresolved-target',
        at,
        `no target is named ${JSON.stringify(name)}: the gateway answers 400 "Invalid target name found in the query router"`,
      );
    return index;
  };
  if (!Array.isArray(strategy.conditions)) {
    problem(
      'query-error',
      [...steps, 'strategy'],
      'no `conditions`: the gateway answers 400 "No conditions passed in the query router"',
    );
    return out;
  }
  for (const [i, c] of (strategy.conditions as unknown[]).entries()) {
    const at: Path = [...steps, 'strategy', 'conditions', i];
    let r: Tri;
    try {
      r = evaluateQuery(isRecord(c) ? c.query : undefined, { metadata: w.metadata });
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      problem('query-error', [...at, 'query'], `the gateway answers 400 "${e.message}" when it evaluates this query`);
      return out;
    }
    if (r === false) continue;
    const index = find(isRecord(c) ? c.then : undefined, [...at, 'then']);
    if (index >= 0)
      out.push({
        index,
        via: at,
        label: `condition ${i}${r === 'unknown' ? ' (may match: depends on the request)' : ''} → "${String((c as Record<string, unknown>).then)}"`,
      });
    if (r === true) return out;
  }
  // The gateway tests `default` for truthiness: an empty name means no default.
  if (strategy.default !== undefined && strategy.default !== null && strategy.default !== '') {
    const at: Path = [...steps, 'strategy', 'default'];
    const index = find(strategy.default, at);
    if (index >= 0) out.push({ index, via: at, label: `default → "${String(strategy.default)}"` });
  }
  return out;
}

function describe(node: Record<string, unknown>): string {
  const params = isRecord(node.override_params) ? node.override_params : {};
  const bits = [node.provider, params.model].filter((x) => typeof x === 'string');
  return bits.length > 0 ? ` (${bits.join(' ')})` : '';
}

function dedupe<T extends { steps?: Path; leaf?: Path; via?: Path; live?: boolean }>(
  items: T[],
  key: (t: T) => string = (t) => JSON.stringify([t.leaf, t.via, t.live]),
): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

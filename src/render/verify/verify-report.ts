// `tierplan verify` output: text for people, JSON for scripts, SARIF 2.1.0 for code scanning
// (GitHub, GitLab, Azure DevOps show each finding on the config line it is about).
import type { Finding, FindingCode, VerifyResult } from '../../core/verify/verify-types.js';

/** A finding placed in its file; line and column are absent when no position is known. */
export interface PlacedFinding extends Finding {
  line?: number;
  column?: number;
}

export type VerifyFormat = 'text' | 'json' | 'sarif';

interface Rule {
  short: string;
  help: string;
}

const RULES: Record<FindingCode, Rule> = {
  'config-problem': {
    short: 'The config is malformed or holds a trap the gateway accepts silently',
    help: 'LiteLLM validates only deployments and Portkey only part of a config, so misspelt keys, dangling fallback targets, reserved keys, unsupported operators and oversized headers fail at request time or silently. Fix the config, or regenerate it with `tierplan gateway`.',
  },
  'uncleared-tier': {
    short: 'A use case can reach a tier not cleared for its data',
    help: 'Remove the route, fallback, load-balance member or branch that reaches this deployment, or regenerate the config with `tierplan gateway`. A tier is cleared when it is certified for every regime of the use case, its clearance covers the sensitivity, and its regions satisfy the residency.',
  },
  'outside-residency': {
    short: 'A use case can reach a deployment outside its residency',
    help: 'The tier serves the allowed regions, but this deployment runs in another one. Route the use case only to deployments in its residency regions.',
  },
  'more-open-fallback': {
    short: 'A fallback goes toward a more open tier',
    help: 'A fallback may only go sideways or toward a more restrictive tier. Point it at a deployment of the assigned tier or of a more restrictive cleared tier.',
  },
  'unknown-deployment': {
    short: 'A reached entry matches no deployment of the policy',
    help: 'verify recognises a deployment by the fields that decide where requests go (model, endpoint, region). Add the deployment to the policy, or restore the fields tierplan generated; until then it cannot be proven cleared.',
  },
  'mislabelled-tier': {
    short: 'A tier label disagrees with the deployment',
    help: 'model_info.tierplan_tier and the tierplan-tier: tag must name the tier of the deployment the entry really is; usage review attributes traffic by them.',
  },
  'alias-missing': {
    short: 'A routed use case has no alias in the config',
    help: 'Applications call the use case id; without an alias their requests fail or fall through to something else. Regenerate the config with `tierplan gateway`.',
  },
  'alias-unknown': {
    short: 'An alias is not a routed use case',
    help: 'Every alias must be a use case the plan routes. Retired use cases and gaps must not be callable; anything else is traffic the inventory does not know.',
  },
  'tier-drift': {
    short: 'The primary group runs on another tier than planned',
    help: 'The config no longer matches the plan. Regenerate it with `tierplan gateway`, or change the inventory or policy if the plan is what is out of date.',
  },
  'unresolved-target': {
    short: 'A fallback, alias or branch names nothing',
    help: 'The gateway fails a request that gets here. Point it at an existing model group, id or target name.',
  },
  'query-error': {
    short: 'The gateway refuses a conditional query',
    help: 'Portkey supports $eq $ne $gt $gte $lt $lte $in $nin $regex $and $or on metadata.<key> and params.<key>; anything else is a 400 at request time.',
  },
  'no-metadata': {
    short: 'Use case metadata unknown for a conditional config',
    help: 'Keep routes.json beside the conditional config, or pass --inventory so verify can derive the metadata each use case sends.',
  },
};

const CODES = Object.keys(RULES) as FindingCode[];

export function renderVerify(result: VerifyResult, findings: PlacedFinding[], format: VerifyFormat, version: string): string {
  if (format === 'json') return `${JSON.stringify({ schema_version: 1, findings: findings.map(plain), summary: result.summary }, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarif(findings, version), null, 2)}\n`;
  return text(result, findings);
}

const where = (f: PlacedFinding): string => (f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file);

function text(result: VerifyResult, findings: PlacedFinding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${where(f)}: ${f.path}: ${f.severity} ${f.code}: ${f.message}`);
    if (f.chain.length > 0) lines.push(`    ${f.chain.join(' → ')}`);
  }
  const s = result.summary;
  const scope = `${s.files} config file${s.files === 1 ? '' : 's'}, ${s.use_cases} routed use case${s.use_cases === 1 ? '' : 's'}`;
  if (findings.length === 0) lines.push(`verify: no findings (${scope})`);
  else {
    const counts = Object.entries(s.by_code).map(([code, n]) => `${code} ${String(n)}`).join(', ');
    if (lines.length > 0) lines.push('');
    lines.push(`verify: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} (${counts}) in ${scope}`);
  }
  return `${lines.join('\n')}\n`;
}

function plain(f: PlacedFinding): Record<string, unknown> {
  return {
    severity: f.severity,
    code: f.code,
    use_case: f.use_case,
    file: f.file,
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
    path: f.path,
    message: f.message,
    chain: f.chain,
  };
}

function sarif(findings: PlacedFinding[], version: string): Record<string, unknown> {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'tierplan',
          version,
          rules: CODES.map((id) => ({
            id,
            name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: RULES[id].short },
            fullDescription: { text: RULES[id].help },
            help: { text: RULES[id].help },
            defaultConfiguration: { level: id === 'unresolved-target' || id === 'query-error' || id === 'no-metadata' ? 'warning' : 'error' },
          })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: CODES.indexOf(f.code),
        level: f.severity,
        message: { text: f.chain.length > 0 ? `${f.message}\nPath: ${f.chain.join(' → ')}` : f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file) },
            region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
          },
          logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }],
        }],
        ...(f.use_case !== null ? { properties: { use_case: f.use_case } } : {}),
      })),
      // Columns come from JavaScript string offsets.
      columnKind: 'utf16CodeUnits',
    }],
  };
}

/** SARIF wants a URI reference: forward slashes, percent-encoded, relative to the checkout. */
function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/').replace(/^\.\//, ''));
}

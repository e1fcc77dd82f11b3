// SARIF 2.1.0, the form code-scanning tools (GitHub, GitLab, Azure DevOps) read: each result on
// the line it is about, each rule described from the catalog.
import { CATALOG, type DiagnosticCode, type Severity } from '../../core/diagnostics/catalog.js';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';
import { fullMessage } from './message.js';

export interface SarifOptions {
  /** tierplan's version, as the tool driver's. */
  version: string;
  /**
   * The rules the run lists, in this order (a result's ruleIndex points into it). Without it,
   * the codes the diagnostics use, in catalog order. Every code used must be listed.
   */
  rules?: readonly DiagnosticCode[];
  /** An absolute URL of the rules page (docs/rules.md); with it every rule gets a helpUri. */
  rulesUrl?: string;
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** `ClaimsTriage` from `claims-triage`: SARIF rule names are PascalCase. */
const ruleName = (code: string): string =>
  code.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());

export function sarifLog(diagnostics: readonly Diagnostic[], options: SarifOptions): Record<string, unknown> {
  const used = new Set(diagnostics.map((d) => d.code));
  const rules = options.rules ?? (Object.keys(CATALOG) as DiagnosticCode[]).filter((c) => used.has(c));
  const index = new Map(rules.map((code, i) => [code, i]));
  for (const code of used) {
    if (!index.has(code)) throw new Error(`SARIF rules do not list ${code}, which a result uses`);
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tierplan',
            version: options.version,
            rules: rules.map((code) => rule(code, options.rulesUrl)),
          },
        },
        results: diagnostics.map((d) => result(d, index.get(d.code)!)),
        // Columns come from JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The log as a file: pretty-printed, with a final newline. */
export function renderSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  return `${JSON.stringify(sarifLog(diagnostics, options), null, 2)}\n`;
}

function rule(code: DiagnosticCode, rulesUrl: string | undefined): Record<string, unknown> {
  const entry = CATALOG[code];
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: entry.description },
    fullDescription: { text: entry.help },
    help: { text: entry.help },
    ...(rulesUrl !== undefined ? { helpUri: `${rulesUrl}#${code}` } : {}),
    defaultConfiguration: { level: LEVEL[entry.severity] },
  };
}

function result(d: Diagnostic, ruleIndex: number): Record<string, unknown> {
  const rows = d.evidence?.rows ?? [];
  const properties = { ...(d.use_case !== undefined ? { use_case: d.use_case } : {}), ...d.evidence?.figures };
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: fullMessage(d) },
    ...(d.file !== undefined || d.path !== undefined ? { locations: [location(d)] } : {}),
    ...(rows.length > 0
      ? {
          relatedLocations: rows.map((r, id) => ({
            id,
            message: { text: r.reason },
            physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: { startLine: r.line } },
          })),
        }
      : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

function location(d: Diagnostic): Record<string, unknown> {
  return {
    ...(d.file !== undefined
      ? {
          physicalLocation: {
            artifactLocation: { uri: toUri(d.file) },
            region: { startLine: d.line ?? 1, startColumn: d.column ?? 1 },
          },
        }
      : {}),
    ...(d.path !== undefined ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }] } : {}),
  };
}

/** SARIF wants a URI reference: forward slashes, percent-encoded, relative to the checkout. */
function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/').replace(/^\.\//, ''));
}

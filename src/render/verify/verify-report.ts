// `tierplan verify` output: text for people, JSON for scripts, SARIF 2.1.0 for code scanning
// (GitHub, GitLab, Azure DevOps show each finding on the config line it is about). Findings go
// through the shared diagnostic formatters; only the summary and the JSON shape are verify's own.
import { VERIFY_CODES } from '../../core/diagnostics/catalog.js';
import { verifyDiagnostic, type PlacedVerifyFinding, type VerifyResult } from '../../core/verify/verify-types.js';
import { renderSarif } from '../diagnostics/sarif.js';
import { renderDiagnosticsText } from '../diagnostics/text.js';

export type VerifyFormat = 'table' | 'text' | 'json' | 'sarif';

export function renderVerify(
  result: VerifyResult,
  findings: PlacedVerifyFinding[],
  format: VerifyFormat,
  version: string,
): string {
  if (format === 'json')
    return `${JSON.stringify({ schema_version: 1, findings: findings.map(verifyFindingJson), summary: result.summary }, null, 2)}\n`;
  // Every verify code is listed, found or not, so a rule's index is the same in every run.
  if (format === 'sarif') return renderSarif(findings.map(verifyDiagnostic), { version, rules: VERIFY_CODES });
  return text(result, findings);
}

function text(result: VerifyResult, findings: PlacedVerifyFinding[]): string {
  const body = renderDiagnosticsText(findings.map(verifyDiagnostic));
  const s = result.summary;
  const scope = `${s.files} config file${s.files === 1 ? '' : 's'}, ${s.use_cases} routed use case${s.use_cases === 1 ? '' : 's'}`;
  if (findings.length === 0) return `verify: no findings (${scope})\n`;
  const counts = Object.entries(s.by_code)
    .map(([code, n]) => `${code} ${String(n)}`)
    .join(', ');
  return `${body}\nverify: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} (${counts}) in ${scope}\n`;
}

/** verify's JSON keeps the shape it has always had: `use_case: null`, and the evidence as `chain`. */
export function verifyFindingJson(f: PlacedVerifyFinding): Record<string, unknown> {
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

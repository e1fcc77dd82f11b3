// `tierplan adopt` output: text for people at 80 columns, JSON for tools. Built from the report
// data only; every value from an input goes through terminalText (no escape sequences, no fake
// lines). No secret can be here: the report holds environment-variable names, never values.
import type { AdoptNote } from '../../core/adopt/adopt-types.js';
import type { AdoptReport } from '../../core/adopt/report-types.js';
import { CATALOG } from '../../core/diagnostics/catalog.js';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';
import { terminalText as esc } from '../../core/diagnostics/terminal-text.js';
import { verifyDiagnostic } from '../../core/verify/verify-types.js';
import { renderDiagnosticsText } from '../diagnostics/text.js';
import { verifyFindingJson } from '../verify/verify-report.js';

export type AdoptFormat = 'table' | 'json';

export function renderAdopt(r: AdoptReport, format: AdoptFormat): string {
  return format === 'json' ? `${JSON.stringify(json(r), null, 2)}\n` : text(r);
}

const WIDTH = 80;

/** A line wrapped at word boundaries to 80 columns, continuation lines indented under its text. */
function wrap(line: string): string {
  if (line.length <= WIDTH) return line;
  const indent = /^\s*/.exec(line)![0];
  const label = /^\s*(?:[a-z]+:\s+)?/i.exec(line)![0];
  const hang = ' '.repeat(Math.min(label.length, 24));
  const words = line.slice(indent.length).split(' ');
  const lines: string[] = [];
  let current = indent;
  for (const w of words) {
    if (current.trim() !== '' && current.length + 1 + w.length > WIDTH) {
      lines.push(current);
      current = hang + w;
    } else current = current.trim() === '' ? current + w : `${current} ${w}`;
  }
  lines.push(current);
  return lines.join('\n');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : /s$/.test(word) ? 'es' : 's'}`;

function text(r: AdoptReport): string {
  const p = r.proposal;
  const lines: string[] = [];
  // Prose is wrapped at 80 columns; diagnostics are printed as every command prints them.
  const out = { push: (...l: string[]): number => lines.push(...l.map(wrap)) };
  const raw = (text: string): number => lines.push(text);
  const fresh = p.deployments.filter((d) => !d.existing);
  out.push(
    `Deployments: ${plural(p.deployments.length, 'connection')} found in ${p.files.map(esc).join(', ')} — ${fresh.length} new, ${p.deployments.length - fresh.length} already in the policy`,
  );
  for (const d of p.deployments) {
    const x = d.deployment;
    out.push(`  ${esc(x.id)} → ${esc(d.tier)}${d.existing ? ' (already in the policy)' : ''}`);
    out.push(`      why: ${esc(d.why.join('; '))}`);
    if (!d.existing) {
      const facts = [
        `${esc(x.provider)}/${esc(x.model)}`,
        `region ${esc(x.region)}`,
        `capability ${esc(x.capability)}${d.sources.capability === 'unknown' ? ' (unknown)' : ''}`,
        x.context_tokens !== undefined ? `context ${x.context_tokens}` : 'context unknown',
        x.price ? `$${x.price.input_per_1m}/$${x.price.output_per_1m} per 1M (${d.sources.price})` : 'price unknown',
      ];
      out.push(`      ${facts.slice(0, 3).join(' · ')}`, `      ${facts.slice(3).join(' · ')}`);
      if (d.unknown.length > 0) out.push(`      to confirm in the policy: ${d.unknown.join(', ')}`);
    }
    if (d.envNames.length > 0) out.push(`      reads ${d.envNames.map(esc).join(', ')} from the environment`);
    out.push(`      used by ${d.usedBy.map((u) => `"${esc(u.name)}"`).join(', ')}`);
  }
  out.push('', `Names applications call: ${p.aliases.length}`);
  for (const a of p.aliases) {
    const what =
      a.kind === 'use-case'
        ? `use case ${esc(a.use_case)}`
        : a.kind === 'alias'
          ? `alias of use case ${esc(a.use_case)}`
          : `new use case ${esc(a.use_case)}${a.name === a.use_case ? '' : ` (alias "${esc(a.name)}")`}`;
    out.push(`  "${esc(a.name)}" → ${what}: ${esc(a.why)}`);
  }
  if (p.fallbackGroups.length > 0)
    out.push(`  fallback groups (not names applications call): ${p.fallbackGroups.map(esc).join(', ')}`);
  if (p.notes.length > 0) {
    out.push('', `Not adopted, or not carried into tierplan's config: ${p.notes.length}`);
    raw(renderDiagnosticsText(p.notes.map(noteDiagnostic)).trimEnd());
  }
  const t = r.today.result.summary;
  out.push(
    '',
    `What your gateway lets through today (verify against the adopted policy and inventory): ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}`,
  );
  if (r.today.findings.length > 0) raw(renderDiagnosticsText(r.today.findings.map(verifyDiagnostic)).trimEnd());
  const changed = r.routes.filter((d) => d.changed);
  out.push(
    '',
    `What \`tierplan gateway\` would change: ${plural(changed.length, 'name')} routed differently, ${r.routes.length - changed.length} unchanged`,
  );
  for (const d of changed) {
    out.push(`  "${esc(d.name)}" (use case ${esc(d.use_case)})`);
    out.push(`      today:    ${side(d.today)}`);
    out.push(`      tierplan: ${d.tierplan ? side(d.tierplan) : 'not routed (a gap or retired: the name is removed)'}`);
    if (d.dropped.length > 0) out.push(`      no longer reachable: ${d.dropped.map(esc).join(', ')}`);
  }
  out.push(
    '',
    `The generated config (${r.generated.files.map(esc).join(', ')}): ${plural(r.generated.errors, 'error')}, ${plural(r.generated.warnings, 'warning')} when verified`,
  );
  const c = r.changes;
  const added = c.tiers.reduce((n, t) => n + t.add.length, 0);
  const summary = `${plural(added, 'deployment')} added to the policy, ${plural(c.useCases.length, 'new use case')} and ${plural(
    c.aliases.reduce((n, a) => n + a.add.length, 0),
    'alias',
  )} added to the inventory`;
  out.push(
    '',
    r.dryRun
      ? `--dry-run: nothing written (${summary}; would write ${r.written.map(esc).join(', ') || 'nothing'})`
      : r.written.length > 0
        ? `wrote ${r.written.map(esc).join(', ')}: ${summary}`
        : 'nothing to write: the policy and inventory already know this gateway',
  );
  return `${lines.join('\n')}\n`;
}

function noteDiagnostic(n: AdoptNote): Diagnostic {
  return {
    code: n.code,
    severity: CATALOG[n.code].severity,
    message: n.message,
    file: n.file,
    ...(n.line !== undefined ? { line: n.line, column: n.column ?? 1 } : {}),
    path: n.path,
  };
}

const side = (s: { primary: string[]; fallbacks: string[] }): string =>
  `${s.primary.map(esc).join(', ') || 'nothing'}${s.fallbacks.length > 0 ? `; then ${s.fallbacks.map(esc).join(', ')}` : ''}`;

function json(r: AdoptReport): Record<string, unknown> {
  return {
    schema_version: 1,
    dialect: r.proposal.dialect,
    files: r.proposal.files,
    dry_run: r.dryRun,
    written: r.written,
    deployments: r.proposal.deployments.map((d) => ({
      id: d.deployment.id,
      tier: d.tier,
      existing: d.existing,
      why: d.why,
      deployment: d.deployment,
      sources: d.sources,
      to_confirm: d.unknown,
      environment: d.envNames,
      used_by: d.usedBy.map((u) => ({ file: u.file, path: u.path, name: u.name })),
    })),
    aliases: r.proposal.aliases.map((a) => ({
      name: a.name,
      kind: a.kind,
      use_case: a.use_case,
      why: a.why,
      deployments: a.deployments,
    })),
    fallback_groups: r.proposal.fallbackGroups,
    notes: r.proposal.notes.map((n) => ({
      severity: CATALOG[n.code].severity,
      code: n.code,
      file: n.file,
      ...(n.line !== undefined ? { line: n.line, column: n.column ?? 1 } : {}),
      path: n.path,
      message: n.message,
    })),
    changes: r.changes,
    today: {
      summary: r.today.result.summary,
      findings: r.today.findings.map(verifyFindingJson),
    },
    routes: r.routes,
    generated: r.generated,
  };
}

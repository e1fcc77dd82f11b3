// GitHub Actions workflow commands: printed by a step, each becomes an annotation on the file
// and line it names, in the run summary and on the pull request's diff.
import type { Severity } from '../../core/diagnostics/catalog.js';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';
import { fullMessage } from './message.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The message of a command: a line break would end the command, so it is encoded (as @actions/core does). */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A property value: `,` would start the next property and `:` end the list, so they are encoded too. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=F,line=L,col=C,title=CODE::message`; properties without a value are left out. */
export function annotation(d: Diagnostic): string {
  const props: [string, string | number | undefined][] = [
    ['file', d.file],
    ['line', d.line],
    ['col', d.line === undefined ? undefined : (d.column ?? 1)],
    ['title', d.code],
  ];
  const list = props
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${COMMAND[d.severity]} ${list}::${escapeData(fullMessage(d))}`;
}

export function renderAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${annotation(d)}\n`).join('');
}

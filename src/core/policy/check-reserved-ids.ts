// Ids become file names (Portkey writes one config per use case, renderers name files by tier
// and deployment), and Windows refuses a few names whatever their case or extension: `con.json`
// cannot be created there, so an inventory written on Linux would break a colleague's checkout.
import type { Problem } from '../diagnostics/problems.js';

// Windows device names; COM and LPT also take the superscript digits ¹ ² ³.
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

/** Whether a name is a Windows device name, alone or before an extension (`nul.txt`). */
export function isReservedFileName(name: string): boolean {
  const dot = name.indexOf('.');
  return RESERVED.test(dot < 0 ? name : name.slice(0, dot));
}

/** What an id names, and the word a suggested replacement ends with. */
const SUFFIX = { 'use case': 'uc', tier: 'tier', deployment: 'deployment' } as const;
export type IdKind = keyof typeof SUFFIX;

/** One error per id that is a reserved file name, at the id, suggesting a longer name. */
export function checkReservedIds(ids: readonly { id: string; what: IdKind; path: (string | number)[] }[]): Problem[] {
  const problems: Problem[] = [];
  for (const { id, what, path } of ids) {
    if (!isReservedFileName(id)) continue;
    const base = id.split('.')[0]!;
    problems.push({
      code: 'reserved-file-name',
      severity: 'error',
      message: `${what} id "${id}" is a reserved file name on Windows: the files named after it cannot be created there`,
      hint: `choose another id, e.g. "${base}-${SUFFIX[what]}"`,
      path,
    });
  }
  return problems;
}

// An inventory of 30 use cases in three owner groups, each carrying an import's suggestion, with
// comments on every group and every entry: the terminal's bulk flow is tested on it.
const GROUPS = [
  {
    owner: 'clinic@example.com',
    prefix: 'clinic',
    n: 12,
    classes: '[phi]',
    because: 'description mentions "patient"',
    task: 'summarization',
  },
  {
    owner: 'people@example.com',
    prefix: 'people',
    n: 10,
    classes: '[employee_data]',
    because: 'description mentions "payroll"',
    task: 'search',
  },
  {
    owner: 'sales@example.com',
    prefix: 'sales',
    n: 8,
    classes: '[customer_data, pii]',
    because: 'description mentions "customer"',
    task: 'generation',
  },
] as const;

export const GROUP_IDS = Object.fromEntries(
  GROUPS.map((g) => [g.prefix, Array.from({ length: g.n }, (_, i) => `${g.prefix}-${String(i + 1).padStart(2, '0')}`)]),
) as Record<(typeof GROUPS)[number]['prefix'], string[]>;

export function groupedInventory(): string {
  const lines = ['# AI register, imported from the spreadsheet', 'version: 1', 'use_cases:'];
  for (const g of GROUPS) {
    lines.push(`  # --- ${g.prefix}: owned by ${g.owner}`);
    for (const id of GROUP_IDS[g.prefix]) {
      lines.push(
        `  - id: ${id} # row of ${g.prefix}`,
        `    name: ${g.prefix} assistant ${id.slice(-2)}`,
        `    owner: ${g.owner}`,
        '    status: pilot',
        '    data:',
        '      classes: []',
        '    needs:',
        `      task: ${g.task}   # from the register`,
        '    volume:',
        '      requests: 1000',
        '    suggested:',
        `      data_classes: ${g.classes}`,
        `      because: ['${g.because}']`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

// A seeded, messy use-case register as a spreadsheet would export it: for the large end-to-end
// import. The same seed always gives the same bytes.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGISTER_HEADER = [
  'Use case ID',
  'Use case',
  'Business owner',
  'Stage',
  'Description',
  'Contains PII',
  'Health data',
  'Regulations',
  'Data location',
  'Task type',
  'Monthly requests',
  'Pinned tier',
  'Exception reason',
  'Exception expires',
  'Notes',
  'Notes',
];

export const REGISTER_MAPPING = `# yaml-language-server: $schema=../schemas/import-mapping.schema.json
version: 1
date_format: DD/MM/YYYY
columns:
  id: Use case ID
  name: Use case
  owner: Business owner
  status: { column: Stage, values: { "On hold": pilot } }
  description: Description
  task: Task type
  requests: Monthly requests
  override_tier: Pinned tier
  override_reason: Exception reason
  override_expires: Exception expires
data_classes:
  - column: Contains PII
    values: { "yes": [pii], "no": [], "n/a": [] }
  - column: Health data
    values: { "yes": [phi], "no": [], "n/a": [] }
regimes:
  - column: Regulations
residency:
  - column: Data location
    values: { "Germany": [eu], "USA": [us] }
suggest:
  - words: [patient*, clinical]
    data_class: phi
  - words: [customer*]
    data_class: customer_data
  - words: [summar*]
    task: summarization
`;

const WORDS = [
  'Claims',
  'Invoice',
  'Customer',
  'Patient',
  'Fraud',
  'Contract',
  'Call',
  'Résumé',
  'Café',
  'Supplier',
  'Policy',
  'Ticket',
  'Email',
  'Knowledge',
  'Code',
];
const THINGS = [
  'triage',
  'summariser',
  'assistant',
  'extractor',
  'search',
  'copilot',
  'router',
  'bot',
  'review',
  'classifier',
];
const STAGES = [
  'Live',
  'live ',
  'In prod',
  'PoC',
  'Pilot',
  'Proof of concept',
  'Idea',
  'Backlog',
  'Decommissioned',
  'On hold',
  '',
];
const YESNO = ['Yes', 'No', 'no', 'N/A', '', 'YES '];
const REGS = ['', '', 'GDPR', 'HIPAA', 'GDPR; SOX', 'PCI DSS'];
const PLACES = ['', '', 'US', 'EU', 'Germany', 'USA'];
const TASKS = ['', 'Classification', 'Extraction', 'Summarization', 'Search', 'Generation', 'Chatbot'];
const VOLUMES = ['', '12000', '12,000', '40k', '1.2M', '500'];
const EXPIRIES = ['31/03/2027', '2027-06-30', '1 March 2027', '2027-01-15T09:00:00Z'];

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export interface Register {
  csv: string;
  /** Rows after the header, blank ones included. */
  rows: number;
  blank: number;
  /** Rows with neither id nor name: skipped. */
  nameless: number;
}

export function register(rows: number, seed = 7): Register {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const lines = [REGISTER_HEADER.join(',')];
  let blank = 0;
  let nameless = 0;
  for (let i = 1; i <= rows; i++) {
    const r = rnd();
    if (r < 0.01) {
      blank++;
      lines.push(REGISTER_HEADER.map(() => '').join(','));
      continue;
    }
    const name = `${pick(WORDS)} ${pick(THINGS)}${rnd() < 0.5 ? ` ${i % 97}` : ''}`;
    const noName = r < 0.02;
    if (noName) nameless++;
    const id = noName || rnd() < 0.3 ? '' : rnd() < 0.1 ? 'UC-0042' : `uc-${String(i).padStart(5, '0')}`;
    const pinned = rnd() < 0.05;
    const description = `${pick(['Reads', 'Summarises', 'Routes', 'Drafts'])} ${pick(['customer', 'patient', 'supplier', 'internal'])} ${pick(['emails', 'notes, letters', 'records'])}${rnd() < 0.1 ? '\nSecond line with "quotes"' : ''}`;
    const cells = [
      id,
      noName ? '' : rnd() < 0.05 ? `  ${name}  ` : name,
      `owner${i % 40}@example.com`,
      pick(STAGES),
      description,
      pick(YESNO),
      pick(YESNO),
      pick(REGS),
      pick(PLACES),
      pick(TASKS),
      pick(VOLUMES),
      pinned ? 'on-prem' : '',
      pinned ? 'Data-sharing agreement' : '',
      pinned ? pick(EXPIRIES) : '',
      '',
      rnd() < 0.2 ? 'see ticket' : '',
    ];
    lines.push(cells.map(quote).join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows, blank, nameless };
}

// A seeded, messy AI use-case register as a spreadsheet exports it: Windows-1252 bytes, CRLF,
// two columns both headed "Notes", numeric ids that each owner numbers from 1 (so they repeat
// across owners), free-text stages, amounts written as people write them, a blank PII answer on
// about two rows in three, and descriptions of which some mention health or personal data.
// Deterministic for a seed; nothing is read from the network or from disk.

/** Words the generated descriptions use for health data; the mapping's keyword rules look for them. */
export const HEALTH_WORDS = ['patient', 'clinical', 'diagnosis', 'health'] as const;
/** Words the generated descriptions use for personal data. */
export const PERSONAL_WORDS = ['personal', 'employee', 'customer'] as const;

const MESSY_HEADER = [
  'Ref',
  'Use case',
  'Business owner',
  'Stage',
  'Description',
  'Contains PII',
  'Public data only',
  'Task type',
  'Requests / month',
  'Notes',
  'Notes',
];

export interface MessyRegister {
  /** The file's bytes (Windows-1252, CRLF). */
  bytes: Buffer;
  /** Data rows written, blank rows included. */
  rows: number;
  /** Rows whose every cell is empty. */
  blank: number;
  /** Rows with a PII answer left blank. */
  blankPii: number;
  /** Rows without a name (nor an id the mapping reads): the importer skips them. */
  nameless: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OWNERS = [
  'Claims',
  'Contact centre',
  'Clinique Sainte-Hélène',
  'Finance',
  'People & Culture',
  'Marketing',
  'Legal',
  'Engineering',
  'Sales Ops',
  'Données & Analytique',
];
const STAGES = [
  'Live',
  'live',
  'In prod',
  'Production',
  'PoC',
  'Pilot',
  'Piloting',
  'Idea',
  'Decommissioned',
  'Retired',
  ' In Prod ',
  'TBD – ask Zoë',
  '',
];
const TASKS = ['Classification', 'Summarisation', 'Extraction', 'Search', 'Generation', 'Q&A', 'Translation', ''];
const AMOUNTS = ['400,000', '60k', '1.2M', '12000', '', 'approx 5k', '250 000', '3m'];
const SUBJECTS = [
  'invoices',
  'contracts',
  'release notes',
  'support tickets',
  'marketing briefs',
  'product FAQs',
  'supplier emails',
  'meeting minutes',
  'IT runbooks',
  'café menus',
];
const VERBS = ['Summarises', 'Routes', 'Drafts replies to', 'Extracts totals from', 'Translates', 'Tags'];
const PII = ['Yes', 'No', 'N/A', 'no', 'YES'];
const NOTES = ['', '', 'see SharePoint', 'owner changed in Q3', 'Budget: 10 k€', 'needs review; "urgent"'];

/** CSV-quotes a cell when it needs it. */
const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * `rows` data rows (blank rows and a few nameless ones included). About two thirds of the rows
 * leave "Contains PII" blank; about a quarter of the descriptions mention health or personal data.
 */
export function messyRegister(rows: number, seed = 1): MessyRegister {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const nextRef = new Map<string, number>();
  const lines = [MESSY_HEADER.join(',')];
  let blank = 0;
  let blankPii = 0;
  let nameless = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 250 === 249) {
      lines.push(',,,,,,,,,,');
      blank++;
      continue;
    }
    const owner = pick(OWNERS);
    const ref = (nextRef.get(owner) ?? 0) + 1;
    nextRef.set(owner, ref);
    const subject = pick(SUBJECTS);
    const roll = r();
    let description = `${pick(VERBS)} ${subject}`;
    if (roll < 0.12) description += `, including ${pick(HEALTH_WORDS)} records`;
    else if (roll < 0.25) description += ` with ${pick(PERSONAL_WORDS)} details`;
    description += r() < 0.1 ? ';\nsee the "runbook", page 2.' : '.';
    const name = i % 500 === 123 ? '' : `${subject[0]!.toUpperCase()}${subject.slice(1)} assistant ${owner} #${ref}`;
    if (name === '') nameless++;
    const pii = r() < 0.67 ? '' : pick(PII);
    if (pii === '') blankPii++;
    const publicOnly = pii === '' ? pick(['', 'No']) : r() < 0.5 ? 'Yes' : 'No';
    const ownerEmail = `${owner
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')}@contoso.example`;
    lines.push(
      [
        String(ref),
        name,
        r() < 0.05 ? ` ${ownerEmail} ` : ownerEmail,
        pick(STAGES),
        description,
        pii,
        publicOnly,
        pick(TASKS),
        pick(AMOUNTS),
        pick(NOTES),
        pick(NOTES),
      ]
        .map(cell)
        .join(','),
    );
  }
  return { bytes: windows1252(`${lines.join('\r\n')}\r\n`), rows, blank, blankPii, nameless };
}

const CP1252: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92, '“': 0x93, '”': 0x94 };

/** Encodes text as Windows-1252 (Latin-1 plus the few characters above), as Excel saves "CSV". */
function windows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const mapped = c < 0x100 ? c : CP1252[text[i]!];
    if (mapped === undefined) throw new Error(`not in Windows-1252: ${text[i]}`);
    out[i] = mapped;
  }
  return out;
}

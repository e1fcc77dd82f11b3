// The fast path for LiteLLM spend-log CSV: a record's bytes turned into a UsageRow without
// decoding most cells. Repeated cells (model_group, model, model_id, provider, api_base, status,
// request_tags) are decoded once per distinct combination of their raw bytes (litellm-identity.ts);
// numbers and timestamps are read from the bytes. Anything out of the ordinary (a timestamp in
// another shape, a number with a sign or exponent, tierplan text in metadata, NULL durations…)
// returns undefined and the caller reads that row through the general mapper, so both paths give
// the same rows and the same rejections.

import type { RoutedRequest, UsageAccumulator } from '../../core/review/aggregate.js';
import type { UsageRow } from '../../core/review/usage-types.js';
import { decimalAt, instantAt, instantMonth, instantMs } from './byte-values.js';
import type { CsvRecord } from './csv-scanner.js';
import { adjacentRanges } from './csv-runs.js';
import { IdentityCache, type Identity } from './litellm-identity.js';
import { MAX_COST, isNullText, tierplanTagsOfText, useCaseFromTags } from './values.js';

export interface LitellmColumns {
  start: number;
  end: number;
  group: number;
  modelId: number;
  model: number;
  provider: number;
  apiBase: number;
  prompt: number;
  completion: number;
  spend: number;
  status: number;
  tags: number;
  meta: number;
  duration: number;
}

/**
 * The fast path's two ways out: `row` gives the UsageRow, `fold` adds it straight to the
 * accumulator (when there is one) without building it. Both return undefined / false for a row
 * the general mapper must read.
 */
export interface FastReader {
  row(r: CsvRecord, file: string): UsageRow | undefined;
  fold(r: CsvRecord, file: string): boolean;
  /** The identity's columns as ranges of adjacent ones: the scanner's `runs` option. */
  readonly runs: [number, number][];
}

const NO_TAGS: readonly string[] = [];
const FAILED = new Set(['failure', 'failed', 'error', 'fail']);

function textOf(r: CsvRecord, i: number): string | null {
  if (r.starts[i] === r.ends[i]) return null;
  const t = r.field(i);
  return isNullText(t) ? null : t;
}

/** Whether bytes [s, e) contain ASCII `tierplan`. */
function holdsTierplan(buf: Buffer, s: number, e: number): boolean {
  const last = e - 8;
  for (let k = s; k <= last; k++) {
    if (
      buf[k] === 0x74 &&
      buf[k + 1] === 0x69 &&
      buf[k + 2] === 0x65 &&
      buf[k + 3] === 0x72 &&
      buf[k + 4] === 0x70 &&
      buf[k + 5] === 0x6c &&
      buf[k + 6] === 0x61 &&
      buf[k + 7] === 0x6e
    )
      return true;
  }
  return false;
}

/** The LiteLLM CSV fast path; `acc` is where `fold` adds rows. */
export function litellmCsvReader(c: LitellmColumns, acc?: UsageAccumulator): FastReader {
  const text = (r: CsvRecord, i: number): string | null => (i < 0 || r.starts[i] === r.ends[i] ? null : textOf(r, i));
  const idCols = [c.group, c.modelId, c.model, c.provider, c.apiBase, c.status, c.tags];
  const identities = new IdentityCache(idCols, (r) => {
    let tags: readonly string[] = NO_TAGS;
    const t = c.tags;
    if (t >= 0 && r.starts[t] !== r.ends[t] && holdsTierplan(r.buf, r.starts[t]!, r.ends[t]!)) {
      const cell = textOf(r, t);
      if (cell !== null) tags = tierplanTagsOfText(cell);
    }
    const status = text(r, c.status);
    const alias = text(r, c.group);
    return {
      alias: alias ?? useCaseFromTags(tags as string[]),
      tags,
      model_id: text(r, c.modelId),
      model: text(r, c.model),
      provider: text(r, c.provider),
      api_base: text(r, c.apiBase),
      failed: status !== null && FAILED.has(status.toLowerCase()),
      route: undefined,
    };
  });

  // Rows whose identity cells the scanner recognised as remembered runs are told by the runs'
  // numbers (the same numbers, the same bytes): one map lookup instead of hashing and comparing.
  const runs = adjacentRanges(idCols);
  const byRuns = new Map<number, Identity>();
  const identityOf = (r: CsvRecord): Identity => {
    const ids = r.runIds;
    if (ids === undefined || ids.length !== runs.length) return identities.get(r);
    let key = 0;
    for (let g = 0; g < ids.length; g++) {
      const k = ids[g]!;
      if (k < 0) return identities.get(r);
      key = key * 4096 + k;
    }
    let id = byRuns.get(key);
    if (id === undefined) {
      if (byRuns.size >= 65536) byRuns.clear();
      id = identities.get(r);
      byRuns.set(key, id);
    }
    return id;
  };

  // The values of the row `parse` last read (false: the general mapper must read it), in the
  // request `fold` hands to the accumulator: one record for every row, so folding allocates none.
  let time = '';
  const read: RoutedRequest = {
    ym: 0,
    file: '',
    line: 0,
    input: 0,
    output: 0,
    cost: null,
    failed: false,
    latency: null,
  };
  const parse = (r: CsvRecord, wantText: boolean): boolean => {
    const starts = r.starts;
    const ends = r.ends;
    if (c.meta >= 0 && holdsTierplan(r.buf, starts[c.meta]!, ends[c.meta]!)) return false;
    const t = instantAt(r, c.start, wantText);
    if (t === undefined) return false;
    time = t;
    read.ym = instantMonth;
    const startMs = instantMs;
    read.input = starts[c.prompt] === ends[c.prompt] ? 0 : r.digits(c.prompt);
    read.output = starts[c.completion] === ends[c.completion] ? 0 : r.digits(c.completion);
    if (read.input < 0 || read.output < 0) return false;
    read.cost = null;
    if (starts[c.spend] !== ends[c.spend]) {
      read.cost = decimalAt(r, c.spend);
      // Fifteen digits can exceed MAX_COST: the general mapper refuses such a row.
      if (read.cost < 0 || read.cost > MAX_COST) return false;
    }
    read.latency = null;
    if (c.duration >= 0 && starts[c.duration] !== ends[c.duration]) {
      read.latency = r.digits(c.duration);
      if (read.latency < 0) return false;
    } else if (c.end >= 0 && starts[c.end] !== ends[c.end]) {
      if (instantAt(r, c.end, false) === undefined) return false;
      read.latency = Math.max(0, instantMs - startMs);
    }
    return true;
  };

  return {
    runs,
    row(r, file) {
      if (!parse(r, true)) return undefined;
      const id = identityOf(r);
      return {
        file,
        line: r.line,
        source: 'litellm',
        time,
        alias: id.alias,
        tags: id.tags.slice(),
        model_id: id.model_id,
        model: id.model,
        provider: id.provider,
        api_base: id.api_base,
        region: null,
        requests: 1,
        input_tokens: read.input,
        output_tokens: read.output,
        cost: read.cost,
        failed: id.failed,
        latency_ms: read.latency,
      };
    },
    fold(r, file) {
      if (acc === undefined || !parse(r, false)) return false;
      const id = identityOf(r);
      id.route ??= acc.route({ ...id, region: null, tags: id.tags as string[] });
      const route = id.route;
      read.file = file;
      read.line = r.line;
      read.failed = id.failed;
      acc.addRouted(route, read);
      return true;
    },
  };
}

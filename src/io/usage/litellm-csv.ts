// The fast path for LiteLLM spend-log CSV: a record's bytes turned into a UsageRow without
// decoding most cells. Repeated cells (model_group, model, model_id, provider, api_base, status,
// request_tags) are decoded once per distinct combination of their raw bytes (litellm-identity.ts);
// numbers and timestamps are read from the bytes. Anything out of the ordinary (a timestamp in
// another shape, a number with a sign or exponent, tierplan text in metadata, NULL durations…)
// returns undefined and the caller reads that row through the general mapper, so both paths give
// the same rows and the same rejections.

import type { UsageRow } from '../../core/review/usage-types.js';
import { decimalAt, instantAt, instantMs } from './byte-values.js';
import type { CsvRecord } from './csv-scanner.js';
import { IdentityCache } from './litellm-identity.js';
import { isNullText, tierplanTagsOfText, useCaseFromTags } from './values.js';

export interface LitellmColumns {
  start: number; end: number; group: number; modelId: number; model: number; provider: number; apiBase: number;
  prompt: number; completion: number; spend: number; status: number; tags: number; meta: number; duration: number;
}

type FastMapper = (r: CsvRecord, file: string) => UsageRow | undefined;

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
    if (buf[k] === 0x74 && buf[k + 1] === 0x69 && buf[k + 2] === 0x65 && buf[k + 3] === 0x72 && buf[k + 4] === 0x70 && buf[k + 5] === 0x6c && buf[k + 6] === 0x61 && buf[k + 7] === 0x6e) return true;
  }
  return false;
}

/** A row mapper for LiteLLM CSV records, or undefined for a row the general mapper must read. */
export function litellmCsvMapper(c: LitellmColumns): FastMapper {
  const text = (r: CsvRecord, i: number): string | null => (i < 0 || r.starts[i] === r.ends[i] ? null : textOf(r, i));
  const identities = new IdentityCache([c.group, c.modelId, c.model, c.provider, c.apiBase, c.status, c.tags], (r) => {
    let tags: readonly string[] = NO_TAGS;
    const t = c.tags;
    if (t >= 0 && r.starts[t] !== r.ends[t] && holdsTierplan(r.buf, r.starts[t]!, r.ends[t]!)) {
      const cell = textOf(r, t);
      if (cell !== null) tags = tierplanTagsOfText(cell);
    }
    const status = text(r, c.status);
    const alias = text(r, c.group);
    return {
      alias: alias ?? useCaseFromTags(tags as string[]), tags,
      model_id: text(r, c.modelId), model: text(r, c.model), provider: text(r, c.provider), api_base: text(r, c.apiBase),
      failed: status !== null && FAILED.has(status.toLowerCase()),
    };
  });

  return (r, file) => {
    const starts = r.starts;
    const ends = r.ends;
    if (c.meta >= 0 && holdsTierplan(r.buf, starts[c.meta]!, ends[c.meta]!)) return undefined;
    const time = instantAt(r, c.start, true);
    if (time === undefined) return undefined;
    const startMs = instantMs;
    const input = starts[c.prompt] === ends[c.prompt] ? 0 : r.digits(c.prompt);
    const output = starts[c.completion] === ends[c.completion] ? 0 : r.digits(c.completion);
    if (input < 0 || output < 0) return undefined;
    let cost: number | null = null;
    if (starts[c.spend] !== ends[c.spend]) {
      cost = decimalAt(r, c.spend);
      if (cost < 0) return undefined;
    }
    let latency: number | null = null;
    if (c.duration >= 0 && starts[c.duration] !== ends[c.duration]) {
      latency = r.digits(c.duration);
      if (latency < 0) return undefined;
    } else if (c.end >= 0 && starts[c.end] !== ends[c.end]) {
      if (instantAt(r, c.end, false) === undefined) return undefined;
      latency = Math.max(0, instantMs - startMs);
    }
    const id = identities.get(r);
    return {
      file, line: r.line, source: 'litellm', time,
      alias: id.alias,
      tags: id.tags.slice(),
      model_id: id.model_id, model: id.model, provider: id.provider, api_base: id.api_base,
      region: null, requests: 1, input_tokens: input, output_tokens: output, cost,
      failed: id.failed, latency_ms: latency,
    };
  };
}

// Attribution depends only on a row's alias, tags, model_id, model, provider, api_base and region,
// which repeat row after row in a usage export: each distinct combination is attributed once and
// remembered, with a slot per month for whatever the caller keeps (the accumulator: its cells).

import type { AttributeResult } from './attribute.js';
import type { UsageRow } from './usage-types.js';

export interface Remembered<T> {
  result: AttributeResult;
  months: Map<string, T>;
}

interface Entry<T> extends Remembered<T> {
  alias: string | null;
  model: string | null;
  provider: string | null;
  api_base: string | null;
  region: string | null;
  tags: string[];
}

const MAX_ENTRIES = 4096;
const MAX_PER_MODEL_ID = 16;

export class AttributionMemo<T> {
  private readonly byModelId = new Map<string | null, Entry<T>[]>();
  private size = 0;
  constructor(private readonly attribute: (row: UsageRow) => AttributeResult) {}

  /** The row's attribution, remembered; undefined once too many distinct rows were seen (attribute it yourself). */
  get(row: UsageRow): Remembered<T> | undefined {
    const seen = this.byModelId.get(row.model_id);
    if (seen) {
      for (const m of seen) {
        if (
          m.alias === row.alias &&
          m.model === row.model &&
          m.provider === row.provider &&
          m.api_base === row.api_base &&
          m.region === row.region &&
          sameTags(m.tags, row.tags)
        )
          return m;
      }
    }
    if (this.size >= MAX_ENTRIES || (seen?.length ?? 0) >= MAX_PER_MODEL_ID) return undefined;
    const m: Entry<T> = {
      alias: row.alias,
      model: row.model,
      provider: row.provider,
      api_base: row.api_base,
      region: row.region,
      tags: [...row.tags],
      result: this.attribute(row),
      months: new Map(),
    };
    if (seen) seen.push(m);
    else this.byModelId.set(row.model_id, [m]);
    this.size++;
    return m;
  }
}

function sameTags(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

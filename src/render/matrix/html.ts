import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildMatrixView, CELL_SHOWN, SUMMARY_SHOWN, type MatrixView } from './matrix-view.js';
import type { RenderContext } from './registry.js';
import type { Plan } from '../../core/plan/plan-types.js';

// A self-contained page (inline CSS, no scripts, no external assets). Its first sheet is the
// one-page matrix, the same size for 40 use cases or 40,000: each cell names its largest use
// cases and counts the rest, the findings show their first few; every use case, gap, override and
// unclassified entry follows from the second sheet on (`page-break-before`), linked from the first.
// Every input string goes through `{{ }}`; the templates never triple-stash.

// src/render/matrix/html.ts and dist/render/matrix/html.js both sit two levels below the package root.
const TEMPLATES_DIR = new URL('../../../templates/', import.meta.url);

const HELPERS = {
  plural: (n: unknown, one: unknown, many: unknown): unknown => (n === 1 ? one : many),
};

let compiled: Handlebars.TemplateDelegate | undefined;

/** Compiled once per process, in an isolated Handlebars environment so no caller's helpers leak in. */
function matrixTemplate(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  // Required on first use (handlebars is CommonJS without an ESM default in its types), which
  // also keeps it out of the start-up path of commands that never render HTML.
  const handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  const hb = handlebars.create();
  hb.registerHelper(HELPERS);
  hb.registerPartial('styles', readTemplate('matrix-styles.css.hbs'));
  compiled = hb.compile(readTemplate('matrix.html.hbs'), {
    strict: true,
    knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
    knownHelpersOnly: true,
  });
  return compiled;
}

function readTemplate(name: string): string {
  return readFileSync(new URL(name, TEMPLATES_DIR), 'utf8');
}

interface Bar {
  label: string;
  summary: string;
  segments: { cls: string; pct: number }[];
}

function bars(v: MatrixView): Bar[] {
  const metrics = [
    { label: 'count', summary: v.splitSummary.count, key: 'count' },
    { label: 'tokens', summary: v.splitSummary.tokens, key: 'tokens' },
    { label: 'cost', summary: v.splitSummary.cost, key: 'cost' },
    { label: 'reference', summary: v.splitSummary.reference, key: 'reference' },
  ] as const;
  return metrics.map((m) => ({
    label: m.label,
    summary: m.summary,
    segments: v.split.map((s) => ({ cls: s.cls, pct: s.pct[m.key] })).filter((s) => s.pct > 0),
  }));
}

/**
 * Handlebars escapes markup but passes control characters through; an escape sequence in a
 * name would then reach whoever `cat`s the file. They become U+FFFD; newlines and tabs stay.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

function withoutControls<T>(value: T): T {
  if (typeof value === 'string') return (CONTROL.test(value) ? value.replace(CONTROLS, '\ufffd') : value) as T;
  // Copied only where something changed: the view of 10,000 use cases is mostly clean.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((x: unknown, i) => {
      const clean = withoutControls(x);
      if (clean === x) return;
      copy ??= [...value];
      copy[i] = clean;
    });
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [k, x] of Object.entries(value)) {
      const clean = withoutControls(x);
      if (clean === x) continue;
      copy ??= { ...(value as Record<string, unknown>) };
      copy[k] = clean;
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** The first entries of each list page one shows, and how many it leaves to the following pages. */
function firstOf(v: MatrixView): { first: Record<string, unknown[]>; more: Record<string, number> } {
  const lists = { gaps: v.gaps, overrides: v.overrides, expiring: v.expiring, unclassified: v.unclassified };
  const first: Record<string, unknown[]> = {};
  const more: Record<string, number> = {};
  for (const [k, list] of Object.entries(lists)) {
    first[k] = list.slice(0, SUMMARY_SHOWN);
    more[k] = Math.max(0, list.length - SUMMARY_SHOWN);
  }
  return { first, more };
}

export function renderHtml(plan: Plan, _ctx: RenderContext): string {
  const v = withoutControls(buildMatrixView(plan));
  return matrixTemplate()({
    ...v,
    ...firstOf(v),
    bars: bars(v),
    cellShown: CELL_SHOWN,
    schemaVersion: plan.schema_version,
  });
}

import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import type { Plan } from '../../core/plan/plan-types.js';

// The one registry of plan renderers. The CLI imports it lazily, once it has a plan to render;
// handlebars is then loaded only by the first HTML render.

export interface RenderContext {
  /** ANSI colour in terminal output; false under NO_COLOR, off a TTY and in golden tests. */
  color: boolean;
  /** Terminal columns for the table (the CLI decides: --width, COLUMNS, the terminal); 80 when absent. */
  width?: number;
}

export type PlanRenderer = (plan: Plan, ctx: RenderContext) => string;

export type PlanFormat = 'table' | 'markdown' | 'html' | 'json';

export const planRenderers: Record<PlanFormat, PlanRenderer> = {
  table: renderTable,
  markdown: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

export const PLAN_FORMATS = Object.keys(planRenderers) as PlanFormat[];

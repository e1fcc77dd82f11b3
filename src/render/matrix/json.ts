import type { RenderContext } from './registry.js';
import type { Plan } from '../../core/plan/plan-types.js';

/** The versioned interchange format; the core already builds the plan in stable key order. */
export function renderJson(plan: Plan, _ctx: RenderContext): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

// One group of use cases as `plan` shows it on a terminal before asking what to do with it: its
// size, what is suggested and why (each distinct reason once, counted), the first ids, and where
// its members land now and would land once the suggestions are accepted or dismissed.
import type { AttentionGroup, Counted } from '../../core/classify/attention.js';
import type { GroupEffect, Placement } from '../../core/classify/effect.js';
import { sanitizeTerminal as clean } from '../text/terminal-style.js';

const SHOWN_IDS = 8;
const SHOWN_REASONS = 3;
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const list = (xs: readonly Counted[]): string => xs.map((x) => `${clean(x.text)} ×${x.count}`).join(', ');

export function describePlacement(p: Placement): string {
  if (p.tiers.length === 0) return 'nothing';
  const tiers = p.tiers.map((t) => `${t.count} ${t.tier === null ? 'gap' : clean(t.tier)}`).join(', ');
  return p.unclassified > 0 ? `${tiers} (${p.unclassified} still unclassified, placed fail-closed)` : tiers;
}

export function renderGroupCard(
  group: AttentionGroup,
  members: readonly { id: string }[],
  effect: GroupEffect,
  position: { n: number; of: number },
): string {
  const size = members.length;
  const without = size - effect.deciding;
  const lines = [
    `[group ${position.n}/${position.of}] ${clean(group.key)} — ${plural(size, 'use case')}${effect.deciding > 0 && without > 0 ? `, ${effect.deciding} with suggestions` : ''}`,
  ];
  if (effect.deciding > 0) {
    const tasks = group.tasks.length > 0 ? `; task ${list(group.tasks)}` : '';
    lines.push(`  suggested ${list(group.classes) || 'no class'}${tasks}`);
    for (const b of group.because.slice(0, SHOWN_REASONS)) lines.push(`    because ${clean(b.text)} (${b.count})`);
    if (group.because.length > SHOWN_REASONS)
      lines.push(`    … ${plural(group.because.length - SHOWN_REASONS, 'more reason')}`);
  }
  const ids = members.slice(0, SHOWN_IDS).map((m) => clean(m.id));
  lines.push(`  ${ids.join(', ')}${size > SHOWN_IDS ? `, +${size - SHOWN_IDS} more` : ''}`);
  if (effect.deciding > 0) {
    lines.push(`  placed now (suggestions applied fail-closed): ${describePlacement(effect.now)}`);
    lines.push(`  if accepted: ${describePlacement(effect.accepted)}`);
    lines.push(`  if dismissed: ${describePlacement(effect.dismissed)}`);
  }
  if (without > 0)
    lines.push(
      `  ${plural(without, 'use case')} without a suggestion: answer ${without === 1 ? 'it' : 'them'} one by one, or once for all`,
    );
  return `${lines.join('\n')}\n`;
}

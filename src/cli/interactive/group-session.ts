// `plan` on a terminal, by group: the use cases that need attention grouped (by owner, by
// suggestion, by the answers needed), each group shown with its effect, then decided at once —
// accept or dismiss its suggestions, answer once for all, one by one, skip, or stop. Every
// decision is saved straight away (saveUseCases: each file in one pass, all or nothing), so Ctrl-C
// or stop keeps what was decided, and the next `plan` offers only what is still open.
import { input, select } from '@inquirer/prompts';
import { attentionGroups, type AttentionGroup, type SessionGroupBy } from '../../core/classify/attention.js';
import {
  acceptChanges,
  dismissChanges,
  hasPendingSuggestion,
  unknownSuggestedClasses,
} from '../../core/classify/decide.js';
import { groupEffect } from '../../core/classify/effect.js';
import { applyChanges, type Change } from '../../core/interactive/answers.js';
import { needsAttention } from '../../core/interactive/questions.js';
import type { UseCase } from '../../core/policy/types.js';
import { saveUseCases } from '../../io/edit/write-back.js';
import { renderGroupCard } from '../../render/classify/group-card.js';
import { sanitizeTerminal as clean } from '../../render/text/terminal-style.js';
import type { CliContext } from '../context.js';
import type { Inputs } from '../inputs.js';
import { describeSuggestion, oneUseCase } from './one-use-case.js';
import { filesSaved } from './files-saved.js';
import type { SessionResult } from './session.js';
import { answerOnceForAll } from './shared-answers.js';
import type { SigintGuard } from './sigint-guard.js';

export interface GroupSession {
  ctx: CliContext;
  inputs: Inputs;
  generator: string;
  guard: SigintGuard;
  result: SessionResult;
  /** The file that holds each use case. */
  fileOf: Map<string, string>;
}

type GroupDecision = 'accept' | 'dismiss' | 'shared' | 'each' | 'skip' | 'stop';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export async function workByGroup(s: GroupSession, queue: readonly UseCase[]): Promise<'done' | 'stopped'> {
  const io = { signal: s.guard.signal };
  /** Each use case as it is written now; decided ones drop out of `open`. */
  const current = new Map(queue.map((u) => [u.id, u]));
  const open = new Set(queue.map((u) => u.id));
  const skipped = new Set<string>();
  const refresh = (): void => {
    s.result.skipped = [...skipped].filter((id) => open.has(id));
    s.result.left = [...open].filter((id) => !skipped.has(id));
  };
  refresh();
  // Sets beside the result's lists, so recording thousands of decisions stays linear.
  const savedIds = new Set(s.result.saved);
  const savedFiles = new Set(s.result.files);
  const record = (id: string, file: string): void => {
    if (!savedIds.has(id)) s.result.saved.push(id);
    if (!savedFiles.has(file)) s.result.files.push(file);
    savedIds.add(id);
    savedFiles.add(file);
  };
  const count = (by: SessionGroupBy): string => plural(attentionGroups(queue, by).length, 'group');
  const by = await select<SessionGroupBy>(
    {
      message: 'Group them how?',
      choices: [
        { value: 'owner', name: `by owner (${count('owner')})` },
        { value: 'suggestion', name: `by suggestion: the same classes and task suggested (${count('suggestion')})` },
        {
          value: 'answers',
          name: `by the answers needed: the same questions open, the same suggestion (${count('answers')})`,
        },
      ],
      loop: false,
    },
    io,
  );
  s.ctx.out(
    'Each decision is saved into the inventory at once; Ctrl-C or stop keeps it, and `tierplan plan` later offers only what is still open.\n',
  );

  /** Writes many use cases' changes in one step, then records them as decided. */
  const save = async (changes: Map<string, Change[]>): Promise<void> => {
    const byFile = new Map<string, Map<string, Change[]>>();
    for (const [id, c] of changes) {
      const file = s.fileOf.get(id)!;
      byFile.set(file, (byFile.get(file) ?? new Map<string, Change[]>()).set(id, c));
    }
    await s.guard.whileSaving(() => saveUseCases(byFile, { callerHandlesSignals: true }));
    for (const [id, c] of changes) {
      const next = applyChanges(current.get(id)!, c);
      current.set(id, next);
      record(id, s.fileOf.get(id)!);
      if (!needsAttention(next)) open.delete(id);
    }
    refresh();
    s.ctx.out(`saved ${plural(changes.size, 'use case')} to ${filesSaved([...byFile.keys()].map(clean))}\n`);
  };

  const groups = attentionGroups(queue, by);
  for (const [g, group] of groups.entries()) {
    const outcome = await oneGroup(
      s,
      group,
      { n: g + 1, of: groups.length },
      { current, open, skipped, save, refresh, record },
    );
    if (outcome === 'stop') return 'stopped';
  }
  return 'done';
}

interface GroupState {
  current: Map<string, UseCase>;
  open: Set<string>;
  skipped: Set<string>;
  save: (changes: Map<string, Change[]>) => Promise<void>;
  refresh: () => void;
  /** Counts a use case as saved, to the file that holds it. */
  record: (id: string, file: string) => void;
}

async function oneGroup(
  s: GroupSession,
  group: AttentionGroup,
  position: { n: number; of: number },
  st: GroupState,
): Promise<'next' | 'stop'> {
  const io = { signal: s.guard.signal };
  const opts = { asOf: s.inputs.asOf, generator: s.generator };
  for (;;) {
    s.guard.check();
    const members = group.use_cases.filter((u) => st.open.has(u.id)).map((u) => st.current.get(u.id)!);
    if (members.length === 0) return 'next';
    const deciding = members.filter(hasPendingSuggestion);
    const effect = groupEffect(members, s.inputs.policy, opts);
    s.ctx.out(`\n${renderGroupCard(group, members, effect, position)}`);
    const unknown = unknownSuggestedClasses(deciding, s.inputs.policy);
    const none = deciding.length === 0 ? 'no suggestion to decide' : undefined;
    const decision = await select<GroupDecision>(
      {
        message: `What to do with this group of ${plural(members.length, 'use case')}?`,
        choices: [
          {
            value: 'accept',
            name: `accept the suggestions of ${plural(deciding.length, 'use case')} and save`,
            ...((none ?? unknown.length > 0)
              ? { disabled: none ?? `suggests ${unknown.map(clean).join(', ')}, not in the policy's data classes` }
              : {}),
          },
          {
            value: 'dismiss',
            name: `dismiss the suggestions of ${plural(deciding.length, 'use case')} (asks who and why)`,
            ...(none ? { disabled: none } : {}),
          },
          { value: 'shared', name: `answer once for all ${plural(members.length, 'use case')}` },
          { value: 'each', name: 'answer one by one' },
          { value: 'skip', name: 'skip this group: nothing is written, it is offered again next time' },
          { value: 'stop', name: 'stop and show the plan' },
        ],
        loop: false,
      },
      io,
    );
    switch (decision) {
      case 'accept':
        await st.save(new Map(deciding.map((u) => [u.id, acceptChanges(u)])));
        break;
      case 'dismiss': {
        const why = await input(
          {
            message: 'Who dismisses them, and why? (written as suggested.dismissed)',
            required: true,
            validate: (v) => v.trim().length > 0 || 'say who and why, e.g. "HR lead: no staff data"',
          },
          io,
        );
        await st.save(new Map(deciding.map((u) => [u.id, dismissChanges(u, why.trim())])));
        break;
      }
      case 'shared': {
        const changes = await answerOnceForAll(s, members);
        if (changes) await st.save(changes);
        break;
      }
      case 'each':
        return answerEach(s, members, st);
      case 'skip':
        for (const u of members) st.skipped.add(u.id);
        st.refresh();
        return 'next';
      case 'stop':
        return 'stop';
    }
  }
}

async function answerEach(s: GroupSession, members: readonly UseCase[], st: GroupState): Promise<'next' | 'stop'> {
  for (const [n, uc] of members.entries()) {
    s.guard.check();
    const file = s.fileOf.get(uc.id)!;
    s.ctx.out(`\n[${n + 1}/${members.length}] ${uc.id}: ${clean(uc.name)}  (${clean(file)})\n`);
    if (uc.description) s.ctx.out(`${clean(uc.description.trim())}\n`);
    if (uc.suggested) s.ctx.out(describeSuggestion(uc));
    const decision = await oneUseCase(s.ctx, s.inputs, { uc, file, generator: s.generator, guard: s.guard });
    if (decision === 'save') {
      st.open.delete(uc.id);
      st.record(uc.id, file);
      s.ctx.out(`saved ${uc.id} to ${clean(file)}\n`);
    } else if (decision === 'skip') st.skipped.add(uc.id);
    st.refresh();
    if (decision === 'stop') return 'stop';
  }
  return 'next';
}

/**
 * 4.7.1 沟通评估结果: the enterprise may contest specific requirement scores with new evidence, within a
 * window; the team answers each contest once; an upheld contest changes the team score and the result is
 * recomputed (by the engine, outside: the answer carries the recomputed result).
 */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { validateEvidenceItem } from './evidence.js';
import { teamMemberIds } from './resource.js';
import type {
  Assessment,
  ConsensusEntry,
  Contest,
  ContestWindow,
  EvidenceItem,
  FrozenResult,
  ProcessError,
  ScoreValue,
} from './types.js';
import { addDays, fail, isBlank, isScoreValue } from './util.js';
import { SCORE_VALUES } from '../model/grades.js';

/** Open the contest window at `now` for `days` days (the deadline is inclusive). */
export function openContestWindow(now: Date, days: number): ContestWindow {
  return { openedAt: now.toISOString(), deadline: addDays(now, days).toISOString() };
}

export type ContestWindowState = 'not_open' | 'open' | 'waived' | 'expired';

export interface ContestWindowStatus {
  state: ContestWindowState;
  deadline?: string;
  /** While open: milliseconds left until the deadline. */
  remainingMs?: number;
}

export function contestWindowStatus(a: Pick<Assessment, 'contestWindow'>, now: Date): ContestWindowStatus {
  const w = a.contestWindow;
  if (!w) return { state: 'not_open' };
  if (w.waived) return { state: 'waived', deadline: w.deadline };
  const left = Date.parse(w.deadline) - now.getTime();
  if (left < 0) return { state: 'expired', deadline: w.deadline };
  return { state: 'open', deadline: w.deadline, remainingMs: left };
}

export function openContests(a: Pick<Assessment, 'contests'>): Contest[] {
  return a.contests.filter((c) => c.answer === undefined);
}

/** The team scores if the given contest were upheld with `newValue`: the engine's input for recomputing. */
export function teamScoresAfterContest(
  a: Assessment,
  requirementId: string,
  newValue: ScoreValue,
): Record<string, ScoreValue> {
  const scores: Record<string, ScoreValue> = {};
  for (const [id, e] of Object.entries(a.consensus)) scores[id] = e.value;
  scores[requirementId] = newValue;
  return scores;
}

/** Before the final meeting: the window is over (deadline passed or waived) and every contest is answered. */
export function contestProblemsBeforeFinal(a: Assessment, now: Date): ProcessError[] {
  const errors: ProcessError[] = [];
  const status = contestWindowStatus(a, now);
  if (status.state === 'open') {
    errors.push(
      fail(
        'validation',
        `the contest window is open until ${status.deadline ?? ''}; wait or have the enterprise waive it`,
        'contestWindow',
        {
          deadline: status.deadline ?? null,
        },
      ),
    );
  }
  const pending = openContests(a).map((c) => c.id);
  if (pending.length > 0) {
    errors.push(fail('validation', `${pending.length} contest(s) not answered`, 'contests', { pending }));
  }
  return errors;
}

function contestEvidence(
  cmd: { id: string; evidence: Omit<EvidenceItem, 'kind' | 'by' | 'contestId'>[] },
  by: string,
): EvidenceItem[] {
  return cmd.evidence.map((e) => ({ ...e, kind: 'submitted', by, contestId: cmd.id }));
}

export const guardFile: Guard<'contest.file'> = (a, cmd, ctx) => {
  const status = contestWindowStatus(a, ctx.now);
  if (status.state === 'expired') {
    return fail(
      'deadline_passed',
      `the contest deadline (${status.deadline ?? ''}) has passed`,
      'contestWindow',
      {
        deadline: status.deadline ?? null,
      },
    );
  }
  if (status.state === 'waived')
    return fail('deadline_passed', 'the enterprise waived further contests', 'contestWindow');
  if (status.state !== 'open') return fail('validation', 'the contest window is not open', 'contestWindow');
  if (isBlank(cmd.id)) return fail('validation', 'the contest needs an id', 'id');
  if (a.contests.some((c) => c.id === cmd.id))
    return fail('conflict', `contest ${cmd.id} already exists`, 'id');
  if (!ctx.inScope(cmd.requirementId)) {
    return fail(
      'validation',
      `requirement ${cmd.requirementId} is not in this assessment's scope`,
      'requirementId',
    );
  }
  const entry = a.consensus[cmd.requirementId];
  if (!entry)
    return fail('validation', `requirement ${cmd.requirementId} has no team score`, 'requirementId');
  const pending = a.contests.find((c) => c.requirementId === cmd.requirementId && c.answer === undefined);
  if (pending) {
    return fail(
      'conflict',
      `contest ${pending.id} on this requirement is still unanswered`,
      'requirementId',
      {
        contestId: pending.id,
      },
    );
  }
  if (isBlank(cmd.claim)) return fail('validation', 'the contest needs a claim (再次论证)', 'claim');
  if (cmd.requestedValue !== undefined) {
    if (!isScoreValue(cmd.requestedValue))
      return fail(
        'validation',
        `requested score must be one of ${SCORE_VALUES.join(', ')}`,
        'requestedValue',
      );
    if (cmd.requestedValue === entry.value) {
      return fail('validation', 'the requested score equals the team score', 'requestedValue');
    }
  }
  if (!Array.isArray(cmd.evidence) || cmd.evidence.length === 0) {
    return fail('validation', 'a contest must bring new evidence', 'evidence');
  }
  const ids = new Set(a.evidence.map((e) => e.id));
  const errors: ProcessError[] = [];
  contestEvidence(cmd, ctx.actor.userId).forEach((item, i) => {
    if (ids.has(item.id))
      errors.push(fail('conflict', `evidence ${item.id} already exists`, `evidence.${i}.id`));
    ids.add(item.id);
    if (item.requirementId !== cmd.requirementId) {
      errors.push(
        fail(
          'validation',
          'contest evidence must concern the contested requirement',
          `evidence.${i}.requirementId`,
        ),
      );
    }
    errors.push(
      ...validateEvidenceItem(
        item,
        { industry: a.industry, isRequirementOf: (_i, id) => ctx.inScope(id), now: ctx.now },
        `evidence.${i}`,
      ),
    );
  });
  return firstOf(errors);
};

export const effectFile: Effect<'contest.file'> = (a, cmd, ctx) => {
  const evidence = contestEvidence(cmd, ctx.actor.userId);
  const contest: Contest = {
    id: cmd.id,
    requirementId: cmd.requirementId,
    claim: cmd.claim.trim(),
    evidence,
    filedBy: ctx.actor.userId,
    filedAt: ctx.at,
    ...(cmd.requestedValue === undefined ? {} : { requestedValue: cmd.requestedValue }),
  };
  return {
    assessment: { ...a, contests: [...a.contests, contest], evidence: [...a.evidence, ...evidence] },
    events: [{ type: 'contest.filed', data: { contestId: cmd.id, requirementId: cmd.requirementId } }],
  };
};

export const guardWaive: Guard<'contest.waive'> = (a, _cmd, ctx) => {
  const status = contestWindowStatus(a, ctx.now);
  if (status.state === 'waived') return fail('conflict', 'already waived', 'contestWindow');
  if (status.state === 'not_open')
    return fail('validation', 'the contest window is not open', 'contestWindow');
  return null;
};

export const effectWaive: Effect<'contest.waive'> = (a, _cmd, ctx) => ({
  assessment: {
    ...a,
    contestWindow: { ...(a.contestWindow as ContestWindow), waived: { by: ctx.actor.userId, at: ctx.at } },
  },
  events: [{ type: 'contest.waived', data: {} }],
});

export const guardAnswer: Guard<'contest.answer'> = (a, cmd) => {
  const c = a.contests.find((x) => x.id === cmd.contestId);
  if (!c) return fail('not_found', `no contest ${cmd.contestId}`, 'contestId');
  if (c.answer)
    return fail('conflict', `contest ${c.id} was already answered (${c.answer.decision})`, 'contestId');
  if (cmd.decision !== 'upheld' && cmd.decision !== 'rejected') {
    return fail('validation', 'decision must be upheld or rejected', 'decision');
  }
  if (isBlank(cmd.reason)) return fail('validation', 'the answer needs a reason', 'reason');
  if (cmd.decision === 'upheld') {
    const current = a.consensus[c.requirementId]?.value;
    if (!isScoreValue(cmd.newValue))
      return fail('validation', 'an upheld contest needs the new team score', 'newValue');
    if (cmd.newValue === current)
      return fail('validation', 'an upheld contest must change the team score', 'newValue');
    if (cmd.recomputedResult === undefined) {
      return fail(
        'validation',
        'an upheld contest needs the result recomputed with the new score',
        'recomputedResult',
      );
    }
  } else if (cmd.newValue !== undefined || cmd.recomputedResult !== undefined) {
    return fail('validation', 'a rejected contest leaves the score unchanged', 'newValue');
  }
  return null;
};

export const effectAnswer: Effect<'contest.answer'> = (a, cmd, ctx) => {
  const c = a.contests.find((x) => x.id === cmd.contestId) as Contest;
  const entry = a.consensus[c.requirementId] as ConsensusEntry;
  const upheld = cmd.decision === 'upheld';
  const answer = {
    decision: cmd.decision,
    reason: cmd.reason.trim(),
    previousValue: entry.value,
    answeredBy: ctx.actor.userId,
    at: ctx.at,
    ...(upheld ? { newValue: cmd.newValue as ScoreValue } : {}),
  };
  let next: Assessment = { ...a, contests: a.contests.map((x) => (x.id === c.id ? { ...x, answer } : x)) };
  if (upheld) {
    const newValue = cmd.newValue as ScoreValue;
    const members = teamMemberIds(a);
    const dissent = members
      .map((id) => a.sheets[id]?.scores[c.requirementId])
      .map((s, i) => ({ expertId: members[i] as string, s }))
      .filter((x) => x.s !== undefined && x.s.value !== newValue)
      .map((x) => ({ expertId: x.expertId, value: (x.s as { value: ScoreValue }).value }));
    const changed: ConsensusEntry = {
      ...entry,
      value: newValue,
      rationale: `${entry.rationale}\n[contest ${c.id}] ${cmd.reason.trim()}`,
      dissent,
      decidedBy: ctx.actor.userId,
      at: ctx.at,
      version: entry.version + 1,
      source: { contestId: c.id },
    };
    const consensus = { ...a.consensus, [c.requirementId]: changed };
    const teamScores: Record<string, ScoreValue> = {};
    for (const [id, e] of Object.entries(consensus)) teamScores[id] = e.value;
    const result: FrozenResult = {
      revision: a.resultHistory.length + 1,
      value: cmd.recomputedResult ?? null,
      modelId: a.modelId,
      teamScores,
      frozenAt: ctx.at,
      frozenBy: ctx.actor.userId,
      cause: { contestId: c.id },
    };
    next = { ...next, consensus, result, resultHistory: [...a.resultHistory, result] };
  }
  return {
    assessment: next,
    events: [
      {
        type: upheld ? 'contest.upheld' : 'contest.rejected',
        data: {
          contestId: c.id,
          requirementId: c.requirementId,
          previousValue: entry.value,
          newValue: upheld ? (cmd.newValue as string) : entry.value,
          ...(upheld ? { resultRevision: next.result?.revision ?? null } : {}),
        },
      },
    ],
  };
};

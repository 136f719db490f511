/**
 * 4.5.2 "评估组长…组织评估组成员培训": the leader briefs the team before the formal assessment. Formal scoring
 * (`scoring.open`) needs every member to have attended the briefing or to be excused with a reason.
 */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { teamMemberIds } from './resource.js';
import type { Assessment, Briefing, ProcessError } from './types.js';
import { chinaDate, fail, isBlank, isIsoDate } from './util.js';

export const BRIEFING_CONTENT_MAX = 10_000;

export function validateBriefing(
  b: Briefing | Omit<Briefing, 'recordedBy' | 'recordedAt' | 'version'>,
  a: Assessment,
  now: Date,
): ProcessError[] {
  const errors: ProcessError[] = [];
  if (!isIsoDate(b.heldOn))
    errors.push(fail('validation', 'the briefing date must be YYYY-MM-DD', 'briefing.heldOn'));
  else if (b.heldOn > chinaDate(now))
    errors.push(
      fail('validation', 'a briefing cannot be recorded before it is held', 'briefing.heldOn', {
        rule: 'briefing.heldOn.future',
      }),
    );
  if (isBlank(b.content))
    errors.push(fail('validation', 'say what the briefing covered', 'briefing.content'));
  else if (b.content.length > BRIEFING_CONTENT_MAX)
    errors.push(
      fail('validation', 'content too long', 'briefing.content', {
        rule: 'maxLength',
        limit: BRIEFING_CONTENT_MAX,
      }),
    );
  const members = teamMemberIds(a);
  const attendees = Array.isArray(b.attendees) ? b.attendees : [];
  const excused = Array.isArray(b.excused) ? b.excused : [];
  const strangers = [...attendees, ...excused.map((x) => x.userId)].filter((id) => !members.includes(id));
  if (strangers.length > 0)
    errors.push(
      fail('validation', 'attendees and excused members must be on the team', 'briefing.attendees', {
        rule: 'briefing.team',
        notOnTeam: strangers,
      }),
    );
  const both = excused.filter((x) => attendees.includes(x.userId)).map((x) => x.userId);
  if (both.length > 0)
    errors.push(
      fail('validation', 'a member either attended or is excused', 'briefing.excused', {
        rule: 'briefing.both',
        members: both,
      }),
    );
  for (const [i, x] of excused.entries())
    if (isBlank(x.reason))
      errors.push(
        fail('validation', 'an excused member needs a reason', `briefing.excused.${i}.reason`, {
          rule: 'briefing.excused.reason',
        }),
      );
  return errors;
}

/** Team members neither at the briefing nor excused (all of them when none was recorded). */
export function unbriefedMembers(a: Assessment): string[] {
  const b = a.briefing;
  const covered = new Set([...(b?.attendees ?? []), ...(b?.excused ?? []).map((x) => x.userId)]);
  return teamMemberIds(a).filter((id) => !covered.has(id));
}

/** 4.5.2: the problem that keeps formal scoring closed, or null. */
export function briefingProblem(a: Assessment): ProcessError | null {
  if (!a.briefing)
    return fail(
      'validation',
      'record the leader’s briefing of the team (4.5.2) before formal scoring',
      'briefing',
      {
        rule: 'scoring.briefing',
      },
    );
  const missing = unbriefedMembers(a);
  return missing.length === 0
    ? null
    : fail(
        'validation',
        `${missing.length} member(s) neither attended the briefing nor are excused`,
        'briefing',
        {
          rule: 'scoring.briefing.members',
          missing,
        },
      );
}

export const guardBriefing: Guard<'briefing.record'> = (a, cmd, ctx) =>
  firstOf(validateBriefing(cmd.briefing, a, ctx.now));

export const effectBriefing: Effect<'briefing.record'> = (a, cmd, ctx) => {
  const briefing: Briefing = {
    heldOn: cmd.briefing.heldOn,
    attendees: [...new Set(cmd.briefing.attendees)],
    content: cmd.briefing.content.trim(),
    excused: cmd.briefing.excused.map((x) => ({ userId: x.userId, reason: x.reason.trim() })),
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.at,
    version: (a.briefing?.version ?? 0) + 1,
  };
  return {
    assessment: { ...a, briefing },
    events: [
      {
        type: 'briefing.record',
        data: {
          heldOn: briefing.heldOn,
          attendees: briefing.attendees,
          excused: briefing.excused.map((x) => x.userId),
        },
      },
    ],
  };
};

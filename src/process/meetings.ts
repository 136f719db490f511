/** 4.6.1 首次会议 and 4.7.2 末次会议. */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { contestProblemsBeforeFinal } from './contest.js';
import { plansReadyProblems } from './plan.js';
import { teamLeaderId } from './resource.js';
import type { Assessment, Meeting, MeetingInput, ProcessError } from './types.js';
import { FINAL_MEETING_TOPICS, FIRST_MEETING_TOPICS } from './types.js';
import { fail, isBlank, isIsoDateTime } from './util.js';

/**
 * Every problem with the minutes of a meeting: held (not in the future), minutes written, the team leader
 * and at least one enterprise representative present, the topics the standard requires covered; for the
 * first meeting, the parties agreed on the plan.
 */
export function validateMeeting(
  kind: 'first' | 'final',
  m: MeetingInput,
  a: Assessment,
  now: Date,
): ProcessError[] {
  const errors: ProcessError[] = [];
  if (!isIsoDateTime(m.heldAt))
    errors.push(fail('validation', 'meeting date-time is invalid', 'meeting.heldAt'));
  else if (Date.parse(m.heldAt) > now.getTime()) {
    errors.push(
      fail('validation', 'a meeting cannot be recorded before it is held', 'meeting.heldAt', {
        rule: 'meeting.heldAt.future',
      }),
    );
  }
  if (isBlank(m.minutes)) errors.push(fail('validation', 'the meeting needs minutes', 'meeting.minutes'));
  const attendees = Array.isArray(m.attendees) ? m.attendees : [];
  const leader = teamLeaderId(a);
  if (leader === undefined || !attendees.some((x) => x.side === 'team' && x.userId === leader)) {
    errors.push(
      fail('validation', 'the team leader must attend', 'meeting.attendees', { rule: 'meeting.leader' }),
    );
  }
  if (!attendees.some((x) => x.side === 'enterprise' && !isBlank(x.name))) {
    errors.push(
      fail('validation', 'the enterprise must be represented', 'meeting.attendees', {
        rule: 'meeting.enterprise',
      }),
    );
  }
  const required: readonly string[] = kind === 'first' ? FIRST_MEETING_TOPICS : FINAL_MEETING_TOPICS;
  const topics = Array.isArray(m.topics) ? m.topics : [];
  const uncovered = required.filter((t) => !topics.includes(t));
  if (uncovered.length > 0) {
    errors.push(
      fail('validation', `topics not covered: ${uncovered.join(', ')}`, 'meeting.topics', { uncovered }),
    );
  }
  if (kind === 'first' && m.planAgreed !== true) {
    errors.push(
      fail('validation', 'the parties must agree on the plan (4.6.1 达成一致)', 'meeting.planAgreed'),
    );
  }
  return errors;
}

function meeting(kind: 'first' | 'final', m: MeetingInput, by: string, at: string): Meeting {
  const out: Meeting = {
    kind,
    heldAt: m.heldAt,
    minutes: m.minutes,
    attendees: m.attendees.map((x) => ({ ...x })),
    topics: [...m.topics],
    recordedBy: by,
    recordedAt: at,
  };
  if (kind === 'first') out.planAgreed = m.planAgreed === true;
  return out;
}

/** The first meeting needs both plans confirmed by the enterprise. */
export const guardFirstMeeting: Guard<'meeting.record_first'> = (a, cmd, ctx) =>
  firstOf([...plansReadyProblems(a), ...validateMeeting('first', cmd.meeting, a, ctx.now)]);

export const effectFirstMeeting: Effect<'meeting.record_first'> = (a, cmd, ctx) => ({
  assessment: {
    ...a,
    meetings: { ...a.meetings, first: meeting('first', cmd.meeting, ctx.actor.userId, ctx.at) },
  },
  events: [{ type: 'meeting.first_recorded', data: { heldAt: cmd.meeting.heldAt } }],
});

/** The final meeting needs the contest window closed and every contest answered. */
export const guardFinalMeeting: Guard<'meeting.record_final'> = (a, cmd, ctx) =>
  firstOf([...contestProblemsBeforeFinal(a, ctx.now), ...validateMeeting('final', cmd.meeting, a, ctx.now)]);

export const effectFinalMeeting: Effect<'meeting.record_final'> = (a, cmd, ctx) => ({
  assessment: {
    ...a,
    meetings: { ...a.meetings, final: meeting('final', cmd.meeting, ctx.actor.userId, ctx.at) },
  },
  events: [{ type: 'meeting.final_recorded', data: { heldAt: cmd.meeting.heldAt } }],
});

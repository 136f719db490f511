/**
 * 4.6.3 "评估组应对达成一致意见，必要时进行组内评审": when the experts' submitted grades of a requirement spread
 * widely, the team holds a group review (组内评审) and the leader records its outcome before the team score.
 */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { teamMemberIds } from './resource.js';
import { scoreSpread } from './scoring-sheets.js';
import type { Assessment, ExpertScore, GradeSheet, GroupReview, ProcessError } from './types.js';

/** What the spread of the submitted grades reads of the aggregate: the team and the sheets' values. */
type Graded = Pick<Assessment, 'team'> & { sheets: Record<string, GradeSheet<Pick<ExpertScore, 'value'>>> };
import { fail, isBlank } from './util.js';

/**
 * 4.6.3 "必要时进行组内评审": the one place of the threshold. A requirement needs a group review when the highest
 * and the lowest submitted grade differ by this many tenths or more (max − min ≥ 0.5).
 */
export const GROUP_REVIEW_SPREAD_TENTHS = 5;

export const GROUP_REVIEW_TEXT_MAX = 4000;

export const groupReviewsOf = (a: Pick<Assessment, 'groupReviews'>): Record<string, GroupReview> =>
  a.groupReviews ?? {};

/** The submitted sheets of the team's experts. */
function submittedSheets(a: Graded) {
  const members = teamMemberIds(a);
  return Object.values(a.sheets).filter((s) => s.submittedAt !== undefined && members.includes(s.expertId));
}

/** The spread (tenths) of the submitted grades of the team's experts on one requirement. */
export function submittedSpreadTenths(a: Graded, requirementId: string): number {
  return scoreSpread(submittedSheets(a), [requirementId])[0]?.rangeTenths ?? 0;
}

/** 4.6.3: whether the experts' grades spread so widely that a group review is necessary. */
export function needsGroupReview(a: Graded, requirementId: string): boolean {
  return submittedSpreadTenths(a, requirementId) >= GROUP_REVIEW_SPREAD_TENTHS;
}

/** Requirements in scope that need a group review (`needsGroupReview`), in model order: one pass over the sheets. */
export function requirementsNeedingGroupReview(a: Graded & Pick<Assessment, 'requirementIds'>): string[] {
  return scoreSpread(submittedSheets(a), a.requirementIds)
    .filter((row) => row.rangeTenths >= GROUP_REVIEW_SPREAD_TENTHS)
    .map((row) => row.requirementId);
}

/** 4.6.3: the problem that keeps the team score of `requirementId` from being recorded, or null. */
export function groupReviewProblem(a: Assessment, requirementId: string): ProcessError | null {
  if (!needsGroupReview(a, requirementId) || groupReviewsOf(a)[requirementId]) return null;
  return fail(
    'validation',
    `the grades of ${requirementId} spread by ${GROUP_REVIEW_SPREAD_TENTHS / 10} or more: record the group review (4.6.3) first`,
    'requirementId',
    { rule: 'consensus.group_review', requirementId },
  );
}

export const guardGroupReview: Guard<'group_review.record'> = (a, cmd, ctx) => {
  const errors: ProcessError[] = [];
  if (!ctx.inScope(cmd.requirementId))
    errors.push(
      fail(
        'validation',
        `requirement ${cmd.requirementId} is not in this assessment's scope`,
        'requirementId',
        {
          rule: 'group_review.scope',
        },
      ),
    );
  else if (!needsGroupReview(a, cmd.requirementId))
    errors.push(
      fail(
        'validation',
        'the experts’ grades of this requirement do not need a group review',
        'requirementId',
        {
          rule: 'group_review.not_needed',
          requirementId: cmd.requirementId,
        },
      ),
    );
  if (isBlank(cmd.outcome))
    errors.push(
      fail('validation', 'state the outcome of the group review', 'outcome', {
        rule: 'group_review.outcome',
      }),
    );
  else if (cmd.outcome.length > GROUP_REVIEW_TEXT_MAX)
    errors.push(
      fail('validation', 'outcome too long', 'outcome', { rule: 'maxLength', limit: GROUP_REVIEW_TEXT_MAX }),
    );
  if (typeof cmd.note === 'string' && cmd.note.length > GROUP_REVIEW_TEXT_MAX)
    errors.push(
      fail('validation', 'note too long', 'note', { rule: 'maxLength', limit: GROUP_REVIEW_TEXT_MAX }),
    );
  const participants = Array.isArray(cmd.participants) ? cmd.participants : [];
  const members = teamMemberIds(a);
  const strangers = participants.filter((id) => !members.includes(id));
  if (participants.length < 2)
    errors.push(
      fail('validation', 'a group review has at least two team members', 'participants', {
        rule: 'group_review.participants',
      }),
    );
  else if (strangers.length > 0)
    errors.push(
      fail('validation', 'participants must be on the team', 'participants', {
        rule: 'group_review.team',
        notOnTeam: strangers,
      }),
    );
  return firstOf(errors);
};

export const effectGroupReview: Effect<'group_review.record'> = (a, cmd, ctx) => {
  const previous = groupReviewsOf(a)[cmd.requirementId];
  const review: GroupReview = {
    requirementId: cmd.requirementId,
    outcome: cmd.outcome.trim(),
    participants: [...new Set(cmd.participants)],
    ...(isBlank(cmd.note) ? {} : { note: (cmd.note as string).trim() }),
    spreadTenths: submittedSpreadTenths(a, cmd.requirementId),
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.at,
    version: (previous?.version ?? 0) + 1,
  };
  return {
    assessment: { ...a, groupReviews: { ...groupReviewsOf(a), [cmd.requirementId]: review } },
    events: [
      {
        type: 'group_review.record',
        data: {
          requirementId: review.requirementId,
          participants: review.participants,
          spreadTenths: review.spreadTenths,
          version: review.version,
        },
      },
    ],
  };
};

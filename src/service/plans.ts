/** 4.5.3 plans, 4.6.1 / 4.7.2 meetings, 4.6.4 the report draft. */
import type { PutMeetingRequest, PutPlanRequest, PutReportRequest } from '../contract/work.js';
import type { Assessment, Command, Meeting, PlanDoc, PlanKind, Report } from '../process/types.js';
import { canSeeTeamResult } from '../process/visibility.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden } from './errors.js';
import { runCommand } from './unit-of-work.js';

export async function getPlans(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<Assessment['plans']> {
  return (await authorizeAssessment(ctx, caller, id)).assessment.plans;
}

/** Writes a plan (leader); VERSION_CONFLICT with the stored plan on a stale version. */
export async function writePlan(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  kind: PlanKind,
  input: PutPlanRequest,
): Promise<PlanDoc> {
  await authorizeAssessment(ctx, caller, id, 'plan.write');
  const { expectedVersion, ...plan } = input;
  const doc = await runCommand(
    ctx,
    id,
    caller,
    () => ({ type: 'plan.write', plan: { ...plan, kind }, expectedVersion }),
    {
      conflictCurrent: (before) => before.assessment.plans[kind] ?? null,
    },
  );
  return doc.assessment.plans[kind]!;
}

export async function getMeetings(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<Assessment['meetings']> {
  return (await authorizeAssessment(ctx, caller, id)).assessment.meetings;
}

/** Records the first (4.6.1) or final (4.7.2) meeting (leader); moves the stage on. */
export async function recordMeeting(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  kind: 'first' | 'final',
  meeting: PutMeetingRequest,
): Promise<Meeting> {
  await authorizeAssessment(ctx, caller, id, 'meeting.record');
  const command: Command =
    kind === 'first' ? { type: 'meeting.record_first', meeting } : { type: 'meeting.record_final', meeting };
  const doc = await runCommand(ctx, id, caller, () => command);
  return doc.assessment.meetings[kind]!;
}

/** The report draft: team and body; the enterprise once the result is communicated (4.7.1). */
export async function getReportDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<Report | null> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the report is visible to the enterprise once communicated', {
      rule: 'result_not_communicated',
    });
  return a.report ?? null;
}

/** Writes the report sections (4.6.4); VERSION_CONFLICT with the stored report on a stale version. */
export async function writeReportDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutReportRequest,
): Promise<Report> {
  await authorizeAssessment(ctx, caller, id, 'report.write');
  const doc = await runCommand(
    ctx,
    id,
    caller,
    () => ({ type: 'report.write', sections: input.sections, expectedVersion: input.expectedVersion }),
    { conflictCurrent: (before) => before.assessment.report ?? null },
  );
  return doc.assessment.report!;
}

/** What an assessment looks like to a viewer: the summary (lists) and the view (one assessment). */
import { can } from '../access/can.js';
import { ACTIONS } from '../access/types.js';
import { TRANSITION_TYPES, type AssessmentSummary, type AssessmentView } from '../contract/assessments.js';
import { openContests } from '../process/contest.js';
import { assessmentResource, teamMemberIds } from '../process/resource.js';
import { consensusCompleteness } from '../process/scoring-sheets.js';
import { availableCommands } from '../process/state-machine.js';
import type { IndustryId } from '../model/types.js';
import type { Assessment, ProcessActor, Stage, Team } from '../process/types.js';
import { canSeeTeamResult, isTeamOrBody } from '../process/visibility.js';
import type { Doc } from '../store/repos/documents.js';
import {
  expertProgress,
  progressCounters,
  type ProgressCounters,
  type SummaryRow,
} from '../store/repos/summaries.js';
import { organisationNames } from '../store/repos/organisations.js';
import type { Db } from '../store/util.js';
import { headlineOf } from './engine.js';

function stageEnteredAt(a: Assessment): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = { application: a.createdAt };
  for (const h of a.history) if (h.from !== h.to) out[h.to] = h.at;
  return out;
}

/**
 * The summary of `a` for `viewer`; the progress from `counts` (the counters the writes keep, `progressCounters`),
 * so `a` need not have its sheets hydrated.
 */
export function summaryOf(
  a: Assessment,
  viewer: ProcessActor,
  enterpriseName: string,
  counts: ProgressCounters,
): AssessmentSummary {
  const total = a.requirementIds.length;
  const teamView = isTeamOrBody(a, viewer);
  const experts = teamView
    ? (a.team?.members ?? []).map((m) => ({
        userId: m.expert.userId,
        name: m.expert.name,
        done: counts.experts[m.expert.userId]?.done ?? 0,
        total,
        submitted: counts.experts[m.expert.userId]?.submitted ?? false,
      }))
    : [];
  const cons = consensusCompleteness(a.consensus, a.requirementIds);
  const headline =
    a.result !== undefined && canSeeTeamResult(a, viewer) ? headlineOf(a.result.value) : undefined;
  return {
    id: a.id,
    version: a.version,
    enterpriseOrgId: a.enterpriseOrgId,
    enterpriseName,
    bodyOrgId: a.bodyOrgId,
    modelId: a.modelId,
    industry: a.industry,
    stage: a.stage,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    stageEnteredAt: stageEnteredAt(a),
    progress: {
      self: { done: counts.self, total },
      experts,
      consensus: { done: total - cons.missing.length, total },
      evidence: a.evidence.length,
      openContests: openContests(a).length,
    },
    ...(headline ? { headline } : {}),
  };
}

/**
 * The list item of a summary row (src/store/repos/summaries.ts) for `viewer`, or undefined when the viewer may
 * not read the assessment (the query applies the same tenancy; this is the second lock). The team's progress and
 * result follow the same rules as `summaryOf`.
 */
export function summaryOfRow(row: SummaryRow, viewer: ProcessActor): AssessmentSummary | undefined {
  const team = JSON.parse(row.team) as { userId: string; name: string; role: string }[];
  const a = {
    enterpriseOrgId: row.enterprise_id,
    bodyOrgId: row.body_id,
    stage: row.stage as Stage,
    team: { members: team.map((m) => ({ role: m.role, expert: { userId: m.userId } })) } as unknown as Team,
  };
  if (!can(viewer, 'assessment.read', assessmentResource(a))) return undefined;
  const total = row.requirement_total;
  const headline =
    row.result_total !== null && canSeeTeamResult(a, viewer)
      ? {
          total: row.result_total,
          level: row.result_level === 0 ? null : row.result_level,
          conclusion: row.result_conclusion ?? '',
        }
      : undefined;
  return {
    id: row.assessment_id,
    version: row.version,
    enterpriseOrgId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    bodyOrgId: row.body_id,
    modelId: row.model_id,
    industry: row.industry as IndustryId,
    stage: row.stage as Stage,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stageEnteredAt: JSON.parse(row.stage_entered) as Partial<Record<Stage, string>>,
    progress: {
      self: { done: row.self_done, total },
      experts: isTeamOrBody(a, viewer) ? expertProgress(row) : [],
      consensus: { done: row.consensus_done, total },
      evidence: row.evidence_count,
      openContests: row.open_contests,
    },
    ...(headline ? { headline } : {}),
    ...(row.due_at !== null ? { dueAt: row.due_at } : {}),
  };
}

/** The view of `doc` (read only: the cached document may be passed; its sheets need not be hydrated). */
export function viewOf(
  doc: Doc,
  viewer: ProcessActor,
  enterpriseName: string,
  counts: ProgressCounters,
): AssessmentView {
  const a = doc.assessment;
  const {
    sheets: _sheets,
    consensus: _consensus,
    evidence: _evidence,
    contests: _contests,
    result: _result,
    resultHistory: _history,
    ...rest
  } = a;
  const summary = summaryOf(a, viewer, enterpriseName, counts);
  const resource = assessmentResource(a);
  // The team's members are visible to everyone who reads the assessment; the experts' declared conflicts only
  // to the body and the team.
  const team =
    rest.team && !isTeamOrBody(a, viewer)
      ? {
          ...rest.team,
          members: rest.team.members.map((m) => ({ ...m, expert: { ...m.expert, conflicts: [] } })),
        }
      : rest.team;
  return {
    ...rest,
    ...(team ? { team } : {}),
    enterpriseName,
    progress: summary.progress,
    ...(summary.headline ? { headline: summary.headline } : {}),
    stageEnteredAt: summary.stageEnteredAt,
    allowedCommands: availableCommands(a, viewer).filter((c): c is (typeof TRANSITION_TYPES)[number] =>
      (TRANSITION_TYPES as readonly string[]).includes(c),
    ),
    allowedActions: ACTIONS.filter((action) => can(viewer, action, resource)),
    applicationForm: doc.form,
    teamMemberIds: teamMemberIds(a),
  };
}

/**
 * The view of one assessment for `viewer`, with the name and the progress counters it needs: two one-row reads
 * besides the document, whatever the number of grades (issue 10). The sheets are neither read nor needed.
 */
export async function renderView(db: Db, doc: Doc, viewer: ProcessActor): Promise<AssessmentView> {
  const a = doc.assessment;
  const [names, counts] = await Promise.all([
    organisationNames(db, [a.enterpriseOrgId]),
    progressCounters(db, a.id),
  ]);
  return viewOf(doc, viewer, names.get(a.enterpriseOrgId) ?? '', counts);
}

/** What the API returns for an assessment: the summary (lists) and the view (one assessment), per viewer. */
import { can } from '../access/can.js';
import { ACTIONS } from '../access/types.js';
import { availableCommands } from '../process/state-machine.js';
import { assessmentResource, teamMemberIds } from '../process/resource.js';
import type { Assessment, ProcessActor, Stage } from '../process/types.js';
import { sheetCompleteness, consensusCompleteness } from '../process/scoring-sheets.js';
import { openContests } from '../process/contest.js';
import type { Db } from '../store/util.js';
import type { Doc } from './documents.js';
import { headlineOf } from './engine.js';

export const TRANSITION_TYPES = [
  'application.submit',
  'application.withdraw',
  'application.accept',
  'application.reject',
  'plan.confirm',
  'scoring.open',
  'score.submit',
  'consensus.open',
  'result.freeze',
  'communication.open',
  'contest.waive',
  'publish',
  'reopen',
] as const;

/** Stages in which the enterprise sees the team's result (communicated, 4.7.1). */
export const RESULT_VISIBLE_TO_ENTERPRISE: readonly Stage[] = ['communication', 'final_meeting', 'published'];

export function isTeamOrBody(a: Assessment, actor: ProcessActor): boolean {
  const r = assessmentResource(a);
  return can(actor, 'score.read-all', r);
}

export async function orgNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function selfCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('self_assessment_scores')
    .select(['assessment_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assessment_id', 'in', ids)
    .groupBy('assessment_id')
    .execute();
  return new Map(rows.map((r) => [r.assessment_id, Number(r.n)]));
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function stageEnteredAt(a: Assessment): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = { application: a.createdAt };
  for (const h of a.history) if (h.from !== h.to) out[h.to] = h.at;
  return out;
}

/** `a` must have its sheets hydrated for the expert progress to be right. */
export function summaryOf(a: Assessment, viewer: ProcessActor, enterpriseName: string, selfDone: number) {
  const total = a.requirementIds.length;
  const teamView = isTeamOrBody(a, viewer);
  const experts = teamView
    ? (a.team?.members ?? []).map((m) => {
        const sheet = a.sheets[m.expert.userId];
        const c = sheet ? sheetCompleteness(sheet, a.requirementIds) : undefined;
        return {
          userId: m.expert.userId,
          name: m.expert.name,
          done: c ? total - c.missing.length : 0,
          total,
          submitted: sheet?.submittedAt !== undefined,
        };
      })
    : [];
  const cons = consensusCompleteness(a.consensus, a.requirementIds);
  const showResult = a.result !== undefined && (teamView || RESULT_VISIBLE_TO_ENTERPRISE.includes(a.stage));
  const headline = showResult ? headlineOf(a.result?.value) : undefined;
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
      self: { done: selfDone, total },
      experts,
      consensus: { done: total - cons.missing.length, total },
      evidence: a.evidence.length,
      openContests: openContests(a).length,
    },
    ...(headline ? { headline } : {}),
  };
}

export function viewOf(doc: Doc, viewer: ProcessActor, enterpriseName: string, selfDone: number) {
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
  const summary = summaryOf(a, viewer, enterpriseName, selfDone);
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
    allowedCommands: availableCommands(a, viewer).filter((c) =>
      (TRANSITION_TYPES as readonly string[]).includes(c),
    ),
    allowedActions: ACTIONS.filter((action) => can(viewer, action, resource)),
    applicationForm: doc.form,
    teamMemberIds: teamMemberIds(a),
  };
}

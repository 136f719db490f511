/**
 * Who sees what at which stage — the visibility rules of the process in one place, imported by the server (every
 * read path: views, lists, results, reports, audit, exports) and by the web app (which tabs it offers).
 */
import { can } from '../access/can.js';
import { assessmentResource } from './resource.js';
import { visibleScores } from './scoring-sheets.js';
import { MAIN_PATH, type Assessment, type ProcessActor, type Stage } from './types.js';

/** 4.7.1: the enterprise sees the team's result, the report and may contest once the result is communicated. */
export const RESULT_VISIBLE_TO_ENTERPRISE: readonly Stage[] = ['communication', 'final_meeting', 'published'];

export function resultVisibleToEnterprise(stage: Stage): boolean {
  return RESULT_VISIBLE_TO_ENTERPRISE.includes(stage);
}

/** The assessment body and the team (who may read the team's sheets, subject to blind scoring). */
export function isTeamOrBody(a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId' | 'team'>, actor: ProcessActor) {
  return can(actor, 'score.read-all', assessmentResource(a));
}

/** The team's result (frozen or live consensus), the report draft and files: team and body; the enterprise once communicated. */
export function canSeeTeamResult(
  a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId' | 'team' | 'stage'>,
  actor: ProcessActor,
): boolean {
  return isTeamOrBody(a, actor) || resultVisibleToEnterprise(a.stage);
}

/** The stage is `from` or a later stage of the main path (the terminal side exits are never "after"). */
export function reached(stage: Stage, from: Stage): boolean {
  if (stage === 'withdrawn' || stage === 'rejected') return false;
  return MAIN_PATH.indexOf(stage) >= MAIN_PATH.indexOf(from);
}

/** The self-assessment is the enterprise's own: only its users read it (scores, results from it, its audit rows). */
export function canSeeSelfAssessment(a: Pick<Assessment, 'enterpriseOrgId'>, actor: ProcessActor): boolean {
  return can(actor, 'self-assessment.write', {
    kind: 'organization',
    orgId: a.enterpriseOrgId,
    orgKind: 'enterprise',
  });
}

/**
 * Audit entities that are an assessment's content (its trail holds them; the platform-wide log shows only who
 * did what when, never their content — the platform admin reads no assessment content).
 */
export const ASSESSMENT_AUDIT_ENTITIES: readonly string[] = [
  'assessment',
  'application',
  'team_member',
  'conflict_declaration',
  'plan',
  'meeting',
  'evidence_file',
  'evidence_item',
  'self_score',
  'expert_score',
  'expert_sheet',
  'consensus_score',
  'result',
  'report',
  'contest',
];

/** Why an audit entry's content (before, after, reason) is withheld from a viewer. */
export const AUDIT_REDACTIONS = ['blind_scoring', 'self_assessment', 'result_not_visible', 'assessment_content'] as const;
export type AuditRedaction = (typeof AUDIT_REDACTIONS)[number];

/**
 * THE rule for audit rows of an assessment: a viewer reads an entry's content only where the primary route would
 * show it — an expert's scores under blind scoring (`visibleScores`: an expert's grade and rationale only to
 * whom that sheet is visible), the self-assessment to the enterprise only, the team's scores, result and report
 * per `canSeeTeamResult`, the rest to whoever reads the assessment. `a` must have its sheets hydrated (who has
 * submitted). Returns null when the content may be shown, else why not.
 */
export function auditEntryRedaction(
  a: Assessment,
  viewer: ProcessActor,
  entry: { entity: string; entityId: string },
): AuditRedaction | null {
  if (!can(viewer, 'assessment.read', assessmentResource(a))) return 'assessment_content';
  switch (entry.entity) {
    case 'expert_score': {
      const expertId = entry.entityId.split('/')[1];
      return visibleScores(a, viewer).sheets.some((s) => s.expertId === expertId) ? null : 'blind_scoring';
    }
    case 'self_score':
      return canSeeSelfAssessment(a, viewer) ? null : 'self_assessment';
    case 'consensus_score':
    case 'result':
    case 'report':
      return canSeeTeamResult(a, viewer) ? null : 'result_not_visible';
    default:
      return null;
  }
}

/** The platform-wide log: an assessment's content is withheld (read in the assessment's own trail instead). */
export function platformAuditRedaction(entry: { entity: string }): AuditRedaction | null {
  return ASSESSMENT_AUDIT_ENTITIES.includes(entry.entity) ? 'assessment_content' : null;
}

/**
 * Who sees what at which stage — the visibility rules of the process in one place, imported by the server (every
 * read path: views, lists, results, reports, audit, exports) and by the web app (which tabs it offers).
 */
import { can } from '../access/can.js';
import { assessmentResource } from './resource.js';
import { MAIN_PATH, type Assessment, type ProcessActor, type Stage } from './types.js';

/** 4.7.1: the enterprise sees the team's result, the report and may contest once the result is communicated. */
export const RESULT_VISIBLE_TO_ENTERPRISE: readonly Stage[] = ['communication', 'final_meeting', 'published'];

export function resultVisibleToEnterprise(stage: Stage): boolean {
  return RESULT_VISIBLE_TO_ENTERPRISE.includes(stage);
}

/** The assessment body and the team (who may read the team's sheets, subject to blind scoring). */
export function isTeamOrBody(
  a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId' | 'team'>,
  actor: ProcessActor,
) {
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

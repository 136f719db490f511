import type { Action, Role, Rule } from './types.js';

/**
 * THE access matrix: action × role → rule. Every cell is written out; there is no default besides `deny`.
 *
 * Decisions (not fixed by the standard, taken here and documented):
 * - The platform admin manages organisations and users and reads the audit log, but does not take part in
 *   any assessment: it does not read assessment content, score, or publish. 4.2.2 forbids the assessment
 *   body to leak the enterprise's information; the platform operator is not a party to the assessment.
 * - The body admin (评估方) reviews applications, forms the team, and publishes / re-opens results (the body
 *   answers for the result's truthfulness, 4.2.2). It reads its body's assessments and, once independent
 *   scoring is over, the experts' individual sheets (see `visibleScores`); it does not score.
 * - The team leader (组长, 4.5.2) writes the plans, records the meetings, opens scoring and consensus,
 *   records the team score, freezes the result, issues the report, answers contests, and may publish
 *   (4.5.2: the leader "发布现场评估结论").
 * - Team members (the leader and the experts) review evidence, ask the enterprise for more (4.6.2) and record
 *   findings (4.5.3); the enterprise answers requests and states its rectifications.
 * - Experts (组员) collect evidence, write their own scores, read the team's sheets (subject to the
 *   independence rule in `visibleScores`) and may edit the report draft.
 * - Enterprise users act only for their own enterprise: the application, its evidence, plan confirmation,
 *   contests and the self-assessment. They never read the experts' individual sheets.
 * - Users of an enterprise are provisioned by the platform admin (there is no enterprise admin role).
 * - The body's analytics (distributions over its published results, names left out) are the body admin's; the
 *   platform admin, not a party to assessments, does not see them. Enterprises see only benchmarks (k peers).
 */
// prettier-ignore
export const ACCESS_MATRIX: Readonly<Record<Action, Readonly<Record<Role, Rule>>>> = {
  'assessment.read':        { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'own-org' },
  'application.write':      { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'application.submit':     { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'application.withdraw':   { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'application.review':     { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
  'team.assign':            { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
  'plan.write':             { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'plan.confirm':           { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'meeting.record':         { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'evidence.upload':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'evidence.collect':       { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'evidence.review':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'evidence.answer':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'finding.write':          { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'finding.rectify':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'scoring.manage':         { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'score.write-own':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'score.read-all':         { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'consensus.write':        { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'result.freeze':          { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'report.write':           { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'on-team', enterprise_user: 'deny' },
  'report.issue':           { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'contest.file':           { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'contest.answer':         { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'publish':                { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'reopen':                 { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
  'audit.read':             { platform_admin: 'allow', body_admin: 'own-body', team_leader: 'leads-team', expert: 'deny',    enterprise_user: 'deny' },
  'org.manage':             { platform_admin: 'allow', body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
  'user.manage':            { platform_admin: 'allow', body_admin: 'own-body', team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
  'self-assessment.write':  { platform_admin: 'deny',  body_admin: 'deny',     team_leader: 'deny',       expert: 'deny',    enterprise_user: 'own-org' },
  'analytics.read':         { platform_admin: 'deny',  body_admin: 'own-body', team_leader: 'deny',       expert: 'deny',    enterprise_user: 'deny' },
};

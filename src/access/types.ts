/**
 * Access control: roles, actions, rules and the shapes `can` works on.
 *
 * Deny by default: an action is allowed only when one of the actor's roles has a rule for it that the
 * actor and the resource satisfy. The matrix itself is in `matrix.ts` — one table.
 */

export const ROLES = ['platform_admin', 'body_admin', 'team_leader', 'expert', 'enterprise_user'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES_ZH: Record<Role, string> = {
  platform_admin: '平台管理员',
  body_admin: '评估方管理员',
  team_leader: '评估组长',
  expert: '评估专家',
  enterprise_user: '企业用户',
};

/**
 * Rules a matrix cell can hold.
 * - `deny`: never.
 * - `allow`: always (no tenant condition).
 * - `own-org`: the resource belongs to the actor's enterprise (受评估方).
 * - `own-body`: the resource belongs to the actor's assessment body (评估方).
 * - `on-team`: the actor is a member (leader included) of the assessment's expert team.
 * - `leads-team`: the actor is the leader of the assessment's expert team.
 */
export const RULES = ['deny', 'allow', 'own-org', 'own-body', 'on-team', 'leads-team'] as const;
export type Rule = (typeof RULES)[number];

export const ACTIONS = [
  'assessment.read',
  'application.write',
  'application.submit',
  'application.withdraw',
  'application.review',
  'team.assign',
  'plan.write',
  'plan.confirm',
  'meeting.record',
  'evidence.upload',
  'evidence.collect',
  'evidence.review',
  'evidence.answer',
  'finding.write',
  'finding.rectify',
  'scoring.manage',
  'score.write-own',
  'score.read-all',
  'consensus.write',
  'result.freeze',
  'report.write',
  'report.issue',
  'contest.file',
  'contest.answer',
  'publish',
  'reopen',
  'audit.read',
  'org.manage',
  'user.manage',
  'self-assessment.write',
  'analytics.read',
] as const;
export type Action = (typeof ACTIONS)[number];

export type OrgKind = 'platform' | 'body' | 'enterprise';

/** Who acts. `orgId` is the organisation the user belongs to (an enterprise or an assessment body). */
export interface Actor {
  userId: string;
  orgId?: string;
  roles: readonly Role[];
}

/** What is acted upon: an assessment (with its tenants and team) or an organisation. */
export type AccessResource =
  | {
      kind: 'assessment';
      enterpriseOrgId: string;
      bodyOrgId: string;
      /** User ids of all team members, the leader included. Empty before the team is assigned. */
      teamMemberIds: readonly string[];
      leaderId?: string;
    }
  | { kind: 'organization'; orgId: string; orgKind: OrgKind };

export interface RoleCheck {
  role: Role;
  rule: Rule;
  /** The actor holds this role (a team leader is an expert: holding `expert` also brings the `team_leader` column). */
  held: boolean;
  satisfied: boolean;
  reason: string;
}

export interface AccessDecision {
  allowed: boolean;
  action: Action;
  /** The role and rule that granted the action, when allowed. */
  grantedBy?: { role: Role; rule: Rule };
  checks: RoleCheck[];
  message: string;
}

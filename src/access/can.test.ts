import { describe, expect, it } from 'vitest';
import { can, explain, heldRoles } from './can.js';
import { ACCESS_MATRIX } from './matrix.js';
import type { AccessResource, Action, Actor, Role } from './types.js';
import { ACTIONS, ROLES, RULES } from './types.js';

const assessment = (over: Partial<AccessResource & { kind: 'assessment' }> = {}): AccessResource => ({
  kind: 'assessment',
  enterpriseOrgId: 'ent-1',
  bodyOrgId: 'body-1',
  teamMemberIds: ['lead', 'x2'],
  leaderId: 'lead',
  ...over,
});

const enterprise: Actor = { userId: 'e', orgId: 'ent-1', roles: ['enterprise_user'] };
const bodyAdmin: Actor = { userId: 'b', orgId: 'body-1', roles: ['body_admin'] };
const member: Actor = { userId: 'x2', orgId: 'body-1', roles: ['expert'] };
const lead: Actor = { userId: 'lead', orgId: 'body-1', roles: ['expert'] };
const platform: Actor = { userId: 'p', roles: ['platform_admin'] };

describe('access rules', () => {
  it('deny: a deny cell never grants, even on own data', () => {
    expect(ACCESS_MATRIX['application.submit'].body_admin).toBe('deny');
    expect(can(bodyAdmin, 'application.submit', assessment())).toBe(false);
  });

  it('deny by default: an actor without roles, or with an unknown role or action, is denied', () => {
    expect(can({ userId: 'e', orgId: 'ent-1', roles: [] }, 'assessment.read', assessment())).toBe(false);
    expect(
      can({ userId: 'e', orgId: 'ent-1', roles: ['root' as Role] }, 'assessment.read', assessment()),
    ).toBe(false);
    expect(can(enterprise, 'assessment.delete' as Action, assessment())).toBe(false);
    expect(explain(enterprise, 'assessment.delete' as Action, assessment()).message).toMatch(
      /unknown action/,
    );
  });

  it('allow: the platform admin manages organisations whatever the organisation', () => {
    expect(can(platform, 'org.manage', { kind: 'organization', orgId: 'any', orgKind: 'enterprise' })).toBe(
      true,
    );
    expect(can(platform, 'org.manage', { kind: 'organization', orgId: 'b9', orgKind: 'body' })).toBe(true);
  });

  it('own-org: an enterprise user sees only its own organisation’s assessments', () => {
    expect(can(enterprise, 'assessment.read', assessment())).toBe(true);
    expect(can(enterprise, 'assessment.read', assessment({ enterpriseOrgId: 'ent-2' }))).toBe(false);
    expect(can({ ...enterprise, orgId: undefined }, 'assessment.read', assessment())).toBe(false);
    // own-org on an organisation resource: the enterprise's own org only, never a body.
    expect(
      can(enterprise, 'self-assessment.write', {
        kind: 'organization',
        orgId: 'ent-1',
        orgKind: 'enterprise',
      }),
    ).toBe(true);
    expect(
      can(enterprise, 'self-assessment.write', { kind: 'organization', orgId: 'ent-1', orgKind: 'body' }),
    ).toBe(false);
  });

  it('own-body: a body admin sees the assessments of its body only', () => {
    expect(can(bodyAdmin, 'application.review', assessment())).toBe(true);
    expect(can(bodyAdmin, 'application.review', assessment({ bodyOrgId: 'body-2' }))).toBe(false);
    expect(can(bodyAdmin, 'user.manage', { kind: 'organization', orgId: 'body-1', orgKind: 'body' })).toBe(
      true,
    );
    expect(
      can(bodyAdmin, 'user.manage', { kind: 'organization', orgId: 'body-1', orgKind: 'enterprise' }),
    ).toBe(false);
  });

  it('on-team: an expert sees only assessments of teams they are on', () => {
    expect(can(member, 'assessment.read', assessment())).toBe(true);
    expect(can(member, 'assessment.read', assessment({ teamMemberIds: ['lead'] }))).toBe(false);
    expect(can(member, 'assessment.read', assessment({ teamMemberIds: [] }))).toBe(false);
    expect(can(member, 'org.manage', { kind: 'organization', orgId: 'body-1', orgKind: 'body' })).toBe(false);
  });

  it('leads-team: a leader is an expert who leads the team of that assessment', () => {
    expect(can(lead, 'consensus.write', assessment())).toBe(true);
    expect(can(member, 'consensus.write', assessment())).toBe(false);
    expect(can(lead, 'consensus.write', assessment({ leaderId: 'x2' }))).toBe(false);
    const noLeader = assessment();
    if (noLeader.kind === 'assessment') delete (noLeader as { leaderId?: string }).leaderId;
    expect(can(lead, 'consensus.write', noLeader)).toBe(false);
    // Holding the team_leader role explicitly grants nothing without leading this team.
    expect(
      can({ userId: 'zz', orgId: 'body-1', roles: ['team_leader'] }, 'consensus.write', assessment()),
    ).toBe(false);
  });

  it('an expert holds the team_leader column (a leader is an expert)', () => {
    expect([...heldRoles(member)].sort()).toEqual(['expert', 'team_leader']);
    expect([...heldRoles(enterprise)]).toEqual(['enterprise_user']);
  });

  it('the platform admin does not take part in assessments: no read, no score, no publish', () => {
    for (const action of ['assessment.read', 'score.write-own', 'consensus.write', 'publish'] as const) {
      expect(can(platform, action, assessment())).toBe(false);
    }
  });

  it('explain says which role and rule granted, or why each held role was denied', () => {
    const ok = explain(lead, 'publish', assessment());
    expect(ok).toMatchObject({ allowed: true, grantedBy: { role: 'team_leader', rule: 'leads-team' } });
    const no = explain(member, 'publish', assessment());
    expect(no.allowed).toBe(false);
    expect(no.message).toContain('as expert (deny)');
    expect(no.message).toContain('as team_leader (leads-team): the actor does not lead');
    expect(no.checks.filter((c) => c.held).map((c) => c.role)).toEqual(['team_leader', 'expert']);
    const tenant = explain(enterprise, 'contest.file', assessment({ enterpriseOrgId: 'ent-2' }));
    expect(tenant.message).toContain('another enterprise');
  });

  it('the matrix has a known rule in every cell for every action and role', () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      expect(Object.keys(ACCESS_MATRIX[action]).sort()).toEqual([...ROLES].sort());
      for (const role of ROLES) expect(RULES).toContain(ACCESS_MATRIX[action][role]);
    }
  });
});

/*
 * The expected permissions, written independently of the matrix: for each role, the actions it may perform
 * on its own tenant (own enterprise / own body / own team / team it leads), and the actions it may perform
 * anywhere. Everything else is denied.
 */
const OWN_TENANT: Record<Role, Action[]> = {
  platform_admin: [],
  body_admin: [
    'assessment.read',
    'application.review',
    'team.assign',
    'score.read-all',
    'publish',
    'reopen',
    'audit.read',
    'user.manage',
    'analytics.read',
  ],
  team_leader: [
    'assessment.read',
    'plan.write',
    'meeting.record',
    'evidence.collect',
    'evidence.review',
    'finding.write',
    'scoring.manage',
    'score.write-own',
    'score.read-all',
    'consensus.write',
    'result.freeze',
    'report.write',
    'report.issue',
    'contest.answer',
    'publish',
    'audit.read',
  ],
  expert: [
    'assessment.read',
    'evidence.collect',
    'evidence.review',
    'finding.write',
    'score.write-own',
    'score.read-all',
    'report.write',
  ],
  enterprise_user: [
    'assessment.read',
    'application.write',
    'application.submit',
    'application.withdraw',
    'plan.confirm',
    'evidence.upload',
    'evidence.answer',
    'finding.rectify',
    'contest.file',
    'self-assessment.write',
  ],
};
const ANYWHERE: Record<Role, Action[]> = {
  platform_admin: ['audit.read', 'org.manage', 'user.manage'],
  body_admin: [],
  team_leader: [],
  expert: [],
  enterprise_user: [],
};
const ORG_ACTIONS: Action[] = ['org.manage', 'user.manage', 'self-assessment.write', 'analytics.read'];

/** An actor holding exactly `role`, and a resource of its own tenant or of another. */
function scenario(role: Role, action: Action, own: boolean): { actor: Actor; resource: AccessResource } {
  const actor: Actor = {
    userId: 'me',
    orgId: role === 'enterprise_user' ? 'ent-me' : role === 'platform_admin' ? undefined : 'body-me',
    roles: [role],
  };
  if (ORG_ACTIONS.includes(action)) {
    const orgKind = role === 'enterprise_user' ? 'enterprise' : 'body';
    return {
      actor,
      resource: { kind: 'organization', orgId: own ? (actor.orgId ?? 'x') : 'org-other', orgKind },
    };
  }
  const mine = own;
  return {
    actor,
    resource: {
      kind: 'assessment',
      enterpriseOrgId: role === 'enterprise_user' && mine ? 'ent-me' : 'ent-other',
      bodyOrgId: role === 'body_admin' && mine ? 'body-me' : 'body-other',
      // The leader's "other" case is an assessment whose team it is on without leading it.
      teamMemberIds: (role === 'expert' && mine) || role === 'team_leader' ? ['me', 'someone'] : ['someone'],
      leaderId: role === 'team_leader' && mine ? 'me' : 'someone',
    },
  };
}

describe('generated: every action × every role × own/other tenant', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const own of [true, false]) {
        const expected = ANYWHERE[role].includes(action) || (own && OWN_TENANT[role].includes(action));
        it(`${action} by ${role} on ${own ? 'own' : 'other'} tenant → ${expected ? 'allow' : 'deny'}`, () => {
          const { actor, resource } = scenario(role, action, own);
          expect(can(actor, action, resource)).toBe(expected);
        });
      }
    }
  }
});

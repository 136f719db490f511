import { ACCESS_MATRIX } from './matrix.js';
import { ROLES } from './types.js';
import type { AccessDecision, AccessResource, Action, Actor, Role, RoleCheck, Rule } from './types.js';

/**
 * The roles whose column applies to the actor. A team leader is an expert who leads the team of the
 * assessment, so holding `expert` also brings the `team_leader` column — whose rules are all `leads-team`
 * or `deny`, hence grant nothing unless the actor actually leads this assessment's team.
 */
export function heldRoles(actor: Actor): Set<Role> {
  const held = new Set<Role>(actor.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
  if (held.has('expert')) held.add('team_leader');
  return held;
}

function evaluate(rule: Rule, actor: Actor, resource: AccessResource): { ok: boolean; reason: string } {
  switch (rule) {
    case 'deny':
      return { ok: false, reason: 'the matrix denies this action to this role' };
    case 'allow':
      return { ok: true, reason: 'allowed to this role without tenant condition' };
    case 'own-org': {
      const org =
        resource.kind === 'assessment'
          ? resource.enterpriseOrgId
          : resource.orgKind === 'enterprise'
            ? resource.orgId
            : undefined;
      if (org === undefined) return { ok: false, reason: 'the resource is not an enterprise resource' };
      if (actor.orgId === undefined) return { ok: false, reason: 'the actor belongs to no organisation' };
      return actor.orgId === org
        ? { ok: true, reason: 'the resource belongs to the actor’s enterprise' }
        : { ok: false, reason: 'the resource belongs to another enterprise' };
    }
    case 'own-body': {
      const body =
        resource.kind === 'assessment'
          ? resource.bodyOrgId
          : resource.orgKind === 'body'
            ? resource.orgId
            : undefined;
      if (body === undefined) return { ok: false, reason: 'the resource is not an assessment-body resource' };
      if (actor.orgId === undefined) return { ok: false, reason: 'the actor belongs to no organisation' };
      return actor.orgId === body
        ? { ok: true, reason: 'the resource belongs to the actor’s assessment body' }
        : { ok: false, reason: 'the resource belongs to another assessment body' };
    }
    case 'on-team':
      if (resource.kind !== 'assessment') return { ok: false, reason: 'the resource is not an assessment' };
      return resource.teamMemberIds.includes(actor.userId)
        ? { ok: true, reason: 'the actor is on the assessment’s team' }
        : { ok: false, reason: 'the actor is not on the assessment’s team' };
    case 'leads-team':
      if (resource.kind !== 'assessment') return { ok: false, reason: 'the resource is not an assessment' };
      return resource.leaderId !== undefined && resource.leaderId === actor.userId
        ? { ok: true, reason: 'the actor leads the assessment’s team' }
        : { ok: false, reason: 'the actor does not lead the assessment’s team' };
  }
}

/** Why `actor` may or may not perform `action` on `resource`: every role column, checked. Deny by default. */
export function explain(actor: Actor, action: Action, resource: AccessResource): AccessDecision {
  const row = (ACCESS_MATRIX as Partial<Record<string, Readonly<Record<Role, Rule>>>>)[action];
  if (row === undefined) {
    return { allowed: false, action, checks: [], message: `unknown action "${String(action)}": denied` };
  }
  const held = heldRoles(actor);
  const checks: RoleCheck[] = ROLES.map((role) => {
    const rule = row[role];
    if (!held.has(role))
      return { role, rule, held: false, satisfied: false, reason: 'the actor does not hold this role' };
    const r = evaluate(rule, actor, resource);
    return { role, rule, held: true, satisfied: r.ok, reason: r.reason };
  });
  const grant = checks.find((c) => c.satisfied);
  if (grant) {
    return {
      allowed: true,
      action,
      grantedBy: { role: grant.role, rule: grant.rule },
      checks,
      message: `${action}: allowed as ${grant.role} (${grant.rule}): ${grant.reason}`,
    };
  }
  const tried = checks.filter((c) => c.held);
  const message =
    tried.length === 0
      ? `${action}: denied: the actor holds no role`
      : `${action}: denied: ` + tried.map((c) => `as ${c.role} (${c.rule}): ${c.reason}`).join('; ');
  return { allowed: false, action, checks, message };
}

/** Pure access check: may `actor` perform `action` on `resource`? */
export function can(actor: Actor, action: Action, resource: AccessResource): boolean {
  return explain(actor, action, resource).allowed;
}

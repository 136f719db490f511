/**
 * Administration: organisations (platform admin), users (platform admin anywhere, body admin in its own body),
 * expert profiles (training validity, declared interest relations — the user themself or a user manager),
 * and the audit log (read + verify).
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../access/can.js';
import type { AccessResource, Actor, Role } from '../access/types.js';
import type { ConflictDeclaration } from '../process/types.js';
import { listAudit, verifyAuditChain } from '../store/audit.js';
import { hashPassword } from '../store/passwords.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  type Organisation,
} from '../store/repos/organisations.js';
import {
  createUser,
  getUser,
  listUsers,
  setPasswordHash,
  updateUser,
  type User,
} from '../store/repos/users.js';
import { withAudit } from '../store/audit.js';
import { nowIso, parseJson, type Db } from '../store/util.js';
import type { Ctx } from './context.js';
import { authOf } from './context.js';
import { forbidden, HttpError, notFound, versionConflict } from './errors.js';
import {
  anyObject,
  arr,
  bool,
  conflictDeclaration,
  discipline,
  enumOf,
  id,
  industry,
  int,
  isoDate,
  nonBlank,
  obj,
  responses,
  role,
  str,
} from './schemas.js';

const PLATFORM: AccessResource = { kind: 'organization', orgId: 'platform', orgKind: 'platform' };

function orgResource(org: Organisation | undefined): AccessResource {
  return org ? { kind: 'organization', orgId: org.id, orgKind: org.kind } : PLATFORM;
}

/** Roles a body admin may hand out (never platform_admin, never across organisations). */
const BODY_GRANTABLE: Role[] = ['body_admin', 'expert'];

export interface ExpertProfile {
  userId: string;
  trainingValidUntil: string | null;
  conflicts: ConflictDeclaration[];
  version: number;
}

export async function getExpertProfile(db: Db, userId: string): Promise<ExpertProfile> {
  const r = await db
    .selectFrom('expert_profiles')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r
    ? {
        userId,
        trainingValidUntil: r.training_valid_until,
        conflicts: parseJson<ConflictDeclaration[]>(r.conflicts),
        version: r.version,
      }
    : { userId, trainingValidUntil: null, conflicts: [], version: 0 };
}

export function publicUser(u: User) {
  return {
    id: u.id,
    username: u.email,
    displayName: u.displayName,
    organisationId: u.organisationId,
    roles: u.roles,
    disciplines: u.disciplines,
    active: u.active,
    version: u.version,
  };
}

const userView = obj(
  {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    organisationId: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } },
    disciplines: { type: 'array', items: { type: 'string' } },
    active: { type: 'boolean' },
    version: { type: 'integer' },
  },
  ['id', 'username', 'displayName', 'roles', 'active', 'version'],
);

async function userManageCheck(db: Db, actor: Actor, organisationId: string | null, roles?: string[]) {
  const org = organisationId ? await getOrganisation(db, organisationId) : undefined;
  if (organisationId && !org)
    throw new HttpError(400, 'VALIDATION', 'unknown organisation', { field: 'body.organisationId' });
  if (!can(actor, 'user.manage', orgResource(org)))
    throw forbidden('user.manage: not allowed for this organisation');
  if (roles && !actor.roles.includes('platform_admin')) {
    const bad = roles.filter((r) => !BODY_GRANTABLE.includes(r as Role));
    if (bad.length > 0) throw forbidden(`a body admin cannot grant ${bad.join(', ')}`);
  }
  if (roles?.includes('enterprise_user') && org?.kind !== 'enterprise')
    throw new HttpError(400, 'VALIDATION', 'enterprise users belong to an enterprise', {
      field: 'body.roles',
    });
  if (
    roles?.some((r) => r === 'body_admin' || r === 'expert') &&
    org?.kind !== 'body' &&
    roles.includes('body_admin')
  )
    throw new HttpError(400, 'VALIDATION', 'body admins belong to an assessment body', {
      field: 'body.roles',
    });
  return org;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { db } = ctx;
  const session = { access: { kind: 'session' as const } };

  app.get(
    '/api/orgs',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'Organisations: all for the platform admin; otherwise the assessment bodies and one’s own',
        querystring: obj({ kind: enumOf(['body', 'enterprise']) }),
        response: responses({ type: 'array', items: anyObject }),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { kind } = request.query as { kind?: 'body' | 'enterprise' };
      const all = await listOrganisations(db, kind ? { kind } : {});
      if (can(actor, 'org.manage', PLATFORM)) return all;
      return all.filter((o) => o.kind === 'body' || o.id === actor.orgId);
    },
  );

  app.post(
    '/api/orgs',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'Create an organisation (platform admin)',
        body: obj(
          { kind: enumOf(['body', 'enterprise']), name: nonBlank(200), creditCode: str(18, 18), industry },
          ['kind', 'name'],
        ),
        response: responses(anyObject, 201),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body as {
        kind: 'body' | 'enterprise';
        name: string;
        creditCode?: string;
        industry?: string;
      };
      if (!can(auth.actor, 'org.manage', { kind: 'organization', orgId: 'new', orgKind: b.kind }))
        throw forbidden('org.manage: only the platform admin manages organisations');
      const org = await createOrganisation(db, auth.storeActor, {
        kind: b.kind,
        name: b.name,
        creditCode: b.creditCode ?? null,
        industry: b.kind === 'enterprise' ? (b.industry ?? null) : null,
      });
      return reply.status(201).send(org);
    },
  );

  app.get(
    '/api/users',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'Users of an organisation (user.manage), or all (platform admin)',
        querystring: obj({ orgId: id }),
        response: responses({ type: 'array', items: userView }),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { orgId } = request.query as { orgId?: string };
      if (orgId === undefined) {
        if (!can(actor, 'user.manage', PLATFORM)) {
          if (!actor.orgId) throw forbidden('user.manage: not allowed');
          const own = await getOrganisation(db, actor.orgId);
          if (!can(actor, 'user.manage', orgResource(own))) throw forbidden('user.manage: not allowed');
          return (await listUsers(db, { organisationId: actor.orgId })).map(publicUser);
        }
        return (await listUsers(db)).map(publicUser);
      }
      const org = await getOrganisation(db, orgId);
      if (!org) throw notFound('organisation');
      if (!can(actor, 'user.manage', orgResource(org))) throw forbidden('user.manage: not allowed');
      return (await listUsers(db, { organisationId: orgId })).map(publicUser);
    },
  );

  app.post(
    '/api/users',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'Create a user with a password',
        body: obj(
          {
            username: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' },
            displayName: nonBlank(200),
            password: str(1024, 8),
            organisationId: { type: ['string', 'null'], maxLength: 200 },
            roles: arr(role, 5),
            disciplines: arr(discipline, 6),
          },
          ['username', 'displayName', 'password', 'roles'],
        ),
        response: responses(userView, 201),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const b = request.body as {
        username: string;
        displayName: string;
        password: string;
        organisationId?: string | null;
        roles: Role[];
        disciplines?: string[];
      };
      await userManageCheck(db, auth.actor, b.organisationId ?? null, b.roles);
      const passwordHash = await hashPassword(b.password, ctx.config.passwordCost);
      const user = await createUser(db, auth.storeActor, {
        email: b.username,
        displayName: b.displayName,
        organisationId: b.organisationId ?? null,
        passwordHash,
        roles: [...new Set(b.roles)],
        disciplines: [...new Set(b.disciplines ?? [])],
      });
      return reply.status(201).send(publicUser(user));
    },
  );

  app.patch(
    '/api/users/:userId',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'Update a user (roles, disciplines, active, display name, password)',
        params: obj({ userId: id }, ['userId']),
        body: obj(
          {
            displayName: nonBlank(200),
            roles: arr(role, 5),
            disciplines: arr(discipline, 6),
            active: bool,
            password: str(1024, 8),
            expectedVersion: int(),
          },
          ['expectedVersion'],
        ),
        response: responses(userView),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { userId } = request.params as { userId: string };
      const b = request.body as {
        displayName?: string;
        roles?: Role[];
        disciplines?: string[];
        active?: boolean;
        password?: string;
        expectedVersion: number;
      };
      const target = await getUser(db, userId);
      if (!target) throw notFound('user');
      await userManageCheck(db, auth.actor, target.organisationId, b.roles);
      const r = await updateUser(db, auth.storeActor, {
        id: userId,
        expectedVersion: b.expectedVersion,
        patch: {
          ...(b.displayName !== undefined && { displayName: b.displayName }),
          ...(b.roles !== undefined && { roles: [...new Set(b.roles)] }),
          ...(b.disciplines !== undefined && { disciplines: [...new Set(b.disciplines)] }),
          ...(b.active !== undefined && { active: b.active }),
        },
      });
      if (!r.ok) throw versionConflict('the user was changed meanwhile', r.current && publicUser(r.current));
      if (b.password !== undefined) {
        await setPasswordHash(db, auth.storeActor, {
          id: userId,
          passwordHash: await hashPassword(b.password, ctx.config.passwordCost),
        });
        return publicUser((await getUser(db, userId))!);
      }
      return publicUser(r.value);
    },
  );

  const profileView = obj(
    {
      userId: { type: 'string' },
      trainingValidUntil: { type: ['string', 'null'] },
      conflicts: { type: 'array', items: anyObject },
      version: { type: 'integer' },
    },
    ['userId', 'trainingValidUntil', 'conflicts', 'version'],
  );

  async function profileAccess(actorUserId: string, actor: Actor, userId: string) {
    const target = await getUser(db, userId);
    if (!target) throw notFound('user');
    if (actorUserId === userId) return target;
    const org = target.organisationId ? await getOrganisation(db, target.organisationId) : undefined;
    if (!can(actor, 'user.manage', orgResource(org))) throw notFound('user');
    return target;
  }

  app.get(
    '/api/users/:userId/expert-profile',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary: 'An expert’s training validity and declared interest relations (self or user manager)',
        params: obj({ userId: id }, ['userId']),
        response: responses(profileView),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { userId } = request.params as { userId: string };
      await profileAccess(auth.user.id, auth.actor, userId);
      return getExpertProfile(db, userId);
    },
  );

  app.put(
    '/api/users/:userId/expert-profile',
    {
      config: session,
      schema: {
        tags: ['admin'],
        summary:
          'Set the training validity (user manager) and the declared interest relations (the expert or a user manager)',
        params: obj({ userId: id }, ['userId']),
        body: obj(
          {
            trainingValidUntil: { anyOf: [isoDate, { type: 'null' }] },
            conflicts: arr(conflictDeclaration, 200),
            expectedVersion: int(),
          },
          ['trainingValidUntil', 'conflicts', 'expectedVersion'],
        ),
        response: responses(profileView),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { userId } = request.params as { userId: string };
      const b = request.body as {
        trainingValidUntil: string | null;
        conflicts: ConflictDeclaration[];
        expectedVersion: number;
      };
      const target = await profileAccess(auth.user.id, auth.actor, userId);
      const current = await getExpertProfile(db, userId);
      // The expert declares relations; only a user manager certifies training.
      if (auth.user.id === userId && b.trainingValidUntil !== current.trainingValidUntil) {
        const org = target.organisationId ? await getOrganisation(db, target.organisationId) : undefined;
        if (!can(auth.actor, 'user.manage', orgResource(org)))
          throw forbidden('training validity is set by a user manager');
      }
      if (current.version !== b.expectedVersion)
        throw versionConflict('the profile was changed meanwhile', current);
      const now = nowIso();
      const conflicts = b.conflicts.map((c) => ({ ...c, declaredAt: c.declaredAt ?? now }));
      return withAudit(db, auth.storeActor, async (trx) => {
        const values = {
          training_valid_until: b.trainingValidUntil,
          conflicts: JSON.stringify(conflicts),
          version: current.version + 1,
          updated_at: now,
        };
        if (current.version === 0) {
          await trx
            .insertInto('expert_profiles')
            .values({ user_id: userId, ...values })
            .execute();
        } else {
          const r = await trx
            .updateTable('expert_profiles')
            .set(values)
            .where('user_id', '=', userId)
            .where('version', '=', current.version)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1)
            throw versionConflict('the profile was changed meanwhile', current);
        }
        const after: ExpertProfile = {
          userId,
          trainingValidUntil: b.trainingValidUntil,
          conflicts,
          version: current.version + 1,
        };
        return {
          result: after,
          audit: { entity: 'expert_profile', entityId: userId, action: 'update', before: current, after },
        };
      });
    },
  );

  const auditEntry = anyObject;
  app.get(
    '/api/audit',
    {
      config: session,
      schema: {
        tags: ['audit'],
        summary: 'The audit log (platform admin), oldest first, paged by seq',
        querystring: obj({
          afterSeq: int(),
          limit: { type: 'integer', minimum: 1, maximum: 1000 },
          entity: str(100),
          entityId: id,
        }),
        response: responses({ type: 'array', items: auditEntry }),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      if (!can(actor, 'audit.read', PLATFORM))
        throw forbidden('audit.read: the whole log is for the platform admin');
      const q = request.query as { afterSeq?: number; limit?: number; entity?: string; entityId?: string };
      return listAudit(db, { ...q, limit: q.limit ?? 200 });
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: session,
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit hash chain (platform admin)',
        response: responses(anyObject),
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      if (!can(actor, 'audit.read', PLATFORM)) throw forbidden('audit.read: not allowed');
      return verifyAuditChain(db);
    },
  );
}

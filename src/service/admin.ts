/**
 * Administration: organisations (platform admin), users (platform admin anywhere, a body admin in its own body),
 * expert profiles (training validity — a user manager; declared interest relations — the expert or a user
 * manager).
 */
import { can } from '../access/can.js';
import type { AccessResource, Actor, Role } from '../access/types.js';
import type { PasswordResetIssued } from '../contract/auth.js';
import type {
  CreateOrganisationRequest,
  OrganisationPage,
  OrganisationQuery,
  ProfileInput,
  UpdateProfileRequest,
  CreateUserRequest,
  ExpertPoolEntry,
  ExpertProfile,
  PutExpertProfileRequest,
  UpdateUserRequest,
  UserPage,
  UserQuery,
  UserView,
} from '../contract/admin.js';
import { hashPassword } from '../store/passwords.js';
import { issuePasswordReset } from '../store/repos/password-resets.js';
import { expertLoads, getExpertProfile, saveExpertProfile } from '../store/repos/expert-profiles.js';
import {
  createOrganisation as storeCreateOrganisation,
  getOrganisation,
  organisationNames,
  pageOrganisations,
  updateOrganisation,
  type Organisation,
} from '../store/repos/organisations.js';
import {
  createUser as storeCreateUser,
  getUser,
  listUsers as storeListUsers,
  pageUsers,
  setPasswordHash,
  updateUser as storeUpdateUser,
  type User,
} from '../store/repos/users.js';
import { nowIso, type Db } from '../store/util.js';
import { isProfileCode, PROFILE_FIELDS, type OrganisationProfile } from '../model/profile.js';
import { isCreditCode, normalizeCreditCode } from '../process/credit-code.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound, validation, versionConflict } from './errors.js';
import { paged, pageParams } from './paging.js';
import { assertPasswordRules } from './passwords.js';

const PLATFORM: AccessResource = { kind: 'organization', orgId: 'platform', orgKind: 'platform' };

function orgResource(org: Organisation | undefined): AccessResource {
  return org ? { kind: 'organization', orgId: org.id, orgKind: org.kind } : PLATFORM;
}

/** Roles a body admin may hand out (never platform_admin, never across organisations). */
const BODY_GRANTABLE: readonly Role[] = ['body_admin', 'expert'];

export function publicUser(u: User): UserView {
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

// --- organisations -------------------------------------------------------------------------------------------

/**
 * All organisations for the platform admin. The assessment bodies' people (body admins, experts) also see the
 * enterprises: an expert declares interest relations with enterprises (4.2.2) before any assessment brings them
 * together. An enterprise user sees the assessment bodies and its own enterprise. A page of them, searched,
 * filtered and sorted in the database.
 */
export async function listOrganisations(
  ctx: ServiceContext,
  caller: Caller,
  query: OrganisationQuery = {},
): Promise<OrganisationPage> {
  const platform = can(caller.actor, 'org.manage', PLATFORM);
  const bodySide = caller.actor.roles.some(
    (r) => r === 'body_admin' || r === 'expert' || r === 'team_leader',
  );
  const { limit, offset } = pageParams(query);
  const { rows, total } = await pageOrganisations(ctx.db, {
    ...(platform
      ? {}
      : {
          visible: {
            ...(caller.actor.orgId !== undefined ? { ownId: caller.actor.orgId } : {}),
            enterprises: bodySide,
          },
        }),
    ...(query.kind !== undefined ? { kind: query.kind } : {}),
    ...(query.industry !== undefined ? { industry: query.industry } : {}),
    ...(query.subSector !== undefined ? { subSector: query.subSector } : {}),
    ...(query.q !== undefined ? { q: query.q } : {}),
    ...(query.ids !== undefined ? { ids: query.ids } : {}),
    ...(query.sort !== undefined ? { sort: query.sort } : {}),
    ...(query.order !== undefined ? { order: query.order } : {}),
    limit,
    offset,
  });
  return paged(rows, offset, total);
}

export async function createOrganisation(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateOrganisationRequest,
): Promise<Organisation> {
  if (!can(caller.actor, 'org.manage', { kind: 'organization', orgId: 'new', orgKind: input.kind }))
    throw forbidden('org.manage: only the platform admin manages organisations', { action: 'org.manage' });
  return storeCreateOrganisation(ctx.db, caller.storeActor, {
    kind: input.kind,
    name: input.name,
    creditCode: checkedCreditCode(input.creditCode),
    industry: input.kind === 'enterprise' ? (input.industry ?? null) : null,
    ...(input.kind === 'enterprise' && input.profile
      ? { profile: checkedProfile(input.profile, 'body.profile.') }
      : {}),
  });
}

/** The credit code as entered, normalized; a VALIDATION error on `body.creditCode` unless GB 32100 holds. */
function checkedCreditCode(input: string | undefined): string | null {
  const code = normalizeCreditCode(input ?? '');
  if (code === '') return null;
  if (!isCreditCode(code))
    throw validation(`creditCode: "${code}" is not a unified social credit code`, 'body.creditCode', {
      rule: 'creditCode',
      value: code,
    });
  return code;
}

/**
 * The profile fields given, each checked against its list (4.6.4): an unknown code is a VALIDATION error naming
 * the field (`body.size`, or `body.profile.size` on create) with params.value and params.list.
 */
function checkedProfile(input: ProfileInput, prefix: string): Partial<OrganisationProfile> {
  const out: Partial<OrganisationProfile> = {};
  for (const f of PROFILE_FIELDS) {
    const v = input[f];
    if (v === undefined) continue;
    const code = v === null ? null : v.trim() || null;
    if (code !== null && !isProfileCode(f, code))
      throw validation(`${f}: "${code}" is not on the ${f} list`, `${prefix}${f}`, {
        rule: 'profileCode',
        value: code,
        list: f,
      });
    out[f] = code;
  }
  return out;
}

/**
 * Set the enterprise profile (4.6.4). The platform admin may set any enterprise's; an enterprise user its own
 * organisation's (it knows its size, sub-sector, region and ownership best). Others: 403.
 */
export async function updateOrganisationProfile(
  ctx: ServiceContext,
  caller: Caller,
  orgId: string,
  input: UpdateProfileRequest,
): Promise<Organisation> {
  const org = await getOrganisation(ctx.db, orgId);
  const platform = can(caller.actor, 'org.manage', PLATFORM);
  const own = caller.actor.orgId === orgId && caller.actor.roles.includes('enterprise_user');
  if (!platform && !own)
    throw forbidden('org.profile: only the platform admin or the enterprise itself sets its profile', {
      action: 'org.profile',
    });
  if (!org) throw notFound('organisation');
  if (org.kind !== 'enterprise')
    throw validation('only an enterprise has a profile', 'params.orgId', {
      rule: 'profileKind',
      kind: org.kind,
    });
  const { expectedVersion, ...fields } = input;
  const profile = checkedProfile(fields, 'body.');
  const r = await updateOrganisation(ctx.db, caller.storeActor, {
    id: orgId,
    expectedVersion,
    patch: { profile },
  });
  if (!r.ok) throw versionConflict('the organisation was changed meanwhile', r.current);
  return r.value;
}

// --- users ---------------------------------------------------------------------------------------------------

async function userManageCheck(
  db: Db,
  actor: Actor,
  organisationId: string | null,
  roles?: readonly string[],
) {
  const org = organisationId ? await getOrganisation(db, organisationId) : undefined;
  if (organisationId && !org) throw validation('unknown organisation', 'body.organisationId');
  if (!can(actor, 'user.manage', orgResource(org)))
    throw forbidden('user.manage: not allowed for this organisation', { action: 'user.manage' });
  if (roles && !actor.roles.includes('platform_admin')) {
    const bad = roles.filter((r) => !BODY_GRANTABLE.includes(r as Role));
    if (bad.length > 0)
      throw forbidden(`a body admin cannot grant ${bad.join(', ')}`, { roles: bad.join(',') });
  }
  if (roles?.includes('enterprise_user') && org?.kind !== 'enterprise')
    throw validation('enterprise users belong to an enterprise', 'body.roles', { rule: 'roles.enterprise' });
  if (roles?.includes('body_admin') && org?.kind !== 'body')
    throw validation('body admins belong to an assessment body', 'body.roles', { rule: 'roles.body' });
  return org;
}

/**
 * Whose users the caller lists: one organisation they manage (`orgId`, else their own), or everyone's (the
 * platform admin without `orgId`: undefined).
 */
async function userListTenant(ctx: ServiceContext, caller: Caller, orgId: string | undefined) {
  const { db } = ctx;
  const { actor } = caller;
  if (orgId === undefined) {
    if (can(actor, 'user.manage', PLATFORM)) return undefined;
    if (!actor.orgId) throw forbidden('user.manage: not allowed', { action: 'user.manage' });
    const own = await getOrganisation(db, actor.orgId);
    if (!can(actor, 'user.manage', orgResource(own)))
      throw forbidden('user.manage: not allowed', { action: 'user.manage' });
    return actor.orgId;
  }
  const org = await getOrganisation(db, orgId);
  if (!org) throw notFound('organisation');
  if (!can(actor, 'user.manage', orgResource(org)))
    throw forbidden('user.manage: not allowed', { action: 'user.manage' });
  return orgId;
}

/**
 * Users of an organisation (user.manage), or all of them (platform admin): a page, searched (name, e-mail),
 * filtered (role, active) and sorted in the database, each with their organisation's name.
 */
export async function listUsers(
  ctx: ServiceContext,
  caller: Caller,
  query: UserQuery = {},
): Promise<UserPage> {
  const organisationId = await userListTenant(ctx, caller, query.orgId);
  const { limit, offset } = pageParams(query);
  const { rows, total } = await pageUsers(ctx.db, {
    ...(organisationId !== undefined ? { organisationId } : {}),
    ...(query.role !== undefined ? { role: query.role } : {}),
    ...(query.active !== undefined ? { active: query.active } : {}),
    ...(query.q !== undefined ? { q: query.q } : {}),
    ...(query.sort !== undefined ? { sort: query.sort } : {}),
    ...(query.order !== undefined ? { order: query.order } : {}),
    limit,
    offset,
  });
  return paged(
    rows.map((u) => ({ ...publicUser(u), organisationName: u.organisationName })),
    offset,
    total,
  );
}

export async function createUser(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateUserRequest,
): Promise<UserView> {
  const org = await userManageCheck(ctx.db, caller.actor, input.organisationId ?? null, input.roles);
  assertPasswordRules(input.password, 'body.password', [input.username, input.displayName, org?.name ?? '']);
  const passwordHash = await hashPassword(input.password, ctx.options.passwordCost);
  const user = await storeCreateUser(ctx.db, caller.storeActor, {
    email: input.username,
    displayName: input.displayName,
    organisationId: input.organisationId ?? null,
    passwordHash,
    roles: [...new Set(input.roles)],
    disciplines: [...new Set(input.disciplines ?? [])],
  });
  return publicUser(user);
}

export async function updateUser(
  ctx: ServiceContext,
  caller: Caller,
  userId: string,
  input: UpdateUserRequest,
): Promise<UserView> {
  const { db } = ctx;
  const target = await getUser(db, userId);
  if (!target) throw notFound('user');
  const org = await userManageCheck(db, caller.actor, target.organisationId, input.roles);
  if (input.password !== undefined)
    assertPasswordRules(input.password, 'body.password', [target.email, target.displayName, org?.name ?? '']);
  const r = await storeUpdateUser(db, caller.storeActor, {
    id: userId,
    expectedVersion: input.expectedVersion,
    patch: {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.roles !== undefined && { roles: [...new Set(input.roles)] }),
      ...(input.disciplines !== undefined && { disciplines: [...new Set(input.disciplines)] }),
      ...(input.active !== undefined && { active: input.active }),
    },
  });
  if (!r.ok) throw versionConflict('the user was changed meanwhile', r.current && publicUser(r.current));
  if (input.password !== undefined) {
    await setPasswordHash(db, caller.storeActor, {
      id: userId,
      passwordHash: await hashPassword(input.password, ctx.options.passwordCost),
    });
    return publicUser((await getUser(db, userId))!);
  }
  return publicUser(r.value);
}

// --- the expert pool -----------------------------------------------------------------------------------------

/** Every expert (platform admin) or the experts of the caller's own body (body admin, user.manage). */
export async function expertPool(ctx: ServiceContext, caller: Caller): Promise<ExpertPoolEntry[]> {
  const { db } = ctx;
  const { actor } = caller;
  let users: User[];
  if (can(actor, 'user.manage', PLATFORM)) users = await storeListUsers(db);
  else {
    const own = actor.orgId ? await getOrganisation(db, actor.orgId) : undefined;
    if (!own || !can(actor, 'user.manage', orgResource(own)))
      throw forbidden('user.manage: not allowed', { action: 'user.manage' });
    users = await storeListUsers(db, { organisationId: own.id });
  }
  const experts = users.filter((u) => u.roles.includes('expert'));
  const profiles = await Promise.all(experts.map((u) => getExpertProfile(db, u.id)));
  const load = await expertLoads(db);
  const names = await organisationNames(db, [
    ...experts.map((u) => u.organisationId ?? '').filter(Boolean),
    ...profiles.flatMap((p) => p.conflicts.map((c) => c.enterpriseOrgId)),
  ]);
  return experts.map((u, i) => {
    const p = profiles[i]!;
    return {
      user: publicUser(u),
      orgName: names.get(u.organisationId ?? '') ?? '',
      trainingValidUntil: p.trainingValidUntil,
      conflicts: p.conflicts,
      enterpriseNames: Object.fromEntries(
        p.conflicts.map((c) => [c.enterpriseOrgId, names.get(c.enterpriseOrgId) ?? '']),
      ),
      load: load.get(u.id) ?? 0,
    };
  });
}

/**
 * A user manager issues a one-time password reset: the user's password stops working and their sessions end at
 * once; the token (returned once, never stored) sets a new password through `POST /api/auth/password-reset`
 * before it expires. Audited (issued, used). A user manager may not reset their own password this way (they
 * change it with the current one).
 */
export async function issuePasswordResetFor(
  ctx: ServiceContext,
  caller: Caller,
  userId: string,
): Promise<PasswordResetIssued> {
  const target = await getUser(ctx.db, userId);
  if (!target) throw notFound('user');
  await userManageCheck(ctx.db, caller.actor, target.organisationId);
  if (target.id === caller.user.id)
    throw forbidden('change your own password with the current one', { rule: 'own-password' });
  const { token, expiresAt } = await issuePasswordReset(ctx.db, caller.storeActor, {
    userId,
    ttlMs: ctx.options.passwordResetTtlMs,
    now: ctx.options.now(),
  });
  return { userId, token, expiresAt, path: `/reset-password#token=${token}` };
}

// --- expert profiles -----------------------------------------------------------------------------------------

/** The user themself, or a user manager of their organisation (others: NOT_FOUND, the user stays hidden). */
async function profileTarget(ctx: ServiceContext, caller: Caller, userId: string) {
  const target = await getUser(ctx.db, userId);
  if (!target) throw notFound('user');
  const org = target.organisationId ? await getOrganisation(ctx.db, target.organisationId) : undefined;
  const manager = can(caller.actor, 'user.manage', orgResource(org));
  if (caller.user.id !== userId && !manager) throw notFound('user');
  return { target, manager };
}

export async function getProfile(
  ctx: ServiceContext,
  caller: Caller,
  userId: string,
): Promise<ExpertProfile> {
  await profileTarget(ctx, caller, userId);
  return getExpertProfile(ctx.db, userId);
}

export async function putProfile(
  ctx: ServiceContext,
  caller: Caller,
  userId: string,
  input: PutExpertProfileRequest,
): Promise<ExpertProfile> {
  const { manager } = await profileTarget(ctx, caller, userId);
  const current = await getExpertProfile(ctx.db, userId);
  // The expert declares relations; only a user manager certifies training.
  if (!manager && input.trainingValidUntil !== current.trainingValidUntil)
    throw forbidden('training validity is set by a user manager', { rule: 'training_by_manager' });
  if (current.version !== input.expectedVersion)
    throw versionConflict('the profile was changed meanwhile', current);
  const now = nowIso();
  const conflicts = input.conflicts.map((c) => ({ ...c, declaredAt: c.declaredAt ?? now }));
  const r = await saveExpertProfile(ctx.db, caller.storeActor, {
    userId,
    trainingValidUntil: input.trainingValidUntil,
    conflicts,
    expectedVersion: input.expectedVersion,
  });
  if (!r.ok) throw versionConflict('the profile was changed meanwhile', r.current);
  return r.value;
}

/** Administration: organisations, users, expert profiles, the audit log. */
import { AUDIT_REDACTIONS } from '../process/visibility.js';
import { ConflictDeclaration, Discipline, Industry, Role } from './domain.js';
import {
  Bool,
  Dict,
  Id,
  Int,
  IsoDate,
  NonBlank,
  Nullable,
  Obj,
  Str,
  StringEnum,
  Type,
  type Static,
} from './schema.js';

export const OrganisationKind = StringEnum(['body', 'enterprise'] as const);

/**
 * The enterprise profile (4.6.4): each field a code of its list (standard/enterprise-profile/profile-lists.json,
 * labels in src/model/profile.ts), or null. The lists are checked by the service (VALIDATION naming the field),
 * so the contract only bounds the strings.
 */
export const OrganisationProfile = Obj({
  size: Nullable(Type.String()),
  subSector: Nullable(Type.String()),
  region: Nullable(Type.String()),
  ownership: Nullable(Type.String()),
});
export type OrganisationProfile = Static<typeof OrganisationProfile>;

const ProfileCode = Nullable(Type.String({ maxLength: 40 }));
export const ProfileInput = Obj({
  size: Type.Optional(ProfileCode),
  subSector: Type.Optional(ProfileCode),
  region: Type.Optional(ProfileCode),
  ownership: Type.Optional(ProfileCode),
});
export type ProfileInput = Static<typeof ProfileInput>;

export const Organisation = Obj({
  id: Type.String(),
  kind: OrganisationKind,
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  profile: OrganisationProfile,
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Organisation = Static<typeof Organisation>;

export const OrganisationQuery = Obj({ kind: Type.Optional(OrganisationKind) });
export const CreateOrganisationRequest = Obj({
  kind: OrganisationKind,
  name: NonBlank(200),
  creditCode: Type.Optional(Str(18, 18)),
  industry: Type.Optional(Industry),
  /** Enterprises only (ignored for a body). */
  profile: Type.Optional(ProfileInput),
});
export type CreateOrganisationRequest = Static<typeof CreateOrganisationRequest>;

export const OrgIdParams = Obj({ orgId: Id });
export const UpdateProfileRequest = Obj({
  size: Type.Optional(ProfileCode),
  subSector: Type.Optional(ProfileCode),
  region: Type.Optional(ProfileCode),
  ownership: Type.Optional(ProfileCode),
  expectedVersion: Int(),
});
export type UpdateProfileRequest = Static<typeof UpdateProfileRequest>;

export const UserView = Obj({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  organisationId: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  disciplines: Type.Array(Type.String()),
  active: Bool,
  version: Type.Integer(),
});
export type UserView = Static<typeof UserView>;

export const UserQuery = Obj({ orgId: Type.Optional(Id) });
export const UserIdParams = Obj({ userId: Id });

export const Username = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' });
export const CreateUserRequest = Obj({
  username: Username,
  displayName: NonBlank(200),
  /** Checked by the password rules (see auth.ts): 400 VALIDATION field body.password with params.rule. */
  password: Str(1024, 1),
  organisationId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  roles: Type.Array(Role, { maxItems: 5 }),
  disciplines: Type.Optional(Type.Array(Discipline, { maxItems: 6 })),
});
export type CreateUserRequest = Static<typeof CreateUserRequest>;

export const UpdateUserRequest = Obj({
  displayName: Type.Optional(NonBlank(200)),
  roles: Type.Optional(Type.Array(Role, { maxItems: 5 })),
  disciplines: Type.Optional(Type.Array(Discipline, { maxItems: 6 })),
  active: Type.Optional(Bool),
  password: Type.Optional(Str(1024, 1)),
  expectedVersion: Int(),
});
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

/** One expert of the pool (4.2.2): disciplines, training validity, declared interests, current workload. */
export const ExpertPoolEntry = Obj({
  user: UserView,
  orgName: Type.String(),
  trainingValidUntil: Nullable(Type.String()),
  conflicts: Type.Array(ConflictDeclaration),
  /** Enterprise id → name, for the declared interests. */
  enterpriseNames: Dict(Type.String()),
  /** Assessments in progress the expert is on. */
  load: Type.Integer(),
});
export type ExpertPoolEntry = Static<typeof ExpertPoolEntry>;

export const ExpertProfile = Obj({
  userId: Type.String(),
  trainingValidUntil: Nullable(Type.String()),
  conflicts: Type.Array(ConflictDeclaration),
  version: Type.Integer(),
});
export type ExpertProfile = Static<typeof ExpertProfile>;

export const PutExpertProfileRequest = Obj({
  trainingValidUntil: Nullable(IsoDate),
  conflicts: Type.Array(
    Obj({
      enterpriseOrgId: Id,
      kind: ConflictDeclaration.properties.kind,
      description: Str(2000),
      declaredAt: Type.Optional(ConflictDeclaration.properties.declaredAt),
      endedOn: Type.Optional(IsoDate),
    }),
    { maxItems: 200 },
  ),
  expectedVersion: Int(),
});
export type PutExpertProfileRequest = Static<typeof PutExpertProfileRequest>;

// --- audit ---------------------------------------------------------------------------------------------------

/** One row of the hash-chained audit log. `before` / `after` are the change's JSON (visibility-filtered). */
export const AuditEntry = Obj({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorLabel: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  before: Type.Unknown({ description: 'JSON of the record before the change, or null' }),
  after: Type.Unknown({ description: 'JSON of the record after the change, or null' }),
  reason: Nullable(Type.String()),
  hash: Type.String(),
  prevHash: Type.Optional(Type.String()),
  /**
   * Set when the entry's content (before, after, reason: null here) is withheld from this viewer, and why:
   * blind scoring, the enterprise's own self-assessment, the team's result not yet visible, or assessment
   * content in the platform-wide log (src/process/visibility.ts).
   */
  redacted: Type.Optional(StringEnum(AUDIT_REDACTIONS)),
});
export type AuditEntry = Static<typeof AuditEntry>;

const Limit = Type.Integer({ minimum: 1, maximum: 1000 });
export const AuditQuery = Obj({
  afterSeq: Type.Optional(Int()),
  limit: Type.Optional(Limit),
  entity: Type.Optional(Str(100)),
  entityId: Type.Optional(Id),
});
export const AssessmentAuditQuery = Obj({ afterSeq: Type.Optional(Int()), limit: Type.Optional(Limit) });

export const AuditVerification = Type.Union([
  Obj({ ok: Type.Literal(true), count: Type.Integer(), headHash: Type.String() }),
  Obj({ ok: Type.Literal(false), seq: Nullable(Type.Integer()), reason: Type.String() }),
]);
export type AuditVerification = Static<typeof AuditVerification>;

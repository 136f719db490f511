/** Administration: organisations, users, expert profiles, the audit log. */
import { AUDIT_REDACTIONS } from '../process/visibility.js';
import { ConflictDeclaration, Discipline, Industry, Role } from './domain.js';
import {
  Bool,
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

export const Organisation = Obj({
  id: Type.String(),
  kind: OrganisationKind,
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  industry: Nullable(Type.String()),
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
});
export type CreateOrganisationRequest = Static<typeof CreateOrganisationRequest>;

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

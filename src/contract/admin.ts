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
  Page,
  PageParams,
  SearchText,
  SortOrder,
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

export const ORGANISATION_SORTS = ['name', 'created', 'kind', 'industry'] as const;
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number];

/** The organisation list: search, filters, sort, paging (what the caller may see, as before). */
export const OrganisationQuery = Obj({
  kind: Type.Optional(OrganisationKind),
  industry: Type.Optional(Industry),
  /** The enterprise profile's sub-sector code (4.6.4). */
  subSector: Type.Optional(Str(40)),
  /** Searches the name and the unified social credit code. */
  q: Type.Optional(SearchText),
  /** Only these organisations (e.g. to name the ones a form refers to). */
  ids: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  sort: Type.Optional(StringEnum(ORGANISATION_SORTS)),
  order: Type.Optional(SortOrder),
  ...PageParams,
});
export type OrganisationQuery = Static<typeof OrganisationQuery>;
export const OrganisationPage = Page(Organisation);
export type OrganisationPage = Static<typeof OrganisationPage>;
export const CreateOrganisationRequest = Obj({
  kind: OrganisationKind,
  name: NonBlank(200),
  /** 统一社会信用代码: 18 characters with its check character (GB 32100-2015); spaces and lower case are read. */
  creditCode: Type.Optional(Str(40)),
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

export const USER_SORTS = ['name', 'username', 'organisation', 'created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** The user list: search, filters, sort, paging (the users the caller manages, as before). */
export const UserQuery = Obj({
  orgId: Type.Optional(Id),
  role: Type.Optional(Role),
  active: Type.Optional(Bool),
  /** Searches the display name and the user name (e-mail). */
  q: Type.Optional(SearchText),
  sort: Type.Optional(StringEnum(USER_SORTS)),
  order: Type.Optional(SortOrder),
  ...PageParams,
});
export type UserQuery = Static<typeof UserQuery>;

/** A user in the list, with the name of their organisation. */
export const UserListItem = Type.Composite([UserView, Obj({ organisationName: Nullable(Type.String()) })]);
export type UserListItem = Static<typeof UserListItem>;
export const UserPage = Page(UserListItem);
export type UserPage = Static<typeof UserPage>;
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
/** Filters of an audit list: the record type, the action, who did it. */
const AuditFilter = {
  entity: Type.Optional(Str(100)),
  action: Type.Optional(Str(100)),
  actorId: Type.Optional(Id),
};
/** Paged by seq: the entries after `afterSeq` (the previous page's `nextCursor`), oldest first. */
export const AuditQuery = Obj({
  afterSeq: Type.Optional(Int()),
  limit: Type.Optional(Limit),
  ...AuditFilter,
  entityId: Type.Optional(Id),
});
export type AuditQuery = Static<typeof AuditQuery>;
export const AssessmentAuditQuery = Obj({
  afterSeq: Type.Optional(Int()),
  limit: Type.Optional(Limit),
  ...AuditFilter,
});
export type AssessmentAuditQuery = Static<typeof AssessmentAuditQuery>;

/** A page of the audit log; `total` counts every entry matching the filters (all pages). */
export const AuditPage = Page(AuditEntry, 'The `afterSeq` of the next page, when there is one.');
export type AuditPage = Static<typeof AuditPage>;

export const AuditVerification = Type.Union([
  Obj({ ok: Type.Literal(true), count: Type.Integer(), headHash: Type.String() }),
  Obj({ ok: Type.Literal(false), seq: Nullable(Type.Integer()), reason: Type.String() }),
]);
export type AuditVerification = Static<typeof AuditVerification>;

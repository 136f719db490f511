/**
 * The records of section 4 beside the stages: evidence reviews and requests (4.5.2 / 4.6.2), the leader's
 * briefing (4.5.2), findings and rectifications (4.5.3), and the application's readiness (4.4 / 4.2.1).
 */
import {
  ATTACHMENT_KINDS,
  EVIDENCE_REVIEW_OUTCOMES,
  FINDING_KINDS,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
} from '../process/types.js';
import {
  Dict,
  Id,
  Int,
  IsoDate,
  IsoDateTime,
  NonBlank,
  Nullable,
  Obj,
  Str,
  StringEnum,
  Type,
  type Static,
} from './schema.js';

const Ids = (max = 200) => Type.Array(Id, { maxItems: max });

// --- evidence review and requests ----------------------------------------------------------------------------

export const EvidenceReviewOutcome = StringEnum(EVIDENCE_REVIEW_OUTCOMES);
export const EvidenceReview = Obj({
  evidenceId: Id,
  requirementId: Id,
  outcome: EvidenceReviewOutcome,
  reason: Type.Optional(Str(4000)),
  by: Id,
  at: IsoDateTime,
  version: Type.Integer(),
});
export type EvidenceReview = Static<typeof EvidenceReview>;

export const EvidenceRequestAnswer = Obj({
  note: Type.Optional(Str(4000)),
  evidenceIds: Type.Array(Id),
  by: Id,
  at: IsoDateTime,
});
export const EvidenceRequest = Obj({
  id: Id,
  requirementIds: Type.Array(Id),
  message: Str(4000),
  dueDate: IsoDate,
  requestedBy: Id,
  requestedAt: IsoDateTime,
  answer: Type.Optional(EvidenceRequestAnswer),
});
export type EvidenceRequest = Static<typeof EvidenceRequest>;

export const RequirementEvidenceState = Obj({
  requirementId: Id,
  items: Type.Integer(),
  accepted: Type.Integer(),
  needsMore: Type.Integer(),
  rejected: Type.Integer(),
  unreviewed: Type.Integer(),
  openRequestIds: Type.Array(Id),
  dueDate: Nullable(IsoDate),
});
export type RequirementEvidenceState = Static<typeof RequirementEvidenceState>;

/** Everything about the review of the evidence of one assessment. */
export const EvidenceReviewView = Obj({
  reviews: Dict(EvidenceReview),
  requests: Type.Array(EvidenceRequest),
  /** Per requirement that has evidence or an open request. */
  byRequirement: Dict(RequirementEvidenceState),
});
export type EvidenceReviewView = Static<typeof EvidenceReviewView>;

export const ReviewEvidenceRequest = Obj({
  outcome: EvidenceReviewOutcome,
  reason: Type.Optional(Str(4000)),
});
export type ReviewEvidenceRequest = Static<typeof ReviewEvidenceRequest>;

export const CreateEvidenceRequest = Obj({
  requirementIds: Type.Array(Id, { minItems: 1, maxItems: 200 }),
  message: NonBlank(4000),
  dueDate: IsoDate,
});
export type CreateEvidenceRequest = Static<typeof CreateEvidenceRequest>;

export const AnswerEvidenceRequest = Obj({
  note: Type.Optional(Str(4000)),
  evidenceIds: Ids(50),
});
export type AnswerEvidenceRequest = Static<typeof AnswerEvidenceRequest>;

export const EvidenceReviewParams = Obj({ id: Id, evidenceId: Id });
export const EvidenceRequestParams = Obj({ id: Id, requestId: Id });

// --- briefing ------------------------------------------------------------------------------------------------

export const ExcusedMember = Obj({ userId: Id, reason: Str(2000) });
export const Briefing = Obj({
  heldOn: IsoDate,
  attendees: Type.Array(Id),
  content: Str(10_000),
  excused: Type.Array(ExcusedMember),
  recordedBy: Id,
  recordedAt: IsoDateTime,
  version: Type.Integer(),
});
export type Briefing = Static<typeof Briefing>;

export const PutBriefingRequest = Obj({
  heldOn: IsoDate,
  attendees: Ids(50),
  content: NonBlank(10_000),
  excused: Type.Array(ExcusedMember, { maxItems: 50 }),
  /** The assessment's version the leader saw. */
  expectedVersion: Int(),
});
export type PutBriefingRequest = Static<typeof PutBriefingRequest>;

// --- findings ------------------------------------------------------------------------------------------------

export const FindingKind = StringEnum(FINDING_KINDS);
export const FindingSeverity = StringEnum(FINDING_SEVERITIES);
export const FindingStatus = StringEnum(FINDING_STATUSES);
export const Rectification = Obj({ text: Str(4000), evidenceIds: Type.Array(Id), by: Id, at: IsoDateTime });
export const Finding = Obj({
  id: Id,
  kind: FindingKind,
  requirementIds: Type.Array(Id),
  evidenceIds: Type.Array(Id),
  text: Str(4000),
  severity: FindingSeverity,
  status: FindingStatus,
  recordedBy: Id,
  recordedAt: IsoDateTime,
  updatedBy: Id,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
  rectification: Type.Optional(Rectification),
});
export type Finding = Static<typeof Finding>;

export const CreateFindingRequest = Obj({
  kind: FindingKind,
  requirementIds: Type.Array(Id, { minItems: 1, maxItems: 200 }),
  evidenceIds: Ids(50),
  text: NonBlank(4000),
  severity: FindingSeverity,
});
export type CreateFindingRequest = Static<typeof CreateFindingRequest>;

export const UpdateFindingRequest = Obj({
  requirementIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200 })),
  evidenceIds: Type.Optional(Ids(50)),
  text: Type.Optional(NonBlank(4000)),
  severity: Type.Optional(FindingSeverity),
  /** open (re-open) or closed; `rectified` is the enterprise's (…/rectification). */
  status: Type.Optional(FindingStatus),
  expectedVersion: Int(),
});
export type UpdateFindingRequest = Static<typeof UpdateFindingRequest>;

export const RectifyFindingRequest = Obj({ text: NonBlank(4000), evidenceIds: Ids(50) });
export type RectifyFindingRequest = Static<typeof RectifyFindingRequest>;

export const FindingParams = Obj({ id: Id, findingId: Id });

// --- readiness -----------------------------------------------------------------------------------------------

export const Readiness = Obj({
  ready: Type.Boolean(),
  eligibility: Type.Array(Type.String()),
  missingAttachments: Type.Array(StringEnum(ATTACHMENT_KINDS)),
  requirementsWithoutEvidence: Type.Array(Id),
});
export type Readiness = Static<typeof Readiness>;

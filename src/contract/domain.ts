/**
 * The process records of `src/process/types.ts` as they travel over the wire. The server answers with the
 * domain objects; TypeScript checks that they fit these schemas (route handlers must return the contract's
 * types), and Fastify serialises with them (fields not named here are never sent).
 */
import { ROLES } from '../access/types.js';
import { SCORE_VALUES } from '../model/grades.js';
import { INDUSTRIES, LEVEL_CODES } from '../model/types.js';
import {
  ATTACHMENT_KINDS,
  CONFLICT_KINDS,
  DISCIPLINES,
  EVIDENCE_METHODS,
  REPORT_SECTIONS,
  STAGES,
  type CommandType,
} from '../process/types.js';
import {
  Bool,
  Dict,
  Id,
  Int,
  IsoDate,
  IsoDateTime,
  Nullable,
  Obj,
  PartialKeyedRecord,
  Str,
  StringEnum,
  Type,
  type Static,
} from './schema.js';

export const ScoreValue = StringEnum(SCORE_VALUES, 'Table 2 grade: exact decimal string');
export type ScoreValue = Static<typeof ScoreValue>;
export const Stage = StringEnum(STAGES);
export type Stage = Static<typeof Stage>;
export const Industry = StringEnum(INDUSTRIES);
export type Industry = Static<typeof Industry>;
export const LevelCode = StringEnum(LEVEL_CODES);
export type LevelCode = Static<typeof LevelCode>;
export const Role = StringEnum(ROLES);
export type Role = Static<typeof Role>;
export const Discipline = StringEnum(DISCIPLINES);
export type Discipline = Static<typeof Discipline>;
export const EvidenceMethod = StringEnum(EVIDENCE_METHODS);
export type EvidenceMethod = Static<typeof EvidenceMethod>;
export const ConflictKind = StringEnum(CONFLICT_KINDS);
export type ConflictKind = Static<typeof ConflictKind>;
export const ReportSection = StringEnum(REPORT_SECTIONS);
export type ReportSection = Static<typeof ReportSection>;
export const AttachmentKind = StringEnum(ATTACHMENT_KINDS);
export type AttachmentKind = Static<typeof AttachmentKind>;
export const PlanKind = StringEnum(['pre', 'formal'] as const);
export type PlanKind = Static<typeof PlanKind>;
export const MeetingKind = StringEnum(['first', 'final'] as const);
export type MeetingKind = Static<typeof MeetingKind>;
export const OrgKind = StringEnum(['platform', 'body', 'enterprise'] as const);
export type OrgKind = Static<typeof OrgKind>;

// --- application -----------------------------------------------------------------------------------------

export const EligibilityAnswers = Obj({
  noMajorSafetyAccident: Bool,
  noMajorEnvironmentalIncident: Bool,
  hasTransformationPlan: Bool,
  compliesWithLaws: Bool,
  truthfulnessCommitment: Bool,
});
export type EligibilityAnswers = Static<typeof EligibilityAnswers>;

export const EligibilityDeclaration = Type.Composite([
  EligibilityAnswers,
  Obj({
    years: Type.Array(Type.Integer(), {
      minItems: 2,
      maxItems: 2,
      description: 'the year declared and the year before',
    }),
    declaredAt: IsoDateTime,
    declaredBy: Id,
  }),
]);

export const Application = Obj({
  eligibility: Type.Optional(EligibilityDeclaration),
  submittedAt: Type.Optional(IsoDateTime),
  submittedBy: Type.Optional(Id),
  review: Type.Optional(
    Obj({
      decision: StringEnum(['accepted', 'rejected'] as const),
      reason: Type.Optional(Str()),
      by: Id,
      at: IsoDateTime,
    }),
  ),
  withdrawal: Type.Optional(Obj({ by: Id, at: IsoDateTime, reason: Type.Optional(Str()) })),
  previousAssessmentId: Type.Optional(Id),
  reassessmentOf: Type.Optional(Id),
});

export const ApplicationForm = Obj({
  scope: Str(2000),
  requestedLevel: Nullable(Int(1, 5)),
  contactName: Str(200),
  contactPhone: Str(50),
});
export type ApplicationForm = Static<typeof ApplicationForm>;

// --- team --------------------------------------------------------------------------------------------------

export const ConflictDeclaration = Obj({
  enterpriseOrgId: Id,
  kind: ConflictKind,
  description: Str(2000),
  declaredAt: IsoDateTime,
  endedOn: Type.Optional(IsoDate),
});
export type ConflictDeclaration = Static<typeof ConflictDeclaration>;

export const Expert = Obj({
  userId: Id,
  name: Str(200),
  orgId: Type.Optional(Id),
  disciplines: Type.Array(Discipline),
  trainingValidUntil: Type.Optional(IsoDate),
  conflicts: Type.Array(ConflictDeclaration),
});
export type Expert = Static<typeof Expert>;

export const TeamRole = StringEnum(['leader', 'member'] as const);
export const TeamMember = Obj({ expert: Expert, role: TeamRole });
export const Team = Obj({
  members: Type.Array(TeamMember),
  assignedAt: IsoDateTime,
  assignedBy: Id,
  version: Type.Integer(),
});

// --- plans, meetings, report ---------------------------------------------------------------------------------

export const ScheduleEntry = Obj({ date: IsoDate, activity: Str(2000) });
export const PlanInput = Obj({
  purpose: Str(5000),
  scope: Str(5000),
  tasks: Type.Array(Str(2000), { maxItems: 200 }),
  methods: Type.Array(EvidenceMethod, { maxItems: 20 }),
  startDate: IsoDate,
  endDate: IsoDate,
  people: Type.Array(Id, { maxItems: 100 }),
  schedule: Type.Array(ScheduleEntry, { maxItems: 500 }),
});
export type PlanInput = Static<typeof PlanInput>;
export const PlanDoc = Type.Composite([
  PlanInput,
  Obj({
    kind: PlanKind,
    version: Type.Integer(),
    writtenBy: Id,
    writtenAt: IsoDateTime,
    confirmed: Type.Optional(Obj({ by: Id, at: IsoDateTime })),
  }),
]);
export type PlanDoc = Static<typeof PlanDoc>;
export const Plans = Obj({ pre: Type.Optional(PlanDoc), formal: Type.Optional(PlanDoc) });

export const Attendee = Obj({
  name: Str(200),
  userId: Type.Optional(Id),
  side: StringEnum(['team', 'enterprise', 'other'] as const),
});
export type Attendee = Static<typeof Attendee>;
export const MeetingInput = Obj({
  heldAt: IsoDateTime,
  minutes: Str(50_000),
  attendees: Type.Array(Attendee, { maxItems: 500 }),
  topics: Type.Array(Str(100), { maxItems: 50 }),
  planAgreed: Type.Optional(Bool),
});
export type MeetingInput = Static<typeof MeetingInput>;
export const Meeting = Type.Composite([
  MeetingInput,
  Obj({ kind: MeetingKind, recordedBy: Id, recordedAt: IsoDateTime }),
]);
export type Meeting = Static<typeof Meeting>;
export const Meetings = Obj({ first: Type.Optional(Meeting), final: Type.Optional(Meeting) });

export const ReportSections = PartialKeyedRecord(REPORT_SECTIONS, Str(100_000));
export const Report = Obj({
  sections: ReportSections,
  version: Type.Integer(),
  updatedAt: IsoDateTime,
  updatedBy: Id,
  issuedAt: Type.Optional(IsoDateTime),
});
export type Report = Static<typeof Report>;

// --- evidence --------------------------------------------------------------------------------------------------

export const FileRef = Obj({
  name: Str(1000),
  ref: Str(1000),
  sha256: Type.Optional(Type.String()),
  size: Type.Optional(Type.Integer()),
});

export const EvidenceItem = Obj({
  id: Id,
  requirementId: Id,
  kind: StringEnum(['submitted', 'collected'] as const),
  method: Type.Optional(EvidenceMethod),
  by: Id,
  at: IsoDateTime,
  file: Type.Optional(FileRef),
  note: Type.Optional(Str()),
  contestId: Type.Optional(Id),
  /** Carried over from this published assessment, until the enterprise confirms it. */
  carriedFrom: Type.Optional(Id),
  /** 4.2.1 / 4.4: one of the required application documents. */
  attachmentKind: Type.Optional(AttachmentKind),
  /** Supplied in answer to this request of the team (4.6.2). */
  requestId: Type.Optional(Id),
});
export type EvidenceItem = Static<typeof EvidenceItem>;

/** An evidence item as served: the item plus the download URL of its file. */
export const EvidenceView = Type.Composite([EvidenceItem, Obj({ url: Type.Optional(Type.String()) })]);
export type EvidenceView = Static<typeof EvidenceView>;

// --- scores, consensus, contests, result ----------------------------------------------------------------

export const ExpertScore = Obj({
  requirementId: Id,
  value: ScoreValue,
  rationale: Str(),
  at: IsoDateTime,
  version: Type.Integer(),
});
export type ExpertScore = Static<typeof ExpertScore>;

export const ExpertSheet = Obj({
  expertId: Id,
  scores: Dict(ExpertScore),
  submittedAt: Type.Optional(IsoDateTime),
});
export type ExpertSheet = Static<typeof ExpertSheet>;

export const Dissent = Obj({ expertId: Id, value: ScoreValue, note: Type.Optional(Str()) });
export const ConsensusEntry = Obj({
  requirementId: Id,
  value: ScoreValue,
  rationale: Str(),
  dissent: Type.Array(Dissent),
  decidedBy: Id,
  at: IsoDateTime,
  version: Type.Integer(),
  source: Type.Union([Type.Literal('consensus'), Obj({ contestId: Id })]),
});
export type ConsensusEntry = Static<typeof ConsensusEntry>;

/** The spread of the experts' scores for one requirement (`src/process` scoreSpread). */
export const SpreadRowFields = {
  requirementId: Id,
  scores: Type.Array(Obj({ expertId: Id, value: ScoreValue })),
  /** Experts without a score for this requirement. */
  missing: Type.Array(Id),
  min: Type.Optional(ScoreValue),
  max: Type.Optional(ScoreValue),
  /** max − min, exact decimal string. */
  range: Type.String(),
  rangeTenths: Type.Integer(),
  /** Distinct values, highest first. */
  distinct: Type.Array(ScoreValue),
  /** Most frequent value; null on a tie or without scores. */
  mode: Nullable(ScoreValue),
  teamValue: Type.Optional(ScoreValue),
  dissenters: Type.Array(Id),
  disagreement: Bool,
};

export const ContestAnswer = Obj({
  decision: StringEnum(['upheld', 'rejected'] as const),
  reason: Str(),
  previousValue: ScoreValue,
  newValue: Type.Optional(ScoreValue),
  answeredBy: Id,
  at: IsoDateTime,
});
export const Contest = Obj({
  id: Id,
  requirementId: Id,
  claim: Str(),
  requestedValue: Type.Optional(ScoreValue),
  evidence: Type.Array(EvidenceItem),
  filedBy: Id,
  filedAt: IsoDateTime,
  answer: Type.Optional(ContestAnswer),
});
export type Contest = Static<typeof Contest>;

export const ContestWindow = Obj({
  openedAt: IsoDateTime,
  deadline: IsoDateTime,
  waived: Type.Optional(Obj({ by: Id, at: IsoDateTime })),
});

export const Seal = Obj({
  at: IsoDateTime,
  by: Id,
  hash: Type.String(),
  resultRevision: Type.Integer(),
});
export const Reopening = Obj({ at: IsoDateTime, by: Id, reason: Str(), previousSeal: Seal });

export const HistoryEntry = Type.Object(
  {
    seq: Type.Integer(),
    at: IsoDateTime,
    actorId: Type.String(),
    command: Type.Unsafe<CommandType>({ type: 'string' }),
    from: Stage,
    to: Stage,
    events: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

// --- engine results ------------------------------------------------------------------------------------------

/** An exact non-negative rational in lowest terms with its display (rounded half up). */
export const Exact = Obj({ num: Type.Number(), den: Type.Number(), display: Type.String() });
export type Exact = Static<typeof Exact>;

const LevelMap = <T extends Parameters<typeof PartialKeyedRecord>[1]>(value: T) =>
  PartialKeyedRecord(LEVEL_CODES, value);

export const ScoringPolicy = Obj({
  weightRescaling: StringEnum(['within-domain', 'within-type', 'global'] as const),
  levelMetComparison: StringEnum(['at-least', 'greater-than'] as const),
  levelMetThreshold: Type.String(),
  gating: Bool,
  displayDecimals: Type.Integer(),
});

/** The engine's result (`src/scoring` ScoreResult) without its trace. */
export const ScoreResult = Obj({
  modelId: Type.String(),
  industry: Industry,
  policy: ScoringPolicy,
  complete: Bool,
  missing: Type.Array(Type.String()),
  units: Type.Array(
    Obj({
      id: Type.String(),
      name: Type.String(),
      domainId: Type.String(),
      levels: LevelMap(Nullable(Exact)),
      answered: Type.Integer(),
      total: Type.Integer(),
    }),
  ),
  domains: Type.Array(Obj({ id: Type.String(), name: Type.String(), levels: LevelMap(Nullable(Exact)) })),
  levels: Type.Array(
    Obj({
      level: LevelCode,
      score: Exact,
      met: Bool,
      lowerUnmet: Bool,
      counted: Bool,
      flagged: Bool,
      contribution: Exact,
    }),
  ),
  total: Exact,
  conclusion: Obj({
    level: Type.Integer(),
    ordinal: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    belowLevel1: Bool,
    interval: Type.String(),
  }),
  gatingFlags: Type.Array(LevelCode),
});
export type ScoreResult = Static<typeof ScoreResult>;

export const FrozenResult = Obj({
  revision: Type.Integer(),
  value: ScoreResult,
  modelId: Type.String(),
  teamScores: Dict(ScoreValue),
  frozenAt: IsoDateTime,
  frozenBy: Id,
  cause: Type.Union([Type.Literal('consensus'), Obj({ contestId: Id })]),
});
export type FrozenResult = Static<typeof FrozenResult>;

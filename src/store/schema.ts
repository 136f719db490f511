/**
 * The database schema as Kysely sees it. Column names are snake_case, as in SQL; repositories map rows
 * to camelCase domain objects.
 *
 * Conventions shared by both dialects, so repositories need no dialect branches:
 * - ids are application-generated text (UUID v4), except `login_attempts.id` (auto) and `audit_log.seq`;
 * - timestamps are ISO-8601 UTC strings (`2025-01-31T08:00:00.000Z`). SQLite stores that text; PostgreSQL
 *   stores `timestamptz` and the pool's type parser turns it back into the same ISO string;
 * - booleans are integers 0/1 (better-sqlite3 cannot bind booleans);
 * - JSON columns hold JSON text (SQLite `text`, PostgreSQL `jsonb`, read back as text by the type parser);
 * - scores are integer tenths (exact): 0, 5, 8, 10 for expert and consensus scores.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO-8601 UTC timestamp string. */
export type Timestamp = string;
/** A JSON document serialised as text. */
export type JsonText = string;
/** 0 or 1. */
export type Flag = 0 | 1;

export type OrganisationKind = 'body' | 'enterprise';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  /** 统一社会信用代码 (unified social credit code), unique when present. */
  credit_code: string | null;
  industry: string | null;
  /** Enterprise profile (0010, 4.6.4): codes of standard/enterprise-profile/profile-lists.json, or null. */
  size: string | null;
  sub_sector: string | null;
  region: string | null;
  ownership: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  organisation_id: string | null;
  /** Stored lower-cased and trimmed; unique. */
  email: string;
  display_name: string;
  /** argon2id PHC string; null while no password was set (cannot log in). */
  password_hash: string | null;
  /** JSON array of role names. */
  roles: JsonText;
  /** JSON array of discipline ids. */
  disciplines: JsonText;
  active: Flag;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 (hex) of the random session token; the token itself is only in the client's cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  success: Flag;
  at: Timestamp;
}

export interface AssessmentsTable {
  id: string;
  enterprise_id: string;
  body_id: string | null;
  industry: string;
  model_id: string;
  stage: string;
  /** Optimistic concurrency: incremented by every update. */
  version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ApplicationDecision = 'accepted' | 'rejected';

export interface ApplicationsTable {
  id: string;
  assessment_id: string;
  eligibility: JsonText;
  submitted_by: string | null;
  submitted_at: Timestamp;
  decision: ApplicationDecision | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export type TeamRole = 'leader' | 'member';

export interface TeamMembersTable {
  assessment_id: string;
  user_id: string;
  role: TeamRole;
  disciplines: JsonText;
  added_by: string | null;
  added_at: Timestamp;
}

export interface ConflictDeclarationsTable {
  id: string;
  assessment_id: string;
  user_id: string;
  has_conflict: Flag;
  statement: string;
  declared_at: Timestamp;
}

export type PlanKind = 'pre' | 'formal';

export interface PlansTable {
  id: string;
  assessment_id: string;
  kind: PlanKind;
  content: JsonText;
  version: number;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MeetingKind = 'first' | 'final';

export interface MeetingsTable {
  id: string;
  assessment_id: string;
  kind: MeetingKind;
  held_at: Timestamp;
  minutes: string;
  /** JSON array of attendees ({ name, organisation?, userId? }). */
  attendees: JsonText;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface EvidenceFilesTable {
  id: string;
  assessment_id: string;
  requirement_id: string | null;
  /** Key in the EvidenceStorage; random, never derived from the client's filename. */
  storage_key: string;
  /** The client's filename, for display and download only. */
  filename: string;
  mime: string;
  size: ColumnType<number, number, number>;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

export interface EvidenceItemsTable {
  id: string;
  assessment_id: string;
  requirement_id: string;
  /** How the evidence was collected: document review, interview, site observation, system demo … */
  method: string;
  collected_by: string | null;
  collected_at: Timestamp;
  note: string;
  file_id: string | null;
}

export interface SelfAssessmentScoresTable {
  assessment_id: string;
  requirement_id: string;
  value_tenths: number;
  note: string;
  version: number;
  updated_by: string | null;
  updated_at: Timestamp;
  /** Added by 0006: the assessment the grade was carried over from, until the enterprise confirms it. */
  carried_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ExpertScoresTable {
  assessment_id: string;
  expert_id: string;
  requirement_id: string;
  /** 0 | 5 | 8 | 10 */
  value_tenths: number;
  rationale: string;
  version: number;
  updated_at: Timestamp;
}

export interface ExpertSheetsTable {
  assessment_id: string;
  expert_id: string;
  submitted_at: Timestamp;
}

export interface ConsensusScoresTable {
  assessment_id: string;
  requirement_id: string;
  value_tenths: number;
  rationale: string;
  dissent: string | null;
  version: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ResultsTable {
  id: string;
  assessment_id: string;
  /** 1 for the first frozen result, 2 after a reopen, … */
  seq: number;
  model_id: string;
  /** Frozen scoring-engine output. */
  output: JsonText;
  created_by: string | null;
  created_at: Timestamp;
}

export type ReportStatus = 'draft' | 'published' | 'sealed';

export interface ReportsTable {
  id: string;
  assessment_id: string;
  result_id: string;
  status: ReportStatus;
  content: JsonText;
  version: number;
  /** sha256 of the sealed report document, once sealed. */
  sealed_sha256: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ContestsTable {
  id: string;
  assessment_id: string;
  requirement_id: string;
  reason: string;
  evidence_file_id: string | null;
  raised_by: string | null;
  raised_at: Timestamp;
  deadline: Timestamp;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  upheld: Flag | null;
  version: number;
}

export interface AuditLogTable {
  /** Position in the chain, 1-based, contiguous. */
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  entity: string;
  entity_id: string;
  action: string;
  /** Canonical JSON text (exactly the bytes that were hashed), or null. */
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the chain head, updated with every append; the PostgreSQL append lock. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The process aggregate (`src/process` Assessment, plus HTTP-only fields) as JSON text; added by 0002. */
export interface AssessmentDocumentsTable {
  assessment_id: string;
  doc: JsonText;
  version: number;
  updated_at: Timestamp;
}

/** What the team rules of 4.5.2 / 4.2.2 need about an expert; added by 0002. */
export interface ExpertProfilesTable {
  user_id: string;
  /** `YYYY-MM-DD` or null. */
  training_valid_until: string | null;
  /** JSON array of `src/process` ConflictDeclaration. */
  conflicts: JsonText;
  version: number;
  updated_at: Timestamp;
}

/** One row per published (sealed) assessment, for benchmarks and analytics; added by 0006. */
export interface PublishedResultsTable {
  assessment_id: string;
  enterprise_id: string;
  body_id: string;
  industry: string;
  model_id: string;
  /** Peer-group dimensions of the enterprise at publication, where the data exists. */
  sub_sector: string | null;
  size: string | null;
  sealed_at: Timestamp;
  /** Calendar year of the publication (China time). */
  year: number;
  seal_hash: string;
  /** The exact total × 10^6, floored. */
  total_micro: number;
  /** Table 3 conclusion level, 0 below 一级. */
  level: number;
  valid_until: string;
  reassessment_due: string;
  /** The enterprise's newest published result. */
  latest: Flag;
}

export type PublishedScoreKind = 'total' | 'domain' | 'unit' | 'level';

/** The total (key `total`), domain (Σ_L B), unit (Σ_L C) and level (S_L) scores × 10^6, floored; added by 0006. */
export interface PublishedScoresTable {
  assessment_id: string;
  kind: PublishedScoreKind;
  key: string;
  score_micro: number;
}

export interface CertificatesTable {
  id: string;
  /** Printed number, e.g. DTMA-2025-000012. */
  number: string;
  /** Random verification code (public verification at /verify/<code>). */
  code: string;
  assessment_id: string;
  /** The seal the certificate was issued for. */
  seal_hash: string;
  /** JSON: exactly what the certificate shows. */
  content: JsonText;
  issued_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
}

export interface CertificateCountersTable {
  year: number;
  last: number;
}

export interface ResultRemindersTable {
  assessment_id: string;
  seal_hash: string;
  kind: string;
  sent_at: Timestamp;
}

export type MailStatus = 'off' | 'pending' | 'sent' | 'failed';

/** A notification of one user (0007, issue 13). */
export interface NotificationsTable {
  id: string;
  recipient_id: string;
  kind: string;
  assessment_id: string | null;
  /** JSON object: the template's parameters (never a grade or a rationale). */
  params: JsonText;
  /** Web route, `/a/<id>/<tab>`. */
  link: string;
  /** ISO instant or calendar date. */
  deadline: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  mail_status: MailStatus;
  mail_sent_at: Timestamp | null;
}

/** A deadline reminder sent (0007): once per (assessment, kind, deadline, phase). */
export interface DeadlineRemindersTable {
  assessment_id: string;
  kind: string;
  deadline: string;
  /** `due-<N>` (N days before) or `overdue`. */
  phase: string;
  sent_at: Timestamp;
}

/** A one-time password reset issued by a user manager; added by 0003b. */
export interface PasswordResetsTable {
  /** sha256 (hex) of the token; the token itself is only in the link given to the user. */
  id: string;
  user_id: string;
  issued_by: string | null;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type JobStateColumn = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A background job of the SQLite runner (src/jobs/database-queue.ts); added by 0003a, SQLite only. */
export interface JobsTable {
  id: string;
  name: string;
  data: JsonText;
  state: JobStateColumn;
  retry_limit: number;
  retry_count: number;
  /** Seconds. */
  retry_delay: number;
  retry_backoff: Flag;
  expire_in_seconds: number;
  start_after: Timestamp;
  created_at: Timestamp;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  /** The claim token of the attempt that runs it (completing needs the same token). */
  lease: string | null;
  output: JsonText | null;
}

/** A cron schedule of the SQLite runner; added by 0003a, SQLite only. */
export interface JobSchedulesTable {
  name: string;
  cron: string;
  tz: string;
  data: JsonText;
  /** The last occurrence enqueued. */
  last_slot: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A rendered report file in the evidence storage, by content hash and part (added by 0008). */
export interface ReportFilesTable {
  content_hash: string;
  /** `docx` | `pdf` | `xlsx` | `page-<n>` (PNG of page n of the PDF, the preview). */
  part: string;
  storage_key: string;
  size: number;
  created_at: Timestamp;
}

export type ReportRenderState = 'queued' | 'rendering' | 'done' | 'failed';

/** A report render asked for through the API (its id is the job's id; added by 0008). */
export interface ReportRendersTable {
  id: string;
  assessment_id: string;
  user_id: string;
  format: 'docx' | 'pdf' | 'preview';
  content_hash: string;
  state: ReportRenderState;
  step: string | null;
  /** The failure: `{ code, message, params }` as the API's errors. */
  error: JsonText | null;
  size: number | null;
  pages: number | null;
  preview_pages: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The Idempotency-Key of an evidence upload (added by 0008). */
export interface EvidenceUploadKeysTable {
  assessment_id: string;
  user_id: string;
  idempotency_key: string;
  evidence_id: string;
  created_at: Timestamp;
}

/** What a list shows of an assessment, kept by every write (src/store/repos/summaries.ts); added by 0004_lists. */
export interface AssessmentSummariesTable {
  assessment_id: string;
  enterprise_id: string;
  body_id: string;
  industry: string;
  model_id: string;
  stage: string;
  version: number;
  created_at: string;
  updated_at: string;
  year: number;
  requirement_total: number;
  self_done: number;
  /** JSON: the team's experts `[{ userId, name }]`, in team order. */
  team: string;
  /** JSON: scored requirements per expert `{ userId: n }`; submitted sheets are listed in `expert_submitted`. */
  expert_done: string;
  sheets_total: number;
  sheets_submitted: number;
  consensus_done: number;
  evidence_count: number;
  open_contests: number;
  /** JSON: when each stage reached was (last) entered. */
  stage_entered: string;
  result_total: string | null;
  /** The frozen result's level; 0 below level 1; null without a result. */
  result_level: number | null;
  result_conclusion: string | null;
  /** The next due date of the current step (contest window, the formal plan's end), ISO. */
  due_at: string | null;
}

export interface Database {
  assessment_summaries: AssessmentSummariesTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  assessments: AssessmentsTable;
  applications: ApplicationsTable;
  team_members: TeamMembersTable;
  conflict_declarations: ConflictDeclarationsTable;
  plans: PlansTable;
  meetings: MeetingsTable;
  evidence_files: EvidenceFilesTable;
  evidence_items: EvidenceItemsTable;
  self_assessment_scores: SelfAssessmentScoresTable;
  expert_scores: ExpertScoresTable;
  expert_sheets: ExpertSheetsTable;
  consensus_scores: ConsensusScoresTable;
  results: ResultsTable;
  reports: ReportsTable;
  contests: ContestsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  assessment_documents: AssessmentDocumentsTable;
  expert_profiles: ExpertProfilesTable;
  published_results: PublishedResultsTable;
  published_scores: PublishedScoresTable;
  certificates: CertificatesTable;
  certificate_counters: CertificateCountersTable;
  result_reminders: ResultRemindersTable;
  password_resets: PasswordResetsTable;
  notifications: NotificationsTable;
  deadline_reminders: DeadlineRemindersTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  report_files: ReportFilesTable;
  report_renders: ReportRendersTable;
  evidence_upload_keys: EvidenceUploadKeysTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;

/**
 * Tables in dependency order (parents first); used by migrations' down and by tests. The job tables (`jobs`,
 * `job_schedules`) exist on SQLite only (PostgreSQL: pg-boss's schema) and are not listed.
 */
export const TABLES: readonly (keyof Database)[] = [
  'organisations',
  'users',
  'sessions',
  'login_attempts',
  'assessments',
  'applications',
  'team_members',
  'conflict_declarations',
  'plans',
  'meetings',
  'evidence_files',
  'evidence_items',
  'self_assessment_scores',
  'expert_scores',
  'expert_sheets',
  'consensus_scores',
  'results',
  'reports',
  'contests',
  'audit_log',
  'audit_head',
  'assessment_documents',
  'expert_profiles',
  'published_results',
  'published_scores',
  'certificates',
  'certificate_counters',
  'result_reminders',
  'password_resets',
  'report_files',
  'report_renders',
  'evidence_upload_keys',
  'notifications',
  'deadline_reminders',
  'assessment_summaries',
];

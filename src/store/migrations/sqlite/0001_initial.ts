import { sql, type Kysely } from 'kysely';

/**
 * Initial schema, SQLite. STRICT tables (column types enforced); timestamps are ISO-8601 text;
 * JSON is text checked with json_valid; booleans are 0/1.
 */
const GENESIS = '0'.repeat(64);

const UP: string[] = [
  `CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'enterprise')),
    name TEXT NOT NULL CHECK (length(name) > 0),
    credit_code TEXT UNIQUE,
    industry TEXT CHECK (industry IS NULL OR industry IN ('mining', 'smelting', 'processing')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations(id),
    email TEXT NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND length(email) > 0),
    display_name TEXT NOT NULL,
    password_hash TEXT,
    roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
    disciplines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(disciplines) AND json_type(disciplines) = 'array'),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX users_organisation_idx ON users (organisation_id)`,
  `CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT
  ) STRICT`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE INDEX sessions_expires_idx ON sessions (expires_at)`,
  `CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    success INTEGER NOT NULL CHECK (success IN (0, 1)),
    at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX login_attempts_email_idx ON login_attempts (email, at)`,
  `CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at)`,
  `CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES organisations(id),
    body_id TEXT REFERENCES organisations(id),
    industry TEXT NOT NULL CHECK (industry IN ('mining', 'smelting', 'processing')),
    model_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX assessments_enterprise_idx ON assessments (enterprise_id)`,
  `CREATE INDEX assessments_body_idx ON assessments (body_id)`,
  `CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    eligibility TEXT NOT NULL CHECK (json_valid(eligibility)),
    submitted_by TEXT REFERENCES users(id),
    submitted_at TEXT NOT NULL,
    decision TEXT CHECK (decision IS NULL OR decision IN ('accepted', 'rejected')),
    decision_reason TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at TEXT
  ) STRICT`,
  `CREATE INDEX applications_assessment_idx ON applications (assessment_id, submitted_at)`,
  `CREATE TABLE team_members (
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('leader', 'member')),
    disciplines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(disciplines) AND json_type(disciplines) = 'array'),
    added_by TEXT REFERENCES users(id),
    added_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, user_id)
  ) STRICT`,
  `CREATE UNIQUE INDEX team_members_one_leader ON team_members (assessment_id) WHERE role = 'leader'`,
  `CREATE INDEX team_members_user_idx ON team_members (user_id)`,
  `CREATE TABLE conflict_declarations (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    has_conflict INTEGER NOT NULL CHECK (has_conflict IN (0, 1)),
    statement TEXT NOT NULL,
    declared_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX conflict_declarations_idx ON conflict_declarations (assessment_id, user_id)`,
  `CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    kind TEXT NOT NULL CHECK (kind IN ('pre', 'formal')),
    content TEXT NOT NULL CHECK (json_valid(content)),
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (assessment_id, kind)
  ) STRICT`,
  `CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    kind TEXT NOT NULL CHECK (kind IN ('first', 'final')),
    held_at TEXT NOT NULL,
    minutes TEXT NOT NULL,
    attendees TEXT NOT NULL CHECK (json_valid(attendees) AND json_type(attendees) = 'array'),
    recorded_by TEXT REFERENCES users(id),
    recorded_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX meetings_assessment_idx ON meetings (assessment_id, kind)`,
  `CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    requirement_id TEXT,
    storage_key TEXT NOT NULL UNIQUE,
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    uploaded_by TEXT REFERENCES users(id),
    uploaded_at TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT REFERENCES users(id)
  ) STRICT`,
  `CREATE INDEX evidence_files_assessment_idx ON evidence_files (assessment_id, requirement_id)`,
  `CREATE TABLE evidence_items (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    requirement_id TEXT NOT NULL,
    method TEXT NOT NULL CHECK (length(method) > 0),
    collected_by TEXT REFERENCES users(id),
    collected_at TEXT NOT NULL,
    note TEXT NOT NULL,
    file_id TEXT REFERENCES evidence_files(id)
  ) STRICT`,
  `CREATE INDEX evidence_items_assessment_idx ON evidence_items (assessment_id, requirement_id)`,
  `CREATE TABLE self_assessment_scores (
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    requirement_id TEXT NOT NULL,
    value_tenths INTEGER NOT NULL CHECK (value_tenths BETWEEN 0 AND 10),
    note TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, requirement_id)
  ) STRICT`,
  `CREATE TABLE expert_scores (
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    expert_id TEXT NOT NULL REFERENCES users(id),
    requirement_id TEXT NOT NULL,
    value_tenths INTEGER NOT NULL CHECK (value_tenths IN (0, 5, 8, 10)),
    rationale TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, expert_id, requirement_id)
  ) STRICT`,
  `CREATE TABLE expert_sheets (
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    expert_id TEXT NOT NULL REFERENCES users(id),
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, expert_id)
  ) STRICT`,
  `CREATE TABLE consensus_scores (
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    requirement_id TEXT NOT NULL,
    value_tenths INTEGER NOT NULL CHECK (value_tenths IN (0, 5, 8, 10)),
    rationale TEXT NOT NULL,
    dissent TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, requirement_id)
  ) STRICT`,
  `CREATE TABLE results (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    model_id TEXT NOT NULL,
    output TEXT NOT NULL CHECK (json_valid(output)),
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (assessment_id, seq)
  ) STRICT`,
  `CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    result_id TEXT NOT NULL REFERENCES results(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'sealed')),
    content TEXT NOT NULL CHECK (json_valid(content)),
    version INTEGER NOT NULL DEFAULT 1,
    sealed_sha256 TEXT,
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT
  ) STRICT`,
  `CREATE INDEX reports_assessment_idx ON reports (assessment_id)`,
  `CREATE TABLE contests (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments(id),
    requirement_id TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) > 0),
    evidence_file_id TEXT REFERENCES evidence_files(id),
    raised_by TEXT REFERENCES users(id),
    raised_at TEXT NOT NULL,
    deadline TEXT NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users(id),
    answered_at TEXT,
    upheld INTEGER CHECK (upheld IS NULL OR upheld IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1
  ) STRICT`,
  `CREATE INDEX contests_assessment_idx ON contests (assessment_id)`,
  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
  ) STRICT`,
  `CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`,
  `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS}')`,
];

const DOWN_TABLES = [
  'audit_head',
  'audit_log',
  'contests',
  'reports',
  'results',
  'consensus_scores',
  'expert_sheets',
  'expert_scores',
  'self_assessment_scores',
  'evidence_items',
  'evidence_files',
  'meetings',
  'plans',
  'conflict_declarations',
  'team_members',
  'applications',
  'assessments',
  'login_attempts',
  'sessions',
  'users',
  'organisations',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely does not wrap SQLite migrations in a transaction; do it here so the migration is all-or-nothing.
  await db.transaction().execute(async (trx) => {
    for (const statement of UP) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of DOWN_TABLES) await sql.raw(`DROP TABLE ${table}`).execute(trx);
  });
}

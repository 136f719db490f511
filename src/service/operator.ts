/**
 * What the operator of an installation does from the command line, as use cases: migrate the database, back it
 * up and restore it, verify the audit chain, and read an assessment's scores for a report. The operator owns the
 * database (no user, no access matrix); every function opens the configured database (`DATABASE_URL`, default
 * the SQLite file) and closes it again.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { resolve } from 'node:path';
import { verifyAuditChain, type AuditVerification } from '../store/audit.js';
import { backupSqlite, BackupError, PG_BACKUP_MESSAGE, restoreSqlite } from '../store/backup.js';
import { openDatabase, resolveDatabaseUrl, type DtmaDatabase } from '../store/db.js';
import { migrateToLatest } from '../store/migrations/index.js';
import { getAssessment } from '../store/repos/assessments.js';
import { loadDoc, readDocRaw } from '../store/repos/documents.js';
import { getOrganisation } from '../store/repos/organisations.js';
import { getLatestResult } from '../store/repos/results.js';
import { listConsensusScores } from '../store/repos/scores.js';
import { listTeam } from '../store/repos/team.js';
import { getUser } from '../store/repos/users.js';
import { decimalOfTenths } from '../model/grades.js';
import type { Assessment } from '../process/types.js';

/** A problem the operator must fix (printed as is by the CLI). */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

export async function withDatabase<T>(
  fn: (handle: DtmaDatabase) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const handle = await openDatabase({
    url: loadConfig().databaseUrl,
    ...(options.migrate ? { migrate: true } : {}),
  });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Where the configured database is (dialect and file or URL). */
export function databaseTarget(): { dialect: 'sqlite' | 'postgres'; target: string } {
  return resolveDatabaseUrl();
}

export async function migrateDatabase(): Promise<string[]> {
  return withDatabase((handle) => migrateToLatest(handle.db, handle.dialect));
}

export async function backupDatabase(file: string): Promise<{ file: string; bytes: number; sha256: string }> {
  if (resolveDatabaseUrl().dialect === 'postgres') throw new OperatorError(PG_BACKUP_MESSAGE);
  try {
    return await withDatabase((handle) => backupSqlite(handle, file));
  } catch (error) {
    if (error instanceof BackupError) throw new OperatorError(error.message);
    throw error;
  }
}

export async function restoreDatabase(file: string): Promise<{ target: string; previous?: string | null }> {
  const { dialect, target } = resolveDatabaseUrl();
  if (dialect === 'postgres') throw new OperatorError(PG_BACKUP_MESSAGE);
  try {
    const r = await restoreSqlite(file, target);
    return { target, previous: r.previous };
  } catch (error) {
    if (error instanceof BackupError) throw new OperatorError(error.message);
    throw error;
  }
}

export async function verifyAudit(): Promise<AuditVerification> {
  return withDatabase((handle) => verifyAuditChain(handle.db));
}

/** An assessment's scores as the report needs them. */
export interface StoredAssessmentScores {
  id: string;
  industry: string;
  stage: string;
  modelId: string;
  /** Where the scores come from, for messages: `frozen result #2`, `consensus scores (result not frozen yet)`. */
  what: string;
  scores: Map<string, string>;
  notes: Map<string, { rationale: string }>;
  /** The frozen total as displayed, when a result is frozen. */
  frozenTotal?: string;
  /** The date of the result (sealed or frozen), YYYY-MM-DD — never today's date. */
  resultDate?: string;
  enterpriseName?: string;
  bodyName?: string;
  team: { name: string; role?: string }[];
  /** The whole process aggregate (team, plans, meetings, evidence, report, seal) when a result is frozen. */
  assessment?: Assessment;
}

function isMissingTable(error: unknown): boolean {
  return /no such table|relation .* does not exist/i.test((error as Error)?.message ?? '');
}

/**
 * Reads an assessment's scores (the frozen result, else the consensus scores) from the configured database;
 * undefined when there is no such assessment. Does not create a SQLite file that does not exist.
 */
export async function readAssessmentScores(id: string): Promise<StoredAssessmentScores | undefined> {
  const { dialect, target } = resolveDatabaseUrl();
  if (dialect === 'sqlite' && !existsSync(target))
    throw new OperatorError(
      `no database to look "${id}" up as an assessment id (${resolve(target)} does not exist; set DATABASE_URL)`,
    );
  return withDatabase(async (handle) => {
    const db = handle.db;
    let assessment;
    try {
      assessment = await getAssessment(db, id);
    } catch (error) {
      if (isMissingTable(error))
        throw new OperatorError(
          `the database ${handle.location} has no assessments table (run dtma db migrate first)`,
        );
      throw error;
    }
    if (!assessment) return undefined;
    // The web application keeps the process aggregate (consensus, frozen result) in assessment_documents.
    let doc;
    try {
      doc = await readDocRaw(db, id);
    } catch (error) {
      if (!isMissingTable(error)) throw error;
    }
    const a = doc?.assessment;
    let modelId = assessment.modelId;
    let scores = new Map<string, string>();
    const notes = new Map<string, { rationale: string }>();
    let frozenTotal: string | undefined;
    let resultDate: string | undefined;
    let what = '';
    if (a?.result) {
      modelId = a.result.modelId;
      scores = new Map(Object.entries(a.result.teamScores));
      frozenTotal = (a.result.value as { total?: { display?: string } } | null)?.total?.display;
      const at: string | undefined = a.seal?.at ?? a.result.frozenAt;
      if (typeof at === 'string') resultDate = at.slice(0, 10);
      what = `frozen result #${a.result.revision}`;
    } else {
      const frozen = await getLatestResult(db, id);
      const output = frozen?.output as {
        teamScores?: unknown;
        scores?: unknown;
        total?: { display?: string };
      } | null;
      const map = output?.teamScores ?? output?.scores;
      if (frozen && map && typeof map === 'object') {
        modelId = frozen.modelId;
        scores = new Map(Object.entries(map as Record<string, string>));
        frozenTotal = output?.total?.display;
        resultDate = frozen.createdAt.slice(0, 10);
        what = `frozen result #${frozen.seq}`;
      } else if (a && Object.keys(a.consensus).length > 0) {
        scores = new Map(Object.entries(a.consensus).map(([rid, e]) => [rid, e.value]));
        what = 'consensus scores (result not frozen yet)';
      } else {
        for (const c of await listConsensusScores(db, id)) {
          scores.set(c.requirementId, decimalOfTenths(c.valueTenths));
          if (c.rationale) notes.set(c.requirementId, { rationale: c.rationale });
        }
        what = 'consensus scores (result not frozen yet)';
      }
    }
    if (a) {
      for (const [rid, e] of Object.entries(a.consensus))
        if (e.rationale && !notes.has(rid)) notes.set(rid, { rationale: e.rationale });
    }
    const organisation = await getOrganisation(db, assessment.enterpriseId);
    const complete =
      a &&
      a.result &&
      Array.isArray(a.evidence) &&
      Array.isArray(a.contests) &&
      a.plans &&
      a.meetings &&
      a.bodyOrgId;
    const body = complete ? await getOrganisation(db, a.bodyOrgId) : undefined;
    const team: { name: string; role?: string }[] = [];
    for (const m of (await listTeam(db, id)).sort((x, y) =>
      x.role === 'leader' ? -1 : y.role === 'leader' ? 1 : 0,
    )) {
      const user = await getUser(db, m.userId);
      if (user) team.push({ name: user.displayName, ...(m.role === 'leader' ? { role: '组长' } : {}) });
    }
    return {
      id,
      industry: assessment.industry,
      stage: assessment.stage,
      modelId,
      what,
      scores,
      notes,
      ...(frozenTotal ? { frozenTotal } : {}),
      ...(resultDate ? { resultDate } : {}),
      ...(organisation ? { enterpriseName: organisation.name } : {}),
      ...(body ? { bodyName: body.name } : {}),
      team,
      ...(complete ? { assessment: a } : {}),
    };
  });
}

/** The process aggregate of an assessment (`dtma plan ID`); undefined when there is none. */
export async function readAssessment(id: string): Promise<Assessment | undefined> {
  const { dialect, target } = resolveDatabaseUrl();
  if (dialect === 'sqlite' && !existsSync(target))
    throw new OperatorError(
      `no database to look "${id}" up as an assessment id (${resolve(target)} does not exist; set DATABASE_URL)`,
    );
  return withDatabase(async (handle) => (await loadDoc(handle.db, id))?.assessment);
}

/**
 * Persistence of the process aggregate (`src/process` Assessment).
 *
 * The aggregate lives in `assessment_documents` as JSON, except the experts' scores: those are rows of
 * `expert_scores` / `expert_sheets` (the store's versioned, audited repository), written by the score route
 * without rewriting the document, and hydrated into `sheets` when the aggregate is loaded. The document keeps
 * the sheet skeleton (which experts have a sheet); `assessments.stage` / `.version` mirror the aggregate.
 *
 * Every mutation runs in one transaction: lock the document (SQLite: `BEGIN IMMEDIATE`; PostgreSQL:
 * `SELECT … FOR UPDATE`), apply, save, append the audit rows.
 */
import { valueOfTenths } from '../../model/grades.js';
import type {
  ApplicationForm,
  Assessment,
  ExpertScore,
  ExpertSheet,
  GradeSheet,
} from '../../process/types.js';
import { dialectOf } from '../dialect.js';
import { nowIso, type Actor as StoreActor, type Db, type Trx } from '../util.js';
import { listExpertScores, listExpertSheets, submitExpertSheet } from './scores.js';
import { refreshSummary } from './summaries.js';

/** What is stored per assessment: the process aggregate plus the application form. */
export interface Doc {
  assessment: Assessment;
  form: ApplicationForm;
}

export const EMPTY_FORM: ApplicationForm = {
  scope: '',
  requestedLevel: null,
  contactName: '',
  contactPhone: '',
};

/**
 * Parsed documents by id, valid while the stored row has the same `version` and `updated_at` (a cache, never a
 * source of truth). Every save raises the version (saveDoc refuses otherwise) and stamps `updated_at`, so a row
 * with the cached pair holds the cached text: a read checks the two small columns and fetches (and parses) the
 * document text only when they changed. (`updated_at` also tells apart a row that reached the same version on
 * another history, e.g. after a restore or in another database opened in this process.)
 *
 * Bounded in entries and in bytes (the document text's length, a stand-in for its parsed size), least recently
 * used first out: reading one assessment costs the same whatever the number of assessments
 * (`DTMA_DOC_CACHE_ENTRIES`, `DTMA_DOC_CACHE_MB`, see src/config.ts).
 */
const cache = new Map<string, { version: number; updatedAt: string; doc: Doc; bytes: number }>();
let cacheBytes = 0;
let limits = { entries: 1000, bytes: 256 * 1024 * 1024 };

/** Sets the cache's bounds (and evicts down to them). */
export function configureDocCache(bounds: { entries?: number; bytes?: number }): void {
  limits = { entries: bounds.entries ?? limits.entries, bytes: bounds.bytes ?? limits.bytes };
  evict();
}

/** The cache's current size and bounds (tests, bench, operator). */
export function docCacheStats(): {
  entries: number;
  bytes: number;
  maxEntries: number;
  maxBytes: number;
  /** Cached ids, least recently used first. */
  ids: string[];
} {
  return {
    entries: cache.size,
    bytes: cacheBytes,
    maxEntries: limits.entries,
    maxBytes: limits.bytes,
    ids: [...cache.keys()],
  };
}

function evict(): void {
  while (cache.size > 0 && (cache.size > limits.entries || cacheBytes > limits.bytes)) {
    const oldest = cache.keys().next().value as string;
    cacheBytes -= cache.get(oldest)!.bytes;
    cache.delete(oldest);
  }
}

function remember(id: string, version: number, updatedAt: string, doc: Doc, bytes: number): void {
  const old = cache.get(id);
  if (old) {
    cacheBytes -= old.bytes;
    cache.delete(id);
  }
  // A document larger than the whole budget is not kept.
  if (bytes > limits.bytes || limits.entries === 0) return;
  cache.set(id, { version, updatedAt, doc, bytes });
  cacheBytes += bytes;
  evict();
}

/** Scope sets of cached documents (membership of a requirement without scanning ~700 ids). */
const scopes = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Whether `requirementId` is in the assessment's scope. */
export function inScope(a: Assessment, requirementId: string): boolean {
  let set = scopes.get(a.requirementIds);
  if (!set) {
    set = new Set(a.requirementIds);
    scopes.set(a.requirementIds, set);
  }
  return set.has(requirementId);
}

/** A deep copy (callers of transition() get new objects anyway; this protects the cache from edits). */
function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * The stored aggregate (shared with the cache: read-only). `lock` (PostgreSQL): `update` takes the row lock of a
 * mutation, `share` the shared lock of a score write (transitions wait for it); SQLite transactions are
 * `BEGIN IMMEDIATE` already.
 */
export async function readDocRaw(
  db: Db,
  id: string,
  lock: boolean | 'update' | 'share' = false,
): Promise<Doc | undefined> {
  const mode = lock === true ? 'update' : lock === false ? undefined : lock;
  const pg = dialectOf(db) === 'postgres';
  let head = db
    .selectFrom('assessment_documents')
    .select(['version', 'updated_at'])
    .where('assessment_id', '=', id);
  if (pg && mode === 'update') head = head.forUpdate();
  if (pg && mode === 'share') head = head.forShare();
  const current = await head.executeTakeFirst();
  if (!current) return undefined;
  const hit = cache.get(id);
  if (hit && hit.version === current.version && hit.updatedAt === current.updated_at) {
    // Most recently used: to the end of the (insertion-ordered) map.
    cache.delete(id);
    cache.set(id, hit);
    return hit.doc;
  }
  // One statement for the text and its version stamp (a concurrent save between two reads cannot mix them).
  const row = await db
    .selectFrom('assessment_documents')
    .select(['doc', 'version', 'updated_at'])
    .where('assessment_id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const doc = JSON.parse(row.doc) as Doc;
  remember(id, row.version, row.updated_at, doc, row.doc.length);
  return doc;
}

/**
 * The sheets of an aggregate from its skeleton (the experts with a sheet), stored grades and submissions: a sheet
 * per expert of the skeleton and per expert with a grade, each with its grades and, if submitted, the time.
 */
export function sheetsOf<S>(
  a: Pick<Assessment, 'sheets'>,
  grades: readonly { expertId: string; requirementId: string; grade: S }[],
  submitted: readonly { expertId: string; submittedAt: string }[],
): Record<string, GradeSheet<S>> {
  const sheets: Record<string, GradeSheet<S>> = {};
  for (const id of Object.keys(a.sheets)) sheets[id] = { expertId: id, scores: {} };
  for (const g of grades) {
    const sheet = sheets[g.expertId] ?? (sheets[g.expertId] = { expertId: g.expertId, scores: {} });
    sheet.scores[g.requirementId] = g.grade;
  }
  for (const s of submitted) {
    const sheet = sheets[s.expertId];
    if (sheet) sheet.submittedAt = s.submittedAt;
  }
  return sheets;
}

/** Fills `sheets` with the stored scores and submissions. */
export async function hydrateSheets(db: Db, a: Assessment): Promise<Assessment> {
  if (Object.keys(a.sheets).length === 0) return a;
  const [scores, submitted] = await Promise.all([
    listExpertScores(db, { assessmentId: a.id }),
    listExpertSheets(db, a.id),
  ]);
  const grades = scores.map((s) => ({ ...s, grade: toProcessScore(s) }));
  return { ...a, sheets: sheetsOf(a, grades, submitted) };
}

export function toProcessScore(s: {
  requirementId: string;
  valueTenths: number;
  rationale: string;
  updatedAt: string;
  version: number;
}): ExpertScore {
  return {
    requirementId: s.requirementId,
    value: valueOfTenths(s.valueTenths),
    rationale: s.rationale,
    at: s.updatedAt,
    version: s.version,
  };
}

/** The aggregate with its sheets (a private copy). */
export async function loadDoc(db: Db, id: string, forUpdate = false): Promise<Doc | undefined> {
  const raw = await readDocRaw(db, id, forUpdate);
  if (!raw) return undefined;
  const doc = clone(raw);
  doc.assessment = await hydrateSheets(db, doc.assessment);
  return doc;
}

/** The sheet skeleton only: scores and submissions live in their tables. */
function stripSheets(a: Assessment): Assessment {
  const sheets: Record<string, ExpertSheet> = {};
  for (const id of Object.keys(a.sheets)) sheets[id] = { expertId: id, scores: {} };
  return { ...a, sheets };
}

export async function insertDoc(trx: Trx, doc: Doc): Promise<void> {
  const a = doc.assessment;
  await trx
    .insertInto('assessment_documents')
    .values({
      assessment_id: a.id,
      doc: JSON.stringify({ ...doc, assessment: stripSheets(a) }),
      version: a.version,
      updated_at: nowIso(),
    })
    .execute();
  await refreshSummary(trx, a);
}

/**
 * Saves the new aggregate: the document, the mirrored stage/version, the team rows (for listing an expert's
 * assessments), and newly submitted sheets.
 */
export async function saveDoc(trx: Trx, before: Doc, after: Doc, actor: StoreActor): Promise<void> {
  const a = after.assessment;
  // The document cache relies on it: a saved document always has a new version.
  if (!(a.version > before.assessment.version))
    throw new Error(
      `saveDoc: version ${a.version} of assessment ${a.id} does not follow ${before.assessment.version}`,
    );
  const text = JSON.stringify({ ...after, assessment: stripSheets(a) });
  const now = nowIso();
  const saved = await trx
    .updateTable('assessment_documents')
    .set({ doc: text, version: a.version, updated_at: now })
    .where('assessment_id', '=', a.id)
    .where('version', '=', before.assessment.version)
    .executeTakeFirst();
  if (Number(saved.numUpdatedRows) !== 1)
    throw new Error(`saveDoc: assessment ${a.id} is no longer at version ${before.assessment.version}`);
  await trx
    .updateTable('assessments')
    .set({ stage: a.stage, version: a.version, updated_at: a.updatedAt, body_id: a.bodyOrgId })
    .where('id', '=', a.id)
    .execute();
  if (before.assessment.team?.version !== a.team?.version) {
    await trx.deleteFrom('team_members').where('assessment_id', '=', a.id).execute();
    for (const m of a.team?.members ?? []) {
      await trx
        .insertInto('team_members')
        .values({
          assessment_id: a.id,
          user_id: m.expert.userId,
          role: m.role,
          disciplines: JSON.stringify(m.expert.disciplines),
          added_by: actor.userId,
          added_at: now,
        })
        .execute();
    }
  }
  for (const [expertId, sheet] of Object.entries(a.sheets)) {
    if (sheet.submittedAt !== undefined && before.assessment.sheets[expertId]?.submittedAt === undefined) {
      await submitExpertSheet(trx, actor, { assessmentId: a.id, expertId });
    }
  }
  await refreshSummary(trx, a);
}

/** Forget cached documents (tests, restore). */
export function clearDocCache(): void {
  cache.clear();
  cacheBytes = 0;
}

/** Creates an assessment: its row in `assessments` (stage, version, tenants) and its document. */
export async function createAssessmentDoc(trx: Trx, doc: Doc, createdBy: string | null): Promise<void> {
  await insertAssessmentRow(trx, doc, createdBy);
  await insertDoc(trx, doc);
}

/**
 * The row in `assessments` alone: rows that reference the assessment (evidence files of a re-assessment) can then
 * be written before its document (`insertDoc`), in the same transaction.
 */
export async function insertAssessmentRow(trx: Trx, doc: Doc, createdBy: string | null): Promise<void> {
  const a = doc.assessment;
  const at = nowIso();
  await trx
    .insertInto('assessments')
    .values({
      id: a.id,
      enterprise_id: a.enterpriseOrgId,
      body_id: a.bodyOrgId,
      industry: a.industry,
      model_id: a.modelId,
      stage: a.stage,
      version: a.version,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * Evidence metadata. The bytes live in an `EvidenceStorage` (files.ts); a row records the storage key, the
 * client's filename (display only), MIME type, size and sha256. Files are soft-deleted (the row stays for the
 * audit trail; the caller removes the bytes from storage after commit if it wants to).
 */
import { withAudit } from '../audit.js';
import type { Row } from '../schema.js';
import { newId, nowIso, toIso, type Actor, type Db } from '../util.js';
import { NotFoundError } from './common.js';

export interface EvidenceFile {
  id: string;
  assessmentId: string;
  requirementId: string | null;
  storageKey: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
  deletedAt: string | null;
  deletedBy: string | null;
}

function toFile(r: Row<'evidence_files'>): EvidenceFile {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    storageKey: r.storage_key,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
    deletedAt: r.deleted_at,
    deletedBy: r.deleted_by,
  };
}

/** Sanitises a client filename for display/download headers: no path, no control characters, bounded length. */
/**
 * The display name of an uploaded file: the last path segment, NFC, without control and format characters
 * (C0/C1 controls, bidirectional overrides and isolates such as U+202E that make `exe.pdf` look like `fdp.exe`,
 * zero-width characters, line separators), spaces collapsed, at most 255 characters.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...(cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned)];
  return chars.slice(0, 255).join('');
}

/** Bytes of live (not deleted) evidence files of an assessment, and of all assessments of its enterprise. */
export async function evidenceUsage(
  db: Db,
  assessmentId: string,
): Promise<{ assessmentBytes: number; organisationBytes: number }> {
  const own = await db
    .selectFrom('evidence_files')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
    .where('assessment_id', '=', assessmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const org = await db
    .selectFrom('evidence_files')
    .innerJoin('assessments', 'assessments.id', 'evidence_files.assessment_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('evidence_files.size'), eb.lit(0)).as('bytes'))
    .where('evidence_files.deleted_at', 'is', null)
    .where('assessments.enterprise_id', '=', (qb) =>
      qb.selectFrom('assessments').select('enterprise_id').where('id', '=', assessmentId),
    )
    .executeTakeFirstOrThrow();
  return { assessmentBytes: Number(own.bytes), organisationBytes: Number(org.bytes) };
}

/** Storage keys of files deleted since `since` (their objects should be gone; the sweep makes sure). */
export async function deletedEvidenceKeys(db: Db, since: Date, limit = 10_000): Promise<string[]> {
  const rows = await db
    .selectFrom('evidence_files')
    .select('storage_key')
    .where('deleted_at', '>=', nowIso(since))
    .orderBy('deleted_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.storage_key);
}

export async function addEvidenceFile(
  db: Db,
  actor: Actor,
  input: {
    assessmentId: string;
    requirementId?: string | null;
    storageKey: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
  },
): Promise<EvidenceFile> {
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) throw new RangeError('sha256 must be 64 lower-case hex digits');
  if (!Number.isSafeInteger(input.size) || input.size < 0) throw new RangeError('invalid size');
  const row: Row<'evidence_files'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    requirement_id: input.requirementId ?? null,
    storage_key: input.storageKey,
    filename: safeFilename(input.filename),
    mime: input.mime,
    size: input.size,
    sha256: input.sha256,
    uploaded_by: actor.userId,
    uploaded_at: nowIso(),
    deleted_at: null,
    deleted_by: null,
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('evidence_files').values(row).execute();
    const f = toFile(row);
    return { result: f, audit: { entity: 'evidence_file', entityId: f.id, action: 'upload', after: f } };
  });
}

export async function getEvidenceFile(db: Db, id: string): Promise<EvidenceFile | undefined> {
  const r = await db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toFile(r);
}

export async function listEvidenceFiles(
  db: Db,
  filter: { assessmentId: string; requirementId?: string; includeDeleted?: boolean },
): Promise<EvidenceFile[]> {
  return (await evidenceFilesQuery(db, filter).execute()).map(toFile);
}

/** The query of `listEvidenceFiles` (exported for the EXPLAIN test). */
export function evidenceFilesQuery(
  db: Db,
  filter: { assessmentId: string; requirementId?: string; includeDeleted?: boolean },
) {
  let q = db.selectFrom('evidence_files').selectAll().where('assessment_id', '=', filter.assessmentId);
  if (filter.requirementId !== undefined) q = q.where('requirement_id', '=', filter.requirementId);
  if (!filter.includeDeleted) q = q.where('deleted_at', 'is', null);
  return q.orderBy('uploaded_at').orderBy('id');
}

/** Soft-deletes a file (reason required); returns the row, whose storage key the caller may then delete. */
export async function deleteEvidenceFile(
  db: Db,
  actor: Actor,
  input: { id: string; reason: string },
): Promise<EvidenceFile> {
  return withAudit(db, actor, async (trx) => {
    const before = await getEvidenceFile(trx, input.id);
    if (!before) throw new NotFoundError('evidence_file', input.id);
    if (before.deletedAt !== null) return { result: before, audit: [] };
    const row = await trx
      .updateTable('evidence_files')
      .set({ deleted_at: nowIso(), deleted_by: actor.userId })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toFile(row);
    return {
      result: after,
      audit: {
        entity: 'evidence_file',
        entityId: after.id,
        action: 'delete',
        before,
        after,
        reason: input.reason,
      },
    };
  });
}

export interface EvidenceItem {
  id: string;
  assessmentId: string;
  requirementId: string;
  method: string;
  collectedBy: string | null;
  collectedAt: string;
  note: string;
  fileId: string | null;
}

function toItem(r: Row<'evidence_items'>): EvidenceItem {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    requirementId: r.requirement_id,
    method: r.method,
    collectedBy: r.collected_by,
    collectedAt: r.collected_at,
    note: r.note,
    fileId: r.file_id,
  };
}

export async function addEvidenceItem(
  db: Db,
  actor: Actor,
  input: {
    assessmentId: string;
    requirementId: string;
    method: string;
    note: string;
    fileId?: string | null;
    collectedBy?: string | null;
    collectedAt?: string | Date;
  },
): Promise<EvidenceItem> {
  const row: Row<'evidence_items'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    requirement_id: input.requirementId,
    method: input.method,
    collected_by: input.collectedBy === undefined ? actor.userId : input.collectedBy,
    collected_at: input.collectedAt === undefined ? nowIso() : toIso(input.collectedAt),
    note: input.note,
    file_id: input.fileId ?? null,
  };
  return withAudit(db, actor, async (trx) => {
    if (row.file_id !== null) {
      const file = await getEvidenceFile(trx, row.file_id);
      if (!file || file.assessmentId !== row.assessment_id || file.deletedAt !== null) {
        throw new NotFoundError('evidence_file', row.file_id);
      }
    }
    await trx.insertInto('evidence_items').values(row).execute();
    const item = toItem(row);
    return {
      result: item,
      audit: { entity: 'evidence_item', entityId: item.id, action: 'collect', after: item },
    };
  });
}

export async function listEvidenceItems(
  db: Db,
  filter: { assessmentId: string; requirementId?: string },
): Promise<EvidenceItem[]> {
  let q = db.selectFrom('evidence_items').selectAll().where('assessment_id', '=', filter.assessmentId);
  if (filter.requirementId !== undefined) q = q.where('requirement_id', '=', filter.requirementId);
  return (await q.orderBy('collected_at').orderBy('id').execute()).map(toItem);
}

/** The evidence item an earlier upload with this Idempotency-Key created (issue 12), if any. */
export async function uploadedWithKey(
  db: Db,
  assessmentId: string,
  userId: string,
  key: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('evidence_upload_keys')
    .select('evidence_id')
    .where('assessment_id', '=', assessmentId)
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r?.evidence_id;
}

export async function recordUploadKey(
  db: Db,
  row: { assessmentId: string; userId: string; key: string; evidenceId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('evidence_upload_keys')
    .values({
      assessment_id: row.assessmentId,
      user_id: row.userId,
      idempotency_key: row.key,
      evidence_id: row.evidenceId,
      created_at: nowIso(row.now),
    })
    // The item a key named was removed since: the key names the new one.
    .onConflict((oc) =>
      oc
        .columns(['assessment_id', 'user_id', 'idempotency_key'])
        .doUpdateSet({ evidence_id: row.evidenceId, created_at: nowIso(row.now) }),
    )
    .execute();
}

/**
 * Rendered report files (by content hash and part) and the renders users asked for (migration 0008). The file
 * bytes live in the evidence storage; these rows map a content hash to its storage key.
 */
import type { ReportRenderState, Row } from '../schema.js';
import { affected } from './common.js';
import { nowIso, parseJson, type Db } from '../util.js';

export interface ReportFileRow {
  contentHash: string;
  part: string;
  storageKey: string;
  size: number;
}

export async function getReportFile(
  db: Db,
  contentHash: string,
  part: string,
): Promise<ReportFileRow | undefined> {
  const r = await db
    .selectFrom('report_files')
    .selectAll()
    .where('content_hash', '=', contentHash)
    .where('part', '=', part)
    .executeTakeFirst();
  return r
    ? { contentHash: r.content_hash, part: r.part, storageKey: r.storage_key, size: r.size }
    : undefined;
}

/** The parts kept for a content hash (`docx`, `pdf`, `page-1` …). */
export async function listReportFiles(db: Db, contentHash: string): Promise<ReportFileRow[]> {
  const rows = await db
    .selectFrom('report_files')
    .selectAll()
    .where('content_hash', '=', contentHash)
    .execute();
  return rows.map((r) => ({
    contentHash: r.content_hash,
    part: r.part,
    storageKey: r.storage_key,
    size: r.size,
  }));
}

/**
 * Records a stored file; when another render stored the same part first, keeps theirs and returns false (the
 * caller deletes its own object).
 */
export async function insertReportFile(db: Db, f: ReportFileRow, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('report_files')
    .values({
      content_hash: f.contentHash,
      part: f.part,
      storage_key: f.storageKey,
      size: f.size,
      created_at: nowIso(now),
    })
    .onConflict((oc) => oc.columns(['content_hash', 'part']).doNothing())
    .executeTakeFirst();
  return affected(r) === 1;
}

export interface RenderError {
  code: string;
  message: string;
  params?: Record<string, string | number | boolean | null>;
}

export interface ReportRender {
  id: string;
  assessmentId: string;
  userId: string;
  format: Row<'report_renders'>['format'];
  contentHash: string;
  state: ReportRenderState;
  step: string | null;
  error: RenderError | null;
  size: number | null;
  pages: number | null;
  previewPages: number | null;
  createdAt: string;
  updatedAt: string;
}

function toRender(r: Row<'report_renders'>): ReportRender {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    userId: r.user_id,
    format: r.format,
    contentHash: r.content_hash,
    state: r.state,
    step: r.step,
    error: r.error === null ? null : parseJson<RenderError>(r.error),
    size: r.size,
    pages: r.pages,
    previewPages: r.preview_pages,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertRender(db: Db, r: ReportRender): Promise<void> {
  await db
    .insertInto('report_renders')
    .values({
      id: r.id,
      assessment_id: r.assessmentId,
      user_id: r.userId,
      format: r.format,
      content_hash: r.contentHash,
      state: r.state,
      step: r.step,
      error: r.error === null ? null : JSON.stringify(r.error),
      size: r.size,
      pages: r.pages,
      preview_pages: r.previewPages,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export async function getRender(db: Db, id: string): Promise<ReportRender | undefined> {
  const r = await db.selectFrom('report_renders').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRender(r) : undefined;
}

export type RenderPatch = Partial<
  Pick<ReportRender, 'state' | 'step' | 'error' | 'size' | 'pages' | 'previewPages' | 'contentHash'>
>;

export async function updateRender(db: Db, id: string, patch: RenderPatch, now: Date): Promise<void> {
  await db
    .updateTable('report_renders')
    .set({
      ...(patch.state !== undefined ? { state: patch.state } : {}),
      ...(patch.step !== undefined ? { step: patch.step } : {}),
      ...(patch.error !== undefined
        ? { error: patch.error === null ? null : JSON.stringify(patch.error) }
        : {}),
      ...(patch.size !== undefined ? { size: patch.size } : {}),
      ...(patch.pages !== undefined ? { pages: patch.pages } : {}),
      ...(patch.previewPages !== undefined ? { preview_pages: patch.previewPages } : {}),
      ...(patch.contentHash !== undefined ? { content_hash: patch.contentHash } : {}),
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .execute();
}

/** Forgets a kept file whose stored object went missing (a restored database, a cleaned storage). */
export async function deleteReportFile(db: Db, contentHash: string, part: string): Promise<void> {
  await db
    .deleteFrom('report_files')
    .where('content_hash', '=', contentHash)
    .where('part', '=', part)
    .execute();
}

/**
 * Certificates: issued when a result is published (number from a yearly counter, a random verification code),
 * withdrawn when it is re-opened; looked up by code for the public verification. Never deleted.
 */
import type { Row } from '../schema.js';
import { parseJson, type Db, type Trx } from '../util.js';

export interface Certificate<C = unknown> {
  id: string;
  number: string;
  code: string;
  assessmentId: string;
  sealHash: string;
  content: C;
  issuedAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

function toCertificate<C>(r: Row<'certificates'>): Certificate<C> {
  return {
    id: r.id,
    number: r.number,
    code: r.code,
    assessmentId: r.assessment_id,
    sealHash: r.seal_hash,
    content: parseJson<C>(r.content),
    issuedAt: r.issued_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
  };
}

/**
 * The next serial number of `year` (1, 2, …). One counter row per year, raised by an UPDATE that holds the row
 * lock until commit on PostgreSQL (concurrent publications wait, never share a number); SQLite write
 * transactions are serialised anyway.
 */
export async function nextCertificateSerial(trx: Trx, year: number): Promise<number> {
  await trx
    .insertInto('certificate_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const r = await trx
    .updateTable('certificate_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(r.last);
}

export async function insertCertificate(trx: Trx, c: Certificate): Promise<void> {
  await trx
    .insertInto('certificates')
    .values({
      id: c.id,
      number: c.number,
      code: c.code,
      assessment_id: c.assessmentId,
      seal_hash: c.sealHash,
      content: JSON.stringify(c.content),
      issued_at: c.issuedAt,
      withdrawn_at: null,
      withdrawn_reason: null,
    })
    .execute();
}

/** Withdraws the assessment's certificates still in force; returns them (for the audit rows). */
export async function withdrawCertificates(
  trx: Trx,
  assessmentId: string,
  at: string,
  reason: string,
): Promise<Certificate[]> {
  const rows = await trx
    .selectFrom('certificates')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('withdrawn_at', 'is', null)
    .execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('certificates')
    .set({ withdrawn_at: at, withdrawn_reason: reason })
    .where('assessment_id', '=', assessmentId)
    .where('withdrawn_at', 'is', null)
    .execute();
  return rows.map((r) => ({ ...toCertificate(r), withdrawnAt: at, withdrawnReason: reason }));
}

export async function certificateByCode<C>(db: Db, code: string): Promise<Certificate<C> | undefined> {
  const r = await db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
  return r && toCertificate<C>(r);
}

/** The assessment's newest certificate (in force or withdrawn). */
export async function latestCertificate<C>(
  db: Db,
  assessmentId: string,
): Promise<Certificate<C> | undefined> {
  const r = await db
    .selectFrom('certificates')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toCertificate<C>(r);
}

// ---------------------------------------------------------------------------------------------------------------
// Validity reminders

/** Kinds of reminder already sent for a sealed result. */
export async function sentReminders(db: Db, assessmentId: string, sealHash: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('result_reminders')
    .select('kind')
    .where('assessment_id', '=', assessmentId)
    .where('seal_hash', '=', sealHash)
    .execute();
  return new Set(rows.map((r) => r.kind));
}

/** Records a reminder as sent; false when it was already (another run got there first). */
export async function markReminderSent(
  trx: Trx,
  r: { assessmentId: string; sealHash: string; kind: string; at: string },
): Promise<boolean> {
  const res = await trx
    .insertInto('result_reminders')
    .values({ assessment_id: r.assessmentId, seal_hash: r.sealHash, kind: r.kind, sent_at: r.at })
    .onConflict((oc) => oc.columns(['assessment_id', 'seal_hash', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

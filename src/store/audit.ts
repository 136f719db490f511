/**
 * Append-only, tamper-evident audit log.
 *
 * Row n stores `prev_hash` (the hash of row n-1, or 64 zeros for row 1) and
 * `hash = sha256(canonicalJson({ seq, at, actorId, actorLabel, entity, entityId, action, before, after, reason,
 * prevHash }))` where `before` / `after` are the stored canonical JSON texts. `audit_head` (one row) holds the
 * last seq and hash and is updated in the same transaction, so truncating the tail is detected too.
 *
 * Appends are serialised so the chain never forks: on SQLite by the write transaction (`BEGIN IMMEDIATE`), on
 * PostgreSQL by `SELECT … FOR UPDATE` on the head row, held until commit. `prev_hash` and `hash` are UNIQUE and
 * triggers reject UPDATE/DELETE (and TRUNCATE on PostgreSQL) of audit rows.
 *
 * Limits: someone with write access to the database files can rewrite the whole chain and the head; anchor the
 * head hash elsewhere (reports print it; `verifyAuditChain` returns it) to detect that.
 */
import { sql } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Row } from './schema.js';
import { canonicalJson, inTransaction, nowIso, sha256Hex, type Actor, type Db, type Trx } from './util.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditChange {
  /** Table or aggregate name, e.g. `expert_score`. */
  entity: string;
  entityId: string;
  /** `create`, `update`, `delete`, `login`, `transition`, … */
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
  hash: string;
  /** Set by the service when the content is withheld from the viewer (never stored). */
  redacted?: 'blind_scoring' | 'self_assessment' | 'result_not_visible' | 'assessment_content';
}

type HashedFields = Omit<Row<'audit_log'>, 'hash'>;

export function auditRowHash(row: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      before: row.before_json,
      after: row.after_json,
      reason: row.reason,
      prevHash: row.prev_hash,
    }),
  );
}

function toEntry(row: Row<'audit_log'>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Appends audit rows; must be called inside the transaction that makes the change. */
export async function appendAudit(
  trx: Trx,
  actor: Actor,
  changes: AuditChange | readonly AuditChange[],
  at: string = nowIso(),
): Promise<AuditEntry[]> {
  if (!trx.isTransaction) throw new Error('appendAudit must run inside the transaction of the change');
  const list = Array.isArray(changes) ? (changes as readonly AuditChange[]) : [changes as AuditChange];
  if (list.length === 0) return [];
  let head =
    dialectOf(trx) === 'postgres'
      ? await trx
          .selectFrom('audit_head')
          .select(['seq', 'hash'])
          .where('id', '=', 1)
          .forUpdate()
          .executeTakeFirst()
      : await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) throw new Error('audit_head row missing: database not migrated or tampered with');
  const out: AuditEntry[] = [];
  for (const change of list) {
    const fields: HashedFields = {
      seq: head.seq + 1,
      at,
      actor_id: actor.userId,
      actor_label: actor.label,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      before_json:
        change.before === undefined || change.before === null ? null : canonicalJson(change.before),
      after_json: change.after === undefined || change.after === null ? null : canonicalJson(change.after),
      reason: change.reason ?? null,
      prev_hash: head.hash,
    };
    const row: Row<'audit_log'> = { ...fields, hash: auditRowHash(fields) };
    await trx.insertInto('audit_log').values(row).execute();
    head = { seq: row.seq, hash: row.hash };
    out.push(toEntry(row));
  }
  await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
  return out;
}

/**
 * Runs `change` in a transaction (the given one or a new one) and appends the audit rows it returns in the
 * same transaction: both commit or neither does.
 */
export async function withAudit<T>(
  db: Db,
  actor: Actor,
  change: (trx: Trx) => Promise<{ result: T; audit: AuditChange | readonly AuditChange[] }>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const { result, audit } = await change(trx);
    await appendAudit(trx, actor, audit);
    return result;
  });
}

export type AuditVerification =
  { ok: true; count: number; headHash: string } | { ok: false; seq: number | null; reason: string };

/** Walks the whole chain; returns ok with the head hash, or the first broken row (seq) and why. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          seq: expectedSeq,
          reason: `row ${expectedSeq} is missing (next row is ${row.seq})`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, seq: row.seq, reason: 'prev_hash does not match the hash of the previous row' };
      }
      const { hash, ...fields } = row;
      if (auditRowHash(fields) !== hash) {
        return { ok: false, seq: row.seq, reason: 'hash does not match the row content' };
      }
      prevHash = hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) break;
  }
  const count = expectedSeq - 1;
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) return { ok: false, seq: null, reason: 'audit_head row is missing' };
  if (head.seq !== count || head.hash !== prevHash) {
    return {
      ok: false,
      seq: head.seq > count ? count + 1 : head.seq,
      reason: `audit head (seq ${head.seq}) does not match the last row (seq ${count}): rows removed or head altered`,
    };
  }
  return { ok: true, count, headHash: prevHash };
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  /** Rows about this entity or its parts (`<id>` or `<id>/…`, e.g. an assessment and its scores). */
  entityTree?: string;
  action?: string;
  actorId?: string;
  afterSeq?: number;
  limit?: number;
}

export async function listAudit(db: Db, q: AuditQuery = {}): Promise<AuditEntry[]> {
  const rows = await auditQuery(db, q).execute();
  return rows.map(toEntry);
}

/** The rows matching the filters of `q` (not `afterSeq`, not `limit`). */
function auditFilters(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  if (q.entity !== undefined) query = query.where('entity', '=', q.entity);
  if (q.entityId !== undefined) query = query.where('entity_id', '=', q.entityId);
  if (q.entityTree !== undefined) {
    // `<id>` or `<id>/…`: a byte-ordered range ('/' + 1 = '0'), so the (entity_id, seq) index answers it.
    const root = q.entityTree;
    const col = dialectOf(db) === 'postgres' ? sql`entity_id collate "C"` : sql`entity_id`;
    query = query.where(
      sql<boolean>`(${col} = ${root} or (${col} >= ${`${root}/`} and ${col} < ${`${root}0`}))`,
    );
  }
  if (q.action !== undefined) query = query.where('action', '=', q.action);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  return query;
}

/** The query of `listAudit` (exported for the EXPLAIN test). */
export function auditQuery(db: Db, q: AuditQuery = {}) {
  let query = auditFilters(db, q).selectAll();
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  return query.orderBy('seq').limit(q.limit ?? 500);
}

/** How many rows match the filters of `q` (all pages: `afterSeq` and `limit` are ignored). */
export async function countAudit(db: Db, q: AuditQuery = {}): Promise<number> {
  const r = await auditCountQuery(db, q).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The query of `countAudit` (exported for the EXPLAIN test). */
export function auditCountQuery(db: Db, q: AuditQuery = {}) {
  return auditFilters(db, q).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/**
 * One page of the log: up to `limit` rows after `afterSeq` in log order, whether more follow, and how many rows
 * match the filters in all.
 */
export async function pageAudit(
  db: Db,
  q: AuditQuery & { limit: number },
): Promise<{ entries: AuditEntry[]; more: boolean; total: number }> {
  const [rows, total] = await Promise.all([
    auditQuery(db, { ...q, limit: q.limit + 1 }).execute(),
    countAudit(db, q),
  ]);
  return { entries: rows.slice(0, q.limit).map(toEntry), more: rows.length > q.limit, total };
}

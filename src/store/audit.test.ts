import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, listAudit, verifyAuditChain, withAudit } from './audit.js';
import { createOrganisation } from './repos/organisations.js';
import { forEachDialect, type TestDatabase } from '../testing/databases.js';
import { canonicalJson } from './util.js';

const actor = { userId: null, label: 'tester' };

async function makeRows(t: TestDatabase, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await createOrganisation(t.db, actor, { kind: 'enterprise', name: `企业 ${i}`, industry: 'mining' });
  }
}

/** Simulates an attacker with raw database access: lifts the append-only triggers, runs `statement`. */
async function tamper(t: TestDatabase, statement: string): Promise<void> {
  if (t.dialect === 'sqlite') {
    await sql.raw('DROP TRIGGER audit_log_no_update').execute(t.db);
    await sql.raw('DROP TRIGGER audit_log_no_delete').execute(t.db);
    await sql.raw(statement).execute(t.db);
  } else {
    await t.db.transaction().execute(async (trx) => {
      await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER USER').execute(trx);
      await sql.raw(statement).execute(trx);
      await sql.raw('ALTER TABLE audit_log ENABLE TRIGGER USER').execute(trx);
    });
  }
}

forEachDialect('audit log', (t) => {
  it('chains rows and verifies', async () => {
    const empty = await verifyAuditChain(t().db);
    expect(empty).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
    await makeRows(t(), 5);
    const rows = await listAudit(t().db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows[2]!).toMatchObject({ entity: 'organisation', action: 'create', actorLabel: 'tester' });
    expect((rows[2]!.after as { name: string }).name).toBe('企业 2');
    const v = await verifyAuditChain(t().db, 2); // small pages exercise paging
    expect(v).toEqual({ ok: true, count: 5, headHash: rows[4]!.hash });
  });

  it('rejects UPDATE and DELETE of audit rows (triggers)', async () => {
    await makeRows(t(), 1);
    await expect(sql`update audit_log set reason = 'x'`.execute(t().db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t().db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t().db)).ok).toBe(true);
  });

  const edits: [string, string][] = [
    ['after JSON', `update audit_log set after_json = replace(after_json, '企业 2', '企业 X') where seq = 3`],
    ['actor', `update audit_log set actor_label = 'someone else' where seq = 3`],
    ['timestamp', `update audit_log set at = '2000-01-01T00:00:00.000Z' where seq = 3`],
    ['action', `update audit_log set action = 'delete' where seq = 3`],
    ['reason', `update audit_log set reason = 'because' where seq = 3`],
  ];
  for (const [what, statement] of edits) {
    it(`detects an edited ${what} at the edited row`, async () => {
      await makeRows(t(), 5);
      await tamper(t(), statement);
      const v = await verifyAuditChain(t().db);
      expect(v).toEqual({ ok: false, seq: 3, reason: 'hash does not match the row content' });
    });
  }

  it('detects a row rewritten with a recomputed hash (the next row no longer links)', async () => {
    await makeRows(t(), 5);
    const row = await t()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    const { auditRowHash } = await import('./audit.js');
    const forged = { ...row, actor_label: 'forger' };
    const { hash: _old, ...fields } = forged;
    const newHash = auditRowHash(fields);
    await tamper(t(), `update audit_log set actor_label = 'forger', hash = '${newHash}' where seq = 3`);
    const v = await verifyAuditChain(t().db);
    expect(v).toMatchObject({ ok: false, seq: 4, reason: expect.stringMatching(/prev_hash/) });
  });

  it('detects a deleted middle row', async () => {
    await makeRows(t(), 5);
    await tamper(t(), 'delete from audit_log where seq = 2');
    expect(await verifyAuditChain(t().db)).toMatchObject({
      ok: false,
      seq: 2,
      reason: expect.stringMatching(/missing/),
    });
  });

  it('detects a deleted last row (head mismatch)', async () => {
    await makeRows(t(), 5);
    await tamper(t(), 'delete from audit_log where seq = 5');
    expect(await verifyAuditChain(t().db)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/head/),
    });
  });

  it('withAudit: the change and its audit row commit or roll back together', async () => {
    await expect(
      withAudit(t().db, actor, async (trx) => {
        await createOrganisation(trx, actor, { kind: 'body', name: 'rolled back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t().db.selectFrom('organisations').selectAll().execute()).toEqual([]);
    expect(await listAudit(t().db)).toEqual([]);

    const id = await withAudit(t().db, actor, async (trx) => {
      const o = await createOrganisation(trx, actor, { kind: 'body', name: 'kept' });
      return {
        result: o.id,
        audit: { entity: 'note', entityId: o.id, action: 'comment', reason: 'extra row' },
      };
    });
    const log = await listAudit(t().db);
    expect(log.map((r) => [r.entity, r.entityId])).toEqual([
      ['organisation', id],
      ['note', id],
    ]);
    expect((await verifyAuditChain(t().db)).ok).toBe(true);
  });

  it('lists the rows of an entity and of its parts (entityTree), not of a look-alike id', async () => {
    await t()
      .db.transaction()
      .execute((trx) =>
        appendAudit(trx, actor, [
          { entity: 'assessment', entityId: 'a1', action: 'create' },
          { entity: 'expert_score', entityId: 'a1/u1/r1', action: 'create' },
          { entity: 'assessment', entityId: 'a10', action: 'create' },
          { entity: 'expert_score', entityId: 'a10/u1/r1', action: 'create' },
        ]),
      );
    const tree = await listAudit(t().db, { entityTree: 'a1' });
    expect(tree.map((r) => r.entityId)).toEqual(['a1', 'a1/u1/r1']);
    expect(
      (await listAudit(t().db, { entityTree: 'a1', afterSeq: tree[0]!.seq })).map((r) => r.entityId),
    ).toEqual(['a1/u1/r1']);
  });

  it('appendAudit refuses to run outside a transaction', async () => {
    await expect(
      appendAudit(t().db as never, actor, { entity: 'x', entityId: '1', action: 'y' }),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('concurrent appends from two server instances never fork the chain', async () => {
    const other = await t().openAnother();
    try {
      const writers = [t().db, other.db];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createOrganisation(writers[i % 2]!, actor, { kind: 'enterprise', name: `并发 ${i}` }),
        ),
      );
    } finally {
      await other.close();
    }
    const v = await verifyAuditChain(t().db);
    expect(v).toMatchObject({ ok: true, count: 40 });
  });

  it('stores before/after as canonical JSON', async () => {
    await withAudit(t().db, actor, async () => ({
      result: null,
      audit: { entity: 'x', entityId: '1', action: 'y', before: { b: 1, a: [2, { d: 1, c: 2 }] } },
    }));
    const row = await t().db.selectFrom('audit_log').select('before_json').executeTakeFirstOrThrow();
    expect(row.before_json).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
    expect(canonicalJson({ z: undefined, y: 'é' })).toBe('{"y":"é"}');
  });
});

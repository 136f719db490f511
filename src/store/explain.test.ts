/**
 * Issue 10: the main list queries use an index on both databases — the body's assessments page (and its export,
 * issue 12), a search with filters, the enterprise's page, an expert's page (team membership), one assessment's
 * audit trail, the evidence of an assessment, a body admin's user list and its count, the organisation list by
 * kind, the audit log by actor. SQLite: `EXPLAIN QUERY PLAN` searches by the index and scans no table; PostgreSQL:
 * `EXPLAIN (FORMAT JSON)` with `enable_seqscan = off` has no sequential scan and names the index.
 */
import { CompiledQuery } from 'kysely';
import { expect, it } from 'vitest';
import { RESULT_VISIBLE_TO_ENTERPRISE } from '../process/visibility.js';
import { forEachDialect } from '../testing/databases.js';
import { auditCountQuery, auditQuery } from './audit.js';
import { evidenceFilesQuery } from './repos/evidence.js';
import { organisationPageQuery } from './repos/organisations.js';
import { userCountQuery, userPageQuery } from './repos/users.js';
import { countSql, exportSql, pageSql, type SummaryQuery } from './repos/summaries.js';
import type { Db } from './util.js';

const BODY = 'b'.repeat(26);
const visible = { bodyId: BODY, enterpriseStages: RESULT_VISIBLE_TO_ENTERPRISE };
const page = { limit: 20, offset: 0 };

const QUERIES: { name: string; query: (db: Db) => CompiledQuery; index: string; noSort?: boolean }[] = [
  {
    name: 'the body admin’s first page (newest first)',
    query: (db) => pageSql({ scope: { bodyId: BODY }, resultVisible: visible, ...page }).compile(db),
    index: 'assessment_summaries_body',
    noSort: true,
  },
  {
    name: 'the body admin’s count for the pager',
    query: (db) => countSql({ scope: { bodyId: BODY }, resultVisible: visible, ...page }).compile(db),
    index: 'assessment_summaries_body',
  },
  {
    name: 'the body admin’s export (issue 12: every row, the list’s order, the organisations’ columns)',
    query: (db) =>
      exportSql({ scope: { bodyId: BODY }, resultVisible: visible, limit: 10_000, offset: 0 }).compile(db),
    index: 'assessment_summaries_body',
    noSort: true,
  },
  {
    name: 'a search by enterprise name, stage filter',
    query: (db) =>
      pageSql({
        scope: { bodyId: BODY },
        resultVisible: visible,
        q: '铜业',
        stage: 'published',
        ...page,
      } satisfies SummaryQuery).compile(db),
    index: 'assessment_summaries_body',
  },
  {
    name: 'the enterprise’s page',
    query: (db) =>
      pageSql({
        scope: { enterpriseId: 'e'.repeat(26) },
        resultVisible: { enterpriseStages: RESULT_VISIBLE_TO_ENTERPRISE },
        ...page,
      }).compile(db),
    index: 'assessment_summaries_enterprise',
  },
  {
    name: 'an expert’s page (the teams they are on)',
    query: (db) =>
      pageSql({
        scope: { memberUserId: 'u'.repeat(26) },
        resultVisible: { memberUserId: 'u'.repeat(26), enterpriseStages: RESULT_VISIBLE_TO_ENTERPRISE },
        ...page,
      }).compile(db),
    index: 'team_members_user_assessment_idx',
  },
  {
    name: 'one assessment’s audit trail, a page',
    query: (db) => auditQuery(db, { entityTree: 'a'.repeat(26), afterSeq: 0, limit: 200 }).compile(),
    index: 'audit_log_entity_id_seq_idx',
  },
  {
    name: 'one assessment’s audit trail, the count for the pager',
    query: (db) => auditCountQuery(db, { entityTree: 'a'.repeat(26) }).compile(),
    index: 'audit_log_entity_id_seq_idx',
  },
  {
    name: 'the audit log filtered by actor, a page',
    query: (db) => auditQuery(db, { actorId: 'u'.repeat(26), afterSeq: 0, limit: 200 }).compile(),
    index: 'audit_log_actor_seq_idx',
    noSort: true,
  },
  {
    name: 'a body admin’s user list, the first page (by e-mail)',
    query: (db) => userPageQuery(db, { organisationId: BODY, ...page }).compile(),
    index: 'users_organisation_email_idx',
    noSort: true,
  },
  {
    name: 'a body admin’s user list, the count for the pager',
    query: (db) => userCountQuery(db, { organisationId: BODY, ...page }).compile(),
    index: 'users_organisation_email_idx',
  },
  {
    name: 'a body admin’s experts, searched by name',
    query: (db) =>
      userPageQuery(db, { organisationId: BODY, role: 'expert', q: '王', active: true, ...page }).compile(),
    index: 'users_organisation_email_idx',
  },
  {
    name: 'the enterprises, by name',
    query: (db) => organisationPageQuery(db, { kind: 'enterprise', ...page }).compile(),
    index: 'organisations_kind_name_idx',
    noSort: true,
  },
  {
    name: 'the evidence files of an assessment',
    query: (db) => evidenceFilesQuery(db, { assessmentId: 'a'.repeat(26) }).compile(),
    index: 'evidence_files_assessment_idx',
  },
];

interface PgPlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PgPlanNode[];
}

function pgNodes(n: PgPlanNode): PgPlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(pgNodes)];
}

forEachDialect('issue 10: EXPLAIN shows index use for the list queries', (t, dialect) => {
  it('every main list query searches by its index, no table is scanned', async () => {
    const { db } = t();
    for (const q of QUERIES) {
      const compiled = q.query(db);
      if (dialect === 'sqlite') {
        const plan = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        const details = plan.rows.map((r) => r.detail);
        expect(details.join('\n'), q.name).toContain(q.index);
        expect(
          details.filter((d) => /^SCAN (?!CONSTANT)/.test(d) && !/USING (COVERING )?INDEX/.test(d)),
          `${q.name}: full scans\n${details.join('\n')}`,
        ).toEqual([]);
        if (q.noSort)
          expect(
            details.filter((d) => d.includes('TEMP B-TREE')),
            `${q.name}: sorts`,
          ).toEqual([]);
      } else {
        const nodes = await db.transaction().execute(async (trx) => {
          await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
          const r = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(
            CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
          );
          const cell = r.rows[0]!['QUERY PLAN'] as unknown;
          const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: PgPlanNode }];
          if (!plan[0]?.Plan) throw new Error(JSON.stringify(r.rows[0]).slice(0, 300));
          return pgNodes(plan[0].Plan);
        });
        const text = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name'], n['Relation Name']]));
        expect(
          nodes.filter((n) => n['Node Type'] === 'Seq Scan'),
          `${q.name}: sequential scans ${text}`,
        ).toEqual([]);
        expect(text, q.name).toContain(q.index);
      }
    }
  });
});

/**
 * `assessment_summaries`: what a list shows of an assessment, one row each, so that no list reads a document.
 *
 * Kept right by the writes themselves, in their transaction: every save of the document (`insertDoc`, `saveDoc`)
 * rewrites the row from the aggregate (`refreshSummary`); every score write, sheet submission or reopening and
 * self-assessment deletion recounts the score counters of its assessment (`refreshSummaryCounters`, an indexed
 * count over the assessment's own rows — its cost does not grow with the number of assessments).
 */
import { sql, type Kysely } from 'kysely';
import { openContests } from '../../process/contest.js';
import { consensusCompleteness } from '../../process/scoring-sheets.js';
import type { Assessment, Stage } from '../../process/types.js';
import type { Database, Row } from '../schema.js';
import type { Db } from '../util.js';
import { containsText } from './search.js';

/** The headline of a frozen result (the engine's JSON): total as displayed, level (null below level 1). */
export interface Headline {
  total: string;
  level: number | null;
  conclusion: string;
}

interface ResultJson {
  total?: { display: string };
  conclusion?: { belowLevel1: boolean; level: number; ordinal: string; name: string };
}

export function headlineOf(value: unknown): Headline | undefined {
  const r = value as ResultJson | null;
  if (!r || !r.total || !r.conclusion) return undefined;
  return {
    total: r.total.display,
    level: r.conclusion.belowLevel1 ? null : r.conclusion.level,
    conclusion: `${r.conclusion.ordinal} ${r.conclusion.name}`.trim(),
  };
}

function stageEnteredAt(a: Assessment): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = { application: a.createdAt };
  for (const h of a.history) if (h.from !== h.to) out[h.to] = h.at;
  return out;
}

/** The due date of the current step: the contest window while communicated, else the formal plan's end. */
function dueAt(a: Assessment): string | null {
  if (a.stage === 'communication' && a.contestWindow && !a.contestWindow.waived)
    return a.contestWindow.deadline;
  if (a.stage === 'evidence_collection' || a.stage === 'scoring' || a.stage === 'consensus') {
    const end = a.plans.formal?.endDate ?? a.plans.pre?.endDate;
    return end ? `${end}T23:59:59.999Z` : null;
  }
  return null;
}

type DocColumns = Omit<Row<'assessment_summaries'>, 'self_done' | 'expert_done' | 'sheets_submitted'>;

/** The columns that follow from the document alone. */
export function documentColumns(a: Assessment): DocColumns {
  const headline = a.result ? headlineOf(a.result.value) : undefined;
  const team = (a.team?.members ?? []).map((m) => ({
    userId: m.expert.userId,
    name: m.expert.name,
    role: m.role,
  }));
  return {
    assessment_id: a.id,
    enterprise_id: a.enterpriseOrgId,
    body_id: a.bodyOrgId,
    industry: a.industry,
    model_id: a.modelId,
    stage: a.stage,
    version: a.version,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    year: Number(a.createdAt.slice(0, 4)),
    requirement_total: a.requirementIds.length,
    team: JSON.stringify(team),
    sheets_total: Object.keys(a.sheets).length,
    consensus_done:
      a.requirementIds.length - consensusCompleteness(a.consensus, a.requirementIds).missing.length,
    evidence_count: a.evidence.length,
    open_contests: openContests(a).length,
    stage_entered: JSON.stringify(stageEnteredAt(a)),
    result_total: headline?.total ?? null,
    result_level: headline ? (headline.level ?? 0) : null,
    result_conclusion: headline?.conclusion ?? null,
    due_at: dueAt(a),
  };
}

async function counters(
  db: Db,
  assessmentId: string,
): Promise<Pick<Row<'assessment_summaries'>, 'self_done' | 'expert_done' | 'sheets_submitted'>> {
  const [self, experts, sheets] = await Promise.all([
    db
      .selectFrom('self_assessment_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirst(),
    db
      .selectFrom('expert_scores')
      .select(['expert_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assessment_id', '=', assessmentId)
      .groupBy('expert_id')
      .execute(),
    db.selectFrom('expert_sheets').select('expert_id').where('assessment_id', '=', assessmentId).execute(),
  ]);
  const done: Record<string, number> = {};
  for (const r of experts) done[r.expert_id] = Number(r.n);
  return {
    self_done: Number(self?.n ?? 0),
    expert_done: JSON.stringify({
      ...done,
      ...Object.fromEntries(sheets.map((s) => [`submitted:${s.expert_id}`, 1])),
    }),
    sheets_submitted: sheets.length,
  };
}

/** Rewrites the summary of `a` (after a save of its document, in the same transaction). */
export async function refreshSummary(db: Db, a: Assessment): Promise<void> {
  const row = { ...documentColumns(a), ...(await counters(db, a.id)) };
  const { assessment_id: _id, ...rest } = row;
  await db
    .insertInto('assessment_summaries')
    .values(row)
    .onConflict((oc) => oc.column('assessment_id').doUpdateSet(rest))
    .execute();
}

/** Recounts the score counters of one assessment (after a score write, in the same transaction). */
export async function refreshSummaryCounters(db: Db, assessmentId: string): Promise<void> {
  await db
    .updateTable('assessment_summaries')
    .set(await counters(db, assessmentId))
    .where('assessment_id', '=', assessmentId)
    .execute();
}

/** Fills the summaries of every stored document (the 0004_lists migration). */
export async function backfillSummaries(raw: Kysely<unknown> | Db): Promise<number> {
  const db = raw as unknown as Kysely<Database>;
  let n = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('assessment_documents')
      .select(['assessment_id', 'doc'])
      .where('assessment_id', '>', after)
      .orderBy('assessment_id')
      .limit(200)
      .execute();
    if (rows.length === 0) return n;
    for (const r of rows) {
      const doc = JSON.parse(r.doc) as { assessment: Assessment };
      await refreshSummary(db, doc.assessment);
      n += 1;
    }
    after = rows.at(-1)!.assessment_id;
  }
}

/** What the counters of an assessment say: its self-assessment grades; per expert, grades given and submission. */
export interface ProgressCounters {
  self: number;
  /** By expert user id (experts without a grade or a submission are absent). */
  experts: Record<string, { done: number; submitted: boolean }>;
}

function countersOf(row: Pick<Row<'assessment_summaries'>, 'self_done' | 'expert_done'>): ProgressCounters {
  const counted = JSON.parse(row.expert_done) as Record<string, number>;
  const experts: ProgressCounters['experts'] = {};
  for (const [key, n] of Object.entries(counted)) {
    const submitted = key.startsWith('submitted:');
    const id = submitted ? key.slice('submitted:'.length) : key;
    const e = experts[id] ?? (experts[id] = { done: 0, submitted: false });
    if (submitted) e.submitted = n === 1;
    else e.done = n;
  }
  return { self: Number(row.self_done), experts };
}

/**
 * The progress counters of one assessment: one row read, whatever the number of grades (the writes keep them,
 * see the top of this file). A document always has its row (`insertDoc` writes both); without one they are
 * counted from the score tables (the same counts).
 */
export async function progressCounters(db: Db, assessmentId: string): Promise<ProgressCounters> {
  const row = await db
    .selectFrom('assessment_summaries')
    .select(['self_done', 'expert_done'])
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
  return countersOf(row ?? (await counters(db, assessmentId)));
}

/** Per expert of the team: requirements scored and whether the sheet is submitted (from the counters). */
export function expertProgress(
  row: Pick<Row<'assessment_summaries'>, 'team' | 'self_done' | 'expert_done' | 'requirement_total'>,
): { userId: string; name: string; done: number; total: number; submitted: boolean }[] {
  const team = JSON.parse(row.team) as { userId: string; name: string }[];
  const { experts } = countersOf(row);
  return team.map((m) => ({
    userId: m.userId,
    name: m.name,
    done: experts[m.userId]?.done ?? 0,
    total: row.requirement_total,
    submitted: experts[m.userId]?.submitted ?? false,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The list query

export const SUMMARY_SORTS = ['created', 'updated', 'enterprise', 'stage', 'level', 'due'] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

export interface SummaryQuery {
  /** Who reads: the rows of these tenants (OR'ed); none given = nothing. */
  scope: { enterpriseId?: string; bodyId?: string; memberUserId?: string };
  /**
   * Where the team's result may be read (src/process/visibility.ts canSeeTeamResult, as SQL): rows of this body,
   * rows of a team the reader is on, and any row in one of `enterpriseStages` (the enterprise's own, once
   * communicated). The level filter and the level sort see a level only there.
   */
  resultVisible: { bodyId?: string; memberUserId?: string; enterpriseStages: readonly string[] };
  stage?: string;
  industry?: string;
  year?: number;
  level?: number;
  q?: string;
  /** Only rows whose due date is before this instant (overdue steps). */
  dueBefore?: string;
  sort?: SummarySort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type SummaryRow = Row<'assessment_summaries'> & { enterprise_name: string };

function memberOf(userId: string) {
  return sql<boolean>`s.assessment_id in (select tm.assessment_id from team_members tm where tm.user_id = ${userId})`;
}

function visibleResult(q: SummaryQuery) {
  const parts = [];
  if (q.resultVisible.bodyId !== undefined) parts.push(sql`s.body_id = ${q.resultVisible.bodyId}`);
  if (q.resultVisible.memberUserId !== undefined) parts.push(memberOf(q.resultVisible.memberUserId));
  if (q.resultVisible.enterpriseStages.length > 0)
    parts.push(sql`s.stage in (${sql.join(q.resultVisible.enterpriseStages.map((x) => sql`${x}`))})`);
  return parts.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

function where(q: SummaryQuery) {
  const scope = [];
  if (q.scope.enterpriseId !== undefined) scope.push(sql`s.enterprise_id = ${q.scope.enterpriseId}`);
  if (q.scope.bodyId !== undefined) scope.push(sql`s.body_id = ${q.scope.bodyId}`);
  if (q.scope.memberUserId !== undefined) scope.push(memberOf(q.scope.memberUserId));
  const parts = [scope.length === 0 ? sql`1 = 0` : sql`(${sql.join(scope, sql` or `)})`];
  if (q.stage !== undefined) parts.push(sql`s.stage = ${q.stage}`);
  if (q.industry !== undefined) parts.push(sql`s.industry = ${q.industry}`);
  if (q.year !== undefined) parts.push(sql`s.year = ${q.year}`);
  if (q.level !== undefined) parts.push(sql`s.result_level = ${q.level} and ${visibleResult(q)}`);
  if (q.dueBefore !== undefined) parts.push(sql`s.due_at < ${q.dueBefore}`);
  if (q.q !== undefined && q.q.trim() !== '') {
    parts.push(sql`(${containsText('o.name', q.q.trim())} or s.assessment_id = ${q.q.trim()})`);
  }
  return sql.join(parts, sql` and `);
}

function orderBy(q: SummaryQuery) {
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  switch (q.sort ?? 'created') {
    case 'created':
      return sql`s.created_at ${dir}, s.assessment_id ${dir}`;
    case 'updated':
      return sql`s.updated_at ${dir}, s.assessment_id ${dir}`;
    case 'enterprise':
      return sql`o.name ${dir}, s.created_at desc, s.assessment_id desc`;
    case 'stage':
      return sql`s.stage ${dir}, s.created_at desc, s.assessment_id desc`;
    case 'level':
      return sql`case when ${visibleResult(q)} then s.result_level end ${dir}, s.created_at desc, s.assessment_id desc`;
    case 'due':
      return sql`case when s.due_at is null then 1 else 0 end, s.due_at ${dir}, s.assessment_id ${dir}`;
  }
}

/** The page query (exported for the EXPLAIN test). */
export function pageSql(q: SummaryQuery) {
  return sql<SummaryRow>`select s.*, o.name as enterprise_name
      from assessment_summaries s join organisations o on o.id = s.enterprise_id
      where ${where(q)} order by ${orderBy(q)} limit ${q.limit} offset ${q.offset}`;
}

/** The count of the pager (exported for the EXPLAIN test). */
export function countSql(q: SummaryQuery) {
  return sql<{ n: number | string }>`select count(*) as n
      from assessment_summaries s join organisations o on o.id = s.enterprise_id
      where ${where(q)}`;
}

/** A row of the export: the list's row and the organisations' columns the workbook shows. */
export type ExportSummaryRow = SummaryRow & {
  credit_code: string | null;
  sub_sector: string | null;
  body_name: string | null;
};

/** The export's query: the rows of the list query `q` in its order, without an offset (exported for EXPLAIN). */
export function exportSql(q: SummaryQuery) {
  return sql<ExportSummaryRow>`select s.*, o.name as enterprise_name, o.credit_code, o.sub_sector,
        b.name as body_name
      from assessment_summaries s join organisations o on o.id = s.enterprise_id
        left join organisations b on b.id = s.body_id
      where ${where(q)} order by ${orderBy(q)} limit ${q.limit}`;
}

/**
 * Every summary of `q` (the list's filters and order, no paging), with the export's columns — or, when more
 * than `max` match, only how many do (`rows` null): counted first, so a refused export reads no rows.
 */
export async function exportSummaries(
  db: Db,
  q: Omit<SummaryQuery, 'limit' | 'offset'>,
  max: number,
): Promise<{ total: number; rows: ExportSummaryRow[] | null }> {
  const all = { ...q, limit: max, offset: 0 };
  const count = await countSql(all).execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total > max) return { total, rows: null };
  return { total, rows: (await exportSql(all).execute(db)).rows };
}

/** One page of the summaries a reader may list, and how many there are in all. */
export async function pageSummaries(db: Db, q: SummaryQuery): Promise<{ rows: SummaryRow[]; total: number }> {
  const [rows, count] = await Promise.all([pageSql(q).execute(db), countSql(q).execute(db)]);
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
}

/** Counts by (industry, level) and by stage over the rows of `q` (no paging): the body's dashboard. */
export async function summaryAggregates(
  db: Db,
  q: SummaryQuery,
): Promise<{
  levels: { industry: string; level: number | null; n: number }[];
  stages: { stage: string; n: number }[];
}> {
  const [levels, stages] = await Promise.all([
    sql<{ industry: string; level: number | null; n: number | string }>`select s.industry,
        case when ${visibleResult(q)} then s.result_level end as level, count(*) as n
      from assessment_summaries s join organisations o on o.id = s.enterprise_id
      where ${where(q)} group by 1, 2`.execute(db),
    sql<{ stage: string; n: number | string }>`select s.stage, count(*) as n
      from assessment_summaries s join organisations o on o.id = s.enterprise_id
      where ${where(q)} group by s.stage`.execute(db),
  ]);
  return {
    levels: levels.rows.map((r) => ({
      industry: r.industry,
      level: r.level === null ? null : Number(r.level),
      n: Number(r.n),
    })),
    stages: stages.rows.map((r) => ({ stage: r.stage, n: Number(r.n) })),
  };
}

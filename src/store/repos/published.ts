/**
 * Published results as figures (`published_results`, `published_scores`): written when an assessment is published,
 * removed when it is re-opened, and aggregated in SQL for benchmarks and the body's analytics — no document is
 * loaded per row. Scores are integers: millionths of the exact value, floored.
 */
import { sql } from 'kysely';
import type { PublishedScoreKind, Row } from '../schema.js';
import type { Db, Trx } from '../util.js';

export type PublishedResultRow = Row<'published_results'>;

export interface PublishedScore {
  kind: PublishedScoreKind;
  key: string;
  scoreMicro: number;
}

/** Writes (or replaces) the figures of a published result and marks the enterprise's newest one. */
export async function savePublishedResult(
  trx: Trx,
  row: Omit<PublishedResultRow, 'latest'>,
  scores: PublishedScore[],
): Promise<void> {
  await trx.deleteFrom('published_scores').where('assessment_id', '=', row.assessment_id).execute();
  await trx.deleteFrom('published_results').where('assessment_id', '=', row.assessment_id).execute();
  await trx
    .insertInto('published_results')
    .values({ ...row, latest: 0 })
    .execute();
  for (let i = 0; i < scores.length; i += 200) {
    await trx
      .insertInto('published_scores')
      .values(
        scores.slice(i, i + 200).map((s) => ({
          assessment_id: row.assessment_id,
          kind: s.kind,
          key: s.key,
          score_micro: s.scoreMicro,
        })),
      )
      .execute();
  }
  await refreshLatest(trx, row.enterprise_id);
}

/** Removes the figures of a result that is no longer published (re-opened). */
export async function removePublishedResult(trx: Trx, assessmentId: string): Promise<void> {
  const row = await trx
    .selectFrom('published_results')
    .select('enterprise_id')
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
  if (!row) return;
  await trx.deleteFrom('published_scores').where('assessment_id', '=', assessmentId).execute();
  await trx.deleteFrom('published_results').where('assessment_id', '=', assessmentId).execute();
  await refreshLatest(trx, row.enterprise_id);
}

/** `latest` = 1 on the enterprise's newest published result only. */
async function refreshLatest(trx: Trx, enterpriseId: string): Promise<void> {
  const newest = await trx
    .selectFrom('published_results')
    .select('assessment_id')
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('sealed_at', 'desc')
    .orderBy('assessment_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .updateTable('published_results')
    .set({ latest: 0 })
    .where('enterprise_id', '=', enterpriseId)
    .where('latest', '=', 1)
    .execute();
  if (newest)
    await trx
      .updateTable('published_results')
      .set({ latest: 1 })
      .where('assessment_id', '=', newest.assessment_id)
      .execute();
}

export async function getPublishedResult(
  db: Db,
  assessmentId: string,
): Promise<PublishedResultRow | undefined> {
  return db
    .selectFrom('published_results')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
}

/** The published results of an enterprise, oldest first. */
export async function listEnterpriseResults(db: Db, enterpriseId: string): Promise<PublishedResultRow[]> {
  return db
    .selectFrom('published_results')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('sealed_at')
    .execute();
}

/** The newest published result of every enterprise (validity reminders). */
export async function listLatestResults(db: Db): Promise<PublishedResultRow[]> {
  return db
    .selectFrom('published_results')
    .selectAll()
    .where('latest', '=', 1)
    .orderBy('reassessment_due')
    .execute();
}

/** The stored scores of one published result, of `kind`. */
export async function publishedScores(
  db: Db,
  assessmentId: string,
  kind: PublishedScoreKind,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('published_scores')
    .select(['key', 'score_micro'])
    .where('assessment_id', '=', assessmentId)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.score_micro)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Benchmarks

/** A peer group: the newest published results of the same industry and model version, other enterprises only. */
export interface PeerGroup {
  industry: string;
  modelId: string;
  /** The enterprise compared (left out of its own group). */
  excludeEnterpriseId: string;
  subSector?: string;
  size?: string;
}

function peers(db: Db, g: PeerGroup) {
  let q = db
    .selectFrom('published_results')
    .where('industry', '=', g.industry)
    .where('model_id', '=', g.modelId)
    .where('latest', '=', 1)
    .where('enterprise_id', '!=', g.excludeEnterpriseId);
  if (g.subSector !== undefined) q = q.where('sub_sector', '=', g.subSector);
  if (g.size !== undefined) q = q.where('size', '=', g.size);
  return q;
}

/** How many enterprises the group holds, and how many of them have a total below / equal to `totalMicro`. */
export async function peerStanding(
  db: Db,
  g: PeerGroup,
  totalMicro: number,
): Promise<{ n: number; below: number; equal: number }> {
  const r = await peers(db, g)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('total_micro', '<', totalMicro).then(1).else(0).end()).as('below'),
      eb.fn.sum<number>(eb.case().when('total_micro', '=', totalMicro).then(1).else(0).end()).as('equal'),
    ])
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), below: Number(r.below ?? 0), equal: Number(r.equal ?? 0) };
}

export interface Quartiles {
  key: string;
  n: number;
  q1: number;
  median: number;
  q3: number;
}

/**
 * Quartiles (linear interpolation between closest ranks, as R type 7 / Excel QUARTILE.INC) of the peers' scores of
 * `kind`, per key, in millionths. The window query returns only the (at most six) ranks each quartile needs.
 */
export async function peerQuartiles(db: Db, g: PeerGroup, kind: PublishedScoreKind): Promise<Quartiles[]> {
  const ids = peers(db, g).select('assessment_id');
  const rows = await db
    .with('ranked', (qc) =>
      qc
        .selectFrom('published_scores')
        .where('kind', '=', kind)
        .where('assessment_id', 'in', ids)
        .select((eb) => [
          'key',
          'score_micro',
          sql<number>`row_number() over (partition by ${eb.ref('key')} order by ${eb.ref('score_micro')})`.as(
            'rn',
          ),
          sql<number>`count(*) over (partition by ${eb.ref('key')})`.as('n'),
        ]),
    )
    .selectFrom('ranked')
    .select(['key', 'score_micro', 'rn', 'n'])
    .where(
      sql<boolean>`rn in ((n - 1) / 4 + 1, (n - 1 + 3) / 4 + 1, (n - 1) / 2 + 1, (n - 1 + 1) / 2 + 1,
        (3 * (n - 1)) / 4 + 1, (3 * (n - 1) + 3) / 4 + 1)`,
    )
    .orderBy('key')
    .orderBy('rn')
    .execute();
  const byKey = new Map<string, { n: number; at: Map<number, number> }>();
  for (const r of rows) {
    const e = byKey.get(r.key) ?? { n: Number(r.n), at: new Map<number, number>() };
    e.at.set(Number(r.rn), Number(r.score_micro));
    byKey.set(r.key, e);
  }
  const q = (e: { n: number; at: Map<number, number> }, p: number) => {
    const h = (e.n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    const a = e.at.get(lo + 1)!;
    const b = e.at.get(hi + 1)!;
    return a + (b - a) * (h - lo);
  };
  return [...byKey].map(([key, e]) => ({ key, n: e.n, q1: q(e, 0.25), median: q(e, 0.5), q3: q(e, 0.75) }));
}

// ---------------------------------------------------------------------------------------------------------------
// The body's analytics

export interface AnalyticsFilter {
  bodyId: string;
  year?: number;
  industry?: string;
}

function bodyResults(db: Db, f: AnalyticsFilter) {
  let q = db.selectFrom('published_results').where('body_id', '=', f.bodyId);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.industry !== undefined) q = q.where('industry', '=', f.industry);
  return q;
}

/** Published results per industry × conclusion level. */
export async function levelsByIndustry(
  db: Db,
  f: AnalyticsFilter,
): Promise<{ industry: string; level: number; n: number }[]> {
  const rows = await bodyResults(db, f)
    .select((eb) => ['industry', 'level', eb.fn.countAll<number>().as('n')])
    .groupBy(['industry', 'level'])
    .orderBy('industry')
    .orderBy('level')
    .execute();
  return rows.map((r) => ({ industry: r.industry, level: Number(r.level), n: Number(r.n) }));
}

/** Mean score (millionths) and count per key of `kind`, over the body's published results. */
export async function meanScores(
  db: Db,
  f: AnalyticsFilter,
  kind: PublishedScoreKind,
): Promise<{ key: string; industry: string; n: number; meanMicro: number }[]> {
  const rows = await db
    .selectFrom('published_scores as s')
    .innerJoin('published_results as r', 'r.assessment_id', 's.assessment_id')
    .where('r.body_id', '=', f.bodyId)
    .$if(f.year !== undefined, (q) => q.where('r.year', '=', f.year!))
    .$if(f.industry !== undefined, (q) => q.where('r.industry', '=', f.industry!))
    .where('s.kind', '=', kind)
    .select((eb) => [
      's.key as key',
      'r.industry as industry',
      eb.fn.countAll<number>().as('n'),
      eb.fn.avg<number>('s.score_micro').as('mean'),
    ])
    .groupBy(['s.key', 'r.industry'])
    .execute();
  return rows.map((r) => ({ key: r.key, industry: r.industry, n: Number(r.n), meanMicro: Number(r.mean) }));
}

/** Per year: results, mean total (millionths) and results per level. */
export async function trendByYear(
  db: Db,
  f: Omit<AnalyticsFilter, 'year'>,
): Promise<{ year: number; level: number; n: number; sumMicro: number }[]> {
  const rows = await bodyResults(db, f)
    .select((eb) => [
      'year',
      'level',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('total_micro').as('sum'),
    ])
    .groupBy(['year', 'level'])
    .orderBy('year')
    .orderBy('level')
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    level: Number(r.level),
    n: Number(r.n),
    sumMicro: Number(r.sum),
  }));
}

/** The years with a published result of the body. */
export async function analyticsYears(db: Db, bodyId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('published_results')
    .select('year')
    .distinct()
    .where('body_id', '=', bodyId)
    .orderBy('year')
    .execute();
  return rows.map((r) => Number(r.year));
}

/**
 * Cloning assessments for scale figures (issue 10: `dtma demo clone N`, `BENCH=scale`): copies existing assessments
 * — their document, team, self-assessment, expert grades and sheets, evidence metadata (the files themselves are
 * not copied: a copy's file cannot be downloaded), published result — to new assessments of new enterprises, one transaction each, with the
 * summary row and an audit row written as any write does. The copies' dates are spread over the past years.
 */
import { sql } from 'kysely';
import type { Assessment } from '../process/types.js';
import { appendAudit } from './audit.js';
import { refreshSummary } from './repos/summaries.js';
import { inTransaction, newId, nowIso, type Actor, type Db } from './util.js';

const CITIES = [
  '江西',
  '云南',
  '湖南',
  '甘肃',
  '广西',
  '内蒙古',
  '河南',
  '安徽',
  '山东',
  '贵州',
  '四川',
  '青海',
];
const METALS = ['铜', '铝', '铅锌', '镍', '钨', '钼', '锡', '稀土', '钛', '锂', '金', '镁'];
const KINDS = { mining: '矿业', smelting: '冶炼', processing: '加工' } as const;

/** A plausible enterprise name, different for each `n`. */
export function cloneEnterpriseName(n: number, industry: string): string {
  const city = CITIES[n % CITIES.length]!;
  const metal = METALS[Math.floor(n / CITIES.length) % METALS.length]!;
  const kind = KINDS[industry as keyof typeof KINDS] ?? '材料';
  return `${city}某${metal}${kind}有限公司（${String(n).padStart(4, '0')}）`;
}

/** Copies assessment `sourceId` to a new assessment of a new enterprise, created `daysBack` days before its source. */
export async function cloneAssessment(
  db: Db,
  actor: Actor,
  sourceId: string,
  n: number,
  daysBack: number,
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const src = await trx
      .selectFrom('assessment_documents')
      .select('doc')
      .where('assessment_id', '=', sourceId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .selectFrom('assessments')
      .selectAll()
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    const id = newId();
    const orgId = newId();
    const doc0 = JSON.parse(src.doc) as { assessment: Assessment };
    const oldOrg = doc0.assessment.enterpriseOrgId;
    const shift = (iso: string) => new Date(Date.parse(iso) - daysBack * 86_400_000).toISOString();
    await trx
      .insertInto('organisations')
      .values({
        id: orgId,
        kind: 'enterprise',
        name: cloneEnterpriseName(n, row.industry),
        credit_code: null,
        industry: row.industry,
        version: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    // Evidence metadata gets new ids (the document refers to them).
    const ids = new Map<string, string>([
      [sourceId, id],
      [oldOrg, orgId],
    ]);
    const files = await trx
      .selectFrom('evidence_files')
      .selectAll()
      .where('assessment_id', '=', sourceId)
      .execute();
    for (const f of files) ids.set(f.id, newId());
    const items = await trx
      .selectFrom('evidence_items')
      .selectAll()
      .where('assessment_id', '=', sourceId)
      .execute();
    for (const it of items) ids.set(it.id, newId());
    let text = src.doc;
    for (const [from, to] of ids) text = text.split(from).join(to);
    const doc = JSON.parse(text) as { assessment: Assessment };
    const a = doc.assessment;
    a.createdAt = shift(a.createdAt);
    a.updatedAt = shift(a.updatedAt);
    for (const h of a.history) h.at = shift(h.at);
    text = JSON.stringify(doc);
    await trx
      .insertInto('assessments')
      .values({ ...row, id, enterprise_id: orgId, created_at: a.createdAt, updated_at: a.updatedAt })
      .execute();
    await trx
      .insertInto('assessment_documents')
      .values({ assessment_id: id, doc: text, version: a.version, updated_at: nowIso() })
      .execute();
    for (const f of files)
      await trx
        .insertInto('evidence_files')
        // Metadata only: the copy's storage key names no stored file (the key is unique per file).
        .values({ ...f, id: ids.get(f.id)!, assessment_id: id, storage_key: `clone/${ids.get(f.id)!}` })
        .execute();
    for (const it of items)
      await trx
        .insertInto('evidence_items')
        .values({
          ...it,
          id: ids.get(it.id)!,
          assessment_id: id,
          file_id: it.file_id === null ? null : (ids.get(it.file_id) ?? null),
        })
        .execute();
    await sql`insert into team_members (assessment_id, user_id, role, disciplines, added_by, added_at)
      select ${id}, user_id, role, disciplines, added_by, added_at from team_members where assessment_id = ${sourceId}`.execute(
      trx,
    );
    await sql`insert into self_assessment_scores
        (assessment_id, requirement_id, value_tenths, note, version, updated_by, updated_at, carried_from)
      select ${id}, requirement_id, value_tenths, note, version, updated_by, updated_at, null
      from self_assessment_scores where assessment_id = ${sourceId}`.execute(trx);
    await sql`insert into expert_scores
        (assessment_id, expert_id, requirement_id, value_tenths, rationale, version, updated_at)
      select ${id}, expert_id, requirement_id, value_tenths, rationale, version, updated_at
      from expert_scores where assessment_id = ${sourceId}`.execute(trx);
    await sql`insert into expert_sheets (assessment_id, expert_id, submitted_at)
      select ${id}, expert_id, submitted_at from expert_sheets where assessment_id = ${sourceId}`.execute(
      trx,
    );
    await refreshSummary(trx, a);
    await appendAudit(trx, actor, {
      entity: 'assessment',
      entityId: id,
      action: 'clone',
      after: { from: sourceId, stage: a.stage, industry: a.industry },
    });
    return id;
  });
}

/** Clones the assessments there are (round robin) until there are `total`; returns how many were made. */
export async function cloneAssessmentsTo(
  db: Db,
  actor: Actor,
  total: number,
  progress: (made: number, of: number) => void = () => undefined,
): Promise<number> {
  const sources = (
    await db.selectFrom('assessments').select('id').orderBy('created_at').orderBy('id').execute()
  ).map((r) => r.id);
  const have = (
    await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
  )?.n;
  const todo = total - Number(have ?? 0);
  if (sources.length === 0 || todo <= 0) return 0;
  for (let i = 0; i < todo; i++) {
    const n = Number(have) + i;
    await cloneAssessment(db, actor, sources[i % sources.length]!, n, 30 + ((n * 37) % 1500));
    if ((i + 1) % 50 === 0 || i + 1 === todo) progress(i + 1, todo);
  }
  return todo;
}

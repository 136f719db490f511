/**
 * Issue 10 ("a decade of assessments"): opening an assessment and its consensus data cost the same whatever the
 * number of grades — counted in statements and rows read, never timed (the figures are in `BENCH=scale`).
 *
 * - The view (`GET /api/assessments/:id`, the first call of the web's assessment screen) reads no grade and no
 *   sheet: its progress comes from the counters the writes keep. An assessment with seven full sheets is opened
 *   with the same statements and rows as one without a grade.
 * - The consensus data reads the grades in one statement, with the columns it returns (value, rationale), after
 *   blind scoring is decided on the submissions alone: a viewer who may not see every sheet reads no grade.
 * - Both answer exactly what the document with its sheets hydrated answers (the pre-issue-10 way), for every
 *   viewer, while scoring (some sheets submitted) and in consensus.
 */
import { expect, it } from 'vitest';
import type { ScoreValue } from '../model/grades.js';
import { clearDocCache, loadDoc } from '../store/repos/documents.js';
import { forEachDialect } from '../testing/databases.js';
import { QueryLog } from '../testing/query-log.js';
import { makeServiceWorld } from '../testing/service-world.js';
import { authorizeAssessment } from './access.js';
import { getAssessmentView } from './assessments.js';
import { consensusViewOf, getConsensus } from './consensus.js';
import type { Caller, ServiceContext } from './context.js';
import { advance, startAssessment } from './drive.js';
import { getOwnSheet, writeOwnScores } from './scores.js';
import { transitionAssessment } from './assessments.js';

const grade = (_rid: string, j: number): ScoreValue => (j % 4 === 0 ? '1' : j % 4 === 1 ? '0.8' : '0.5');

/** The statements and rows of one call, the document cache cold (as after a restart or an eviction). */
async function reads(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<unknown>) {
  const log = new QueryLog();
  clearDocCache();
  await fn({ ...ctx, db: log.wrap(ctx.db) });
  return log;
}

/** Outcome of a call: its value, or the error's code, message and params. */
async function outcome(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await fn() };
  } catch (error) {
    const e = error as { code?: string; message: string; extra?: unknown };
    return { error: e.code, message: e.message, extra: e.extra };
  }
}

/** The consensus data the pre-issue-10 way: the document with every sheet hydrated. */
async function consensusFromDocument(ctx: ServiceContext, viewer: Caller, id: string) {
  await authorizeAssessment(ctx, viewer, id, 'score.read-all');
  return consensusViewOf((await loadDoc(ctx.db, id))!.assessment, viewer.actor);
}

forEachDialect('issue 10: opening an assessment and the consensus data read only what they return', (t) => {
  it(
    'the view reads no grade and no sheet; the consensus reads the grades once, with two columns of them',
    { timeout: 240_000 },
    async () => {
      const w = await makeServiceWorld(t());
      const { ctx } = w;
      const { user: ent } = await w.enterprise('江西某铜业有限公司');
      const { user: other } = await w.enterprise('云南某锡业有限公司');
      const s = w.spec(ent, grade);
      const [leader, member, late] = [w.experts[0]!, w.experts[1]!, w.experts[5]!];
      const viewers = [w.bodyAdmin, ent, other, leader, member, late];

      const fresh = await startAssessment(ctx, s);
      const full = await startAssessment(ctx, s);
      await advance(ctx, s, full.id, 'application', 'consensus');
      const grades = await ctx.db
        .selectFrom('expert_scores')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assessment_id', '=', full.id)
        .executeTakeFirstOrThrow();
      expect(Number(grades.n)).toBe(7 * full.requirementIds.length);

      // The view: no grade, no sheet read; the same statements and rows with 7 full sheets as with none.
      for (const viewer of [w.bodyAdmin, leader, ent]) {
        const open = await reads(ctx, (c) => getAssessmentView(c, viewer, full.id));
        expect(open.touching('expert_scores'), 'the view reads no grade').toEqual([]);
        expect(open.touching('expert_sheets'), 'the view reads no sheet').toEqual([]);
        const empty = await reads(ctx, (c) => getAssessmentView(c, ent, fresh.id));
        expect(open.queries.length).toBe(empty.queries.length);
        expect(open.rows).toBe(empty.rows);
        expect(open.rows).toBeLessThanOrEqual(5);
      }
      // …and it still shows every expert's progress.
      const view = await getAssessmentView(ctx, w.bodyAdmin, full.id);
      expect(view.progress.experts.map((e) => [e.done, e.submitted])).toEqual(
        w.experts.map(() => [full.requirementIds.length, true]),
      );

      // The consensus data: one statement on the grades, their value and rationale only, one row per grade.
      const cons = await reads(ctx, (c) => getConsensus(c, leader, full.id));
      const onGrades = cons.touching('expert_scores');
      expect(onGrades).toHaveLength(1);
      expect(onGrades[0]!.selectsAll).toBe(false);
      expect([...onGrades[0]!.columns].sort()).toEqual(
        ['expert_id', 'rationale', 'requirement_id', 'value_tenths'].sort(),
      );
      expect(onGrades[0]!.rows).toBe(Number(grades.n));
      expect(cons.rows).toBeLessThanOrEqual(Number(grades.n) + 10);

      // While scoring: two experts submitted, the leader graded part of the sheet. Blind scoring refuses the
      // consensus data to whoever may not see every sheet — before reading a single grade.
      const part = await startAssessment(ctx, s);
      await advance(ctx, s, part.id, 'application', 'scoring');
      for (const c of [member, w.experts[2]!]) {
        await writeOwnScores(ctx, c, part.id, {
          writes: part.requirementIds.map((rid, j) => ({
            requirementId: rid,
            value: grade(rid, j),
            note: '现场核查：制度已发布并执行',
            expectedVersion: 0,
          })),
        });
        const { version } = await getAssessmentView(ctx, c, part.id);
        await transitionAssessment(ctx, c, part.id, {
          command: { type: 'score.submit' },
          expectedVersion: version,
        });
      }
      await writeOwnScores(ctx, leader, part.id, {
        writes: part.requirementIds.slice(0, 9).map((rid) => ({
          requirementId: rid,
          value: '0.8',
          note: '部分车间已上线，仍在推广',
          expectedVersion: 0,
        })),
      });
      expect(Object.keys((await getOwnSheet(ctx, leader, part.id)).scores)).toHaveLength(9);
      for (const viewer of [w.bodyAdmin, leader, late]) {
        const refused = await reads(ctx, (c) => outcome(() => getConsensus(c, viewer, part.id)));
        expect(await outcome(() => getConsensus(ctx, viewer, part.id))).toMatchObject({ error: 'FORBIDDEN' });
        expect(refused.touching('expert_scores'), `${viewer.user.email}: refused, no grade read`).toEqual([]);
      }

      // Every viewer gets exactly what the document with its sheets hydrated gives, at both stages.
      for (const id of [part.id, full.id])
        for (const viewer of viewers) {
          const label = `${id === part.id ? 'scoring' : 'consensus'}, ${viewer.user.email}`;
          expect(await outcome(() => getConsensus(ctx, viewer, id)), label).toEqual(
            await outcome(() => consensusFromDocument(ctx, viewer, id)),
          );
        }
    },
  );
});

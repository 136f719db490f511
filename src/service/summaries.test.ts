/**
 * Issue 10: the list reads `assessment_summaries`, never a document. The summary kept by the writes must say what
 * the document says — for every viewer (the team's progress and result only where visibility.ts allows) — after
 * every kind of write: creation, self-assessment grades (written and removed), evidence, every transition of the
 * main path, expert grades (new and changed), sheet submission, consensus, freezing, contests.
 */
import { expect, it } from 'vitest';
import type { ScoreValue } from '../model/grades.js';
import { sheetCompleteness } from '../process/scoring-sheets.js';
import { MAIN_PATH } from '../process/types.js';
import { loadDoc } from '../store/repos/documents.js';
import { backfillSummaries } from '../store/repos/summaries.js';
import { countSelfScores } from '../store/repos/scores.js';
import { organisationNames } from '../store/repos/organisations.js';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld } from '../testing/service-world.js';
import { getAssessmentView, listAssessmentSummaries } from './assessments.js';
import type { Caller, ServiceContext } from './context.js';
import { advance, startAssessment } from './drive.js';
import { removeSelf, writeOwnScore, writeSelf } from './scores.js';
import { summaryOf } from './views.js';

const grade = (_rid: string, j: number): ScoreValue => (j % 3 === 0 ? '1' : j % 3 === 1 ? '0.8' : '0.5');

/** The summary as computed from the document with its sheets hydrated (the pre-issue-10 way), for `viewer`. */
async function fromDocument(ctx: ServiceContext, id: string, viewer: Caller) {
  const doc = (await loadDoc(ctx.db, id))!;
  const a = doc.assessment;
  const names = await organisationNames(ctx.db, [a.enterpriseOrgId]);
  const self = await countSelfScores(ctx.db, [id]);
  const experts = Object.fromEntries(
    Object.values(a.sheets).map((sheet) => [
      sheet.expertId,
      {
        done: a.requirementIds.length - sheetCompleteness(sheet, a.requirementIds).missing.length,
        submitted: sheet.submittedAt !== undefined,
      },
    ]),
  );
  return summaryOf(a, viewer.actor, names.get(a.enterpriseOrgId) ?? '', { self: self.get(id) ?? 0, experts });
}

/** What the view of one assessment (its overview) shows of the summary: it reads the counters, no sheet. */
async function fromView(ctx: ServiceContext, id: string, viewer: Caller) {
  const v = await getAssessmentView(ctx, viewer, id);
  return { progress: v.progress, headline: v.headline, stageEnteredAt: v.stageEnteredAt };
}

async function fromList(ctx: ServiceContext, id: string, viewer: Caller) {
  const page = await listAssessmentSummaries(ctx, viewer, { limit: 200 });
  const item = page.items.find((x) => x.id === id);
  if (!item) return undefined;
  const { dueAt: _due, ...rest } = item;
  return rest;
}

forEachDialect('issue 10: the summary kept by each write equals the document', (t) => {
  it(
    'after every kind of write, for the body, the enterprise, the leader, a team expert and an outsider',
    { timeout: 240_000 },
    async () => {
      const w = await makeServiceWorld(t());
      const { ctx } = w;
      const { user: ent } = await w.enterprise('江西铜业某矿业有限公司');
      const { user: other } = await w.enterprise('云南某锡业有限公司');
      const s = w.spec(ent, grade);
      const viewers = [w.bodyAdmin, ent, w.experts[0]!, w.experts[3]!];
      const { id, requirementIds } = await startAssessment(ctx, s);

      const check = async (what: string, id: string) => {
        for (const v of viewers) {
          const listed = await fromList(ctx, id, v);
          const doc = await fromDocument(ctx, id, v);
          const readable = (await loadDoc(ctx.db, id))!.assessment.team?.members.some(
            (m) => m.expert.userId === v.actor.userId,
          );
          if (v === w.experts[0] || v === w.experts[3]) {
            if (!readable) {
              expect(listed, `${what}: an expert off the team does not list it`).toBeUndefined();
              continue;
            }
          }
          expect(listed, `${what} (${v.user.email})`).toEqual(doc);
          expect(await fromView(ctx, id, v), `${what}: the view (${v.user.email})`).toEqual({
            progress: doc.progress,
            headline: doc.headline,
            stageEnteredAt: doc.stageEnteredAt,
          });
        }
        expect(await fromList(ctx, id, other), `${what}: another enterprise`).toBeUndefined();
      };

      await check('created', id);
      const r0 = requirementIds[0]!;
      const written = await writeSelf(ctx, ent, id, r0, { value: '0.8', note: '已建立', expectedVersion: 0 });
      await writeSelf(ctx, ent, id, requirementIds[1]!, { value: '1', note: '已实施', expectedVersion: 0 });
      await check('self grades written', id);
      await removeSelf(ctx, ent, id, r0, written.version);
      await check('a self grade removed', id);

      for (let i = 0; i < MAIN_PATH.indexOf('published'); i++) {
        const from = MAIN_PATH[i]!;
        const to = MAIN_PATH[i + 1]!;
        await advance(ctx, s, id, from, to);
        await check(`${from} → ${to}`, id);
      }

      // Part of one expert's sheet by hand: a new grade, then a changed one (the counters move only on new).
      const second = await startAssessment(ctx, s);
      await advance(ctx, s, second.id, 'application', 'scoring');
      await check('second at scoring', second.id);
      const e = w.experts[2]!;
      const rid = second.requirementIds[5]!;
      const g = await writeOwnScore(ctx, e, second.id, rid, {
        value: '0.5',
        note: '部分满足',
        expectedVersion: 0,
      });
      await check('an expert grade written', second.id);
      await writeOwnScore(ctx, e, second.id, rid, {
        value: '0.8',
        note: '大部分满足',
        expectedVersion: g.version,
      });
      await check('an expert grade changed', second.id);

      // The backfill of 0004_lists gives the same rows as the writes did.
      const before = await ctx.db
        .selectFrom('assessment_summaries')
        .selectAll()
        .orderBy('assessment_id')
        .execute();
      await ctx.db.deleteFrom('assessment_summaries').execute();
      // Without its row (never after a write), the view counts from the score tables: the same progress.
      expect((await fromView(ctx, second.id, w.bodyAdmin)).progress).toEqual(
        (await fromDocument(ctx, second.id, w.bodyAdmin)).progress,
      );
      expect(await backfillSummaries(ctx.db)).toBe(2);
      expect(
        await ctx.db.selectFrom('assessment_summaries').selectAll().orderBy('assessment_id').execute(),
      ).toEqual(before);
    },
  );
});

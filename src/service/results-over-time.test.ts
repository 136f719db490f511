/**
 * Issue 14 through the use cases, on both databases: re-assessment and comparison a year apart, certificates and
 * their public verification, benchmarks with k peers, what-if under another model version, validity reminders,
 * the body's analytics.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tenthsOf, type ScoreValue } from '../model/grades.js';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld, type ServiceWorld } from '../testing/service-world.js';
import { listAudit } from '../store/audit.js';
import { savePublishedResult } from '../store/repos/published.js';
import { listSelfScores } from '../store/repos/scores.js';
import { exportAnalytics, getAnalytics } from './analytics.js';
import { getAssessmentView, transitionAssessment } from './assessments.js';
import { getBenchmark } from './benchmark.js';
import { certificateDocument, getCertificate, verifyCertificate } from './certificates.js';
import { getComparison, reportComparisonOf } from './comparison.js';
import { advance, ELIGIBLE, startAssessment } from './drive.js';
import { addModelDirectory } from './engine.js';
import { listEvidence } from './evidence.js';
import { confirmCarriedOver, listValidity, startReassessment } from './reassessment.js';
import { sendDueReminders } from './reminders.js';
import { writeSelf } from './scores.js';
import { whatIf } from './whatif.js';
import { ServiceError } from './errors.js';

const levelOf = (rid: string) => Number(/\.S([1-5])\./.exec(rid)?.[1] ?? 3);
/** An enterprise at about level 2: S1–S2 met, S3 partly, S4–S5 not. */
const lastYear = (rid: string, j: number): ScoreValue =>
  levelOf(rid) <= 2 ? (j % 7 === 0 ? '0.8' : '1') : levelOf(rid) === 3 ? (j % 2 ? '0.5' : '0.8') : '0';
/** A year later: S3 mostly met, S4 half fully met (the earlier plan's steps), a few S1–S2 requirements fell back. */
const thisYear = (rid: string, j: number): ScoreValue => {
  const l = levelOf(rid);
  if (l <= 2) return j % 29 === 0 ? '0.5' : '1';
  if (l === 3) return j % 5 ? '1' : '0.8';
  return l === 4 ? (j % 2 ? '1' : '0.5') : '0';
};

async function rejects(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a ServiceError');
}

forEachDialect('results over time (issue 14)', (t) => {
  let w: ServiceWorld;

  it(
    'a re-assessment a year later starts from the published one (carried over, marked until confirmed) and compares: improved, fell back, plan steps achieved',
    { timeout: 120_000 },
    async () => {
      w = await makeServiceWorld(t());
      const { user: ent } = await w.enterprise('江西某铜矿业有限公司');
      w.setNow('2024-11-20T02:00:00.000Z');
      const s1 = w.spec(ent, lastYear);
      const { id: first, requirementIds } = await startAssessment(w.ctx, s1);
      for (const rid of requirementIds.slice(0, 5))
        await writeSelf(w.ctx, ent, first, rid, { value: '0.8', note: '已建立相关制度', expectedVersion: 0 });
      await advance(w.ctx, s1, first, 'application', 'published');

      w.setNow('2025-11-20T02:00:00.000Z');
      const re = await startReassessment(w.ctx, ent, first, { eligibility: ELIGIBLE });
      expect(re.stage).toBe('application');
      expect(re.application.reassessmentOf).toBe(first);
      const listed = await listEvidence(w.ctx, ent, re.id, { limit: 200 });
      const evidence = listed.items;
      expect(evidence.length).toBeGreaterThan(0);
      expect(listed.total).toBe(evidence.length);
      expect(evidence.every((e) => e.carriedFrom === first)).toBe(true);
      const withFile = evidence.find((e) => e.file)!;
      expect(withFile.file!.ref).not.toBe(
        (await listEvidence(w.ctx, ent, first, { limit: 200 })).items.find((e) => e.file)!.file!.ref,
      );
      // Confirming clears the marks (evidence through the process, grades in the store).
      const confirmed = await confirmCarriedOver(w.ctx, ent, re.id, { expectedVersion: re.version });
      expect(confirmed).toMatchObject({ from: first, evidence: evidence.length });
      expect((await listEvidence(w.ctx, ent, re.id, { limit: 200 })).items.some((e) => e.carriedFrom)).toBe(
        false,
      );
      expect((await listSelfScores(w.ctx.db, re.id)).every((s) => s.carriedFrom === null)).toBe(true);

      const s = w.spec(ent, thisYear);
      await advance(w.ctx, { ...s, today: '2025-11-20' }, re.id, 'application', 'published');
      const c = await getComparison(w.ctx, ent, re.id);
      expect(c.results.map((r) => r.assessmentId)).toEqual([first, re.id]);
      expect(c.results.map((r) => r.at.slice(0, 4))).toEqual(['2024', '2025']);
      const d = c.delta!;
      expect(d.total.trend).toBe('improved');
      expect(Number(d.total.after)).toBeGreaterThan(Number(d.total.before));
      expect(d.improved.length).toBeGreaterThan(0);
      expect(d.fell.length).toBeGreaterThan(0);
      expect(d.fell.every((g) => levelOf(g.requirementId) <= 2)).toBe(true);
      expect(d.units.some((u) => u.trend === 'improved')).toBe(true);
      // The earlier plan (to the next level) had steps; those raised to 全部满足 this year are achieved.
      expect(d.plan.steps.length).toBeGreaterThan(0);
      expect(d.plan.achieved).toBe(
        d.plan.steps.filter((x) => x.now !== null && tenthsOf(x.now) >= tenthsOf(x.to)).length,
      );
      // The report's section of the same comparison.
      const section = reportComparisonOf(c)!;
      expect(section.total).toMatchObject({
        before: d.total.before,
        after: d.total.after,
        delta: d.total.delta,
      });
      expect(section.previousDateZh).toBe('2024年11月20日');
      const p = section.plan;
      expect(p.achieved + p.improved + p.notAchieved).toBe(p.steps);
      expect(section.unitsUp.every((u) => u.delta.startsWith('+'))).toBe(true);
      // The earlier result alone has nothing to compare with.
      expect((await getComparison(w.ctx, ent, first)).delta).toBeUndefined();
    },
  );

  it(
    'certificate: issued on publication, verified without login against the sealed result; a forged code is refused; re-opening withdraws it (audited)',
    { timeout: 120_000 },
    async () => {
      w = await makeServiceWorld(t());
      const { user: ent } = await w.enterprise('云南某铝冶炼有限公司');
      const id = await w.publish(ent, lastYear);
      const cert = await getCertificate(w.ctx, ent, id);
      expect(cert.state).toBe('valid');
      expect(cert.number).toMatch(/^DTMA-ZS-2025-\d{6}$/);
      expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(cert.content).toMatchObject({
        enterprise: '云南某铝冶炼有限公司',
        issuedOn: '2025-06-01',
        validUntil: '2028-05-31',
      });
      expect(cert.reassessmentDue).toBe('2028-02-29');

      const v = await verifyCertificate(w.ctx, cert.code, cert.number);
      expect(v).toEqual({
        state: 'valid',
        number: cert.number,
        numberMatches: true,
        certificate: cert.content,
      });
      expect(
        (await verifyCertificate(w.ctx, cert.code.toLowerCase(), 'DTMA-ZS-2025-999999')).numberMatches,
      ).toBe(false);
      // Forged: a well-formed code nobody was given, a changed character, garbage — all the same 404.
      const forged = cert.code.slice(0, -1) + (cert.code.endsWith('0') ? '1' : '0');
      for (const code of [forged, 'ABCDEFGHJKMNPQRSTVWXYZ0123', 'x', "' or 1=1 --"])
        expect((await rejects(verifyCertificate(w.ctx, code))).code).toBe('NOT_FOUND');

      const pdf = await certificateDocument(w.ctx, ent, id, 'https://dtma.example.org');
      expect(pdf.buffer.subarray(0, 5).toString()).toBe('%PDF-');

      const view = await getAssessmentView(w.ctx, w.bodyAdmin, id);
      await transitionAssessment(w.ctx, w.bodyAdmin, id, {
        command: { type: 'reopen', reason: '企业提交新的证据，复核第三级评分' },
        expectedVersion: view.version,
      });
      const after = await verifyCertificate(w.ctx, cert.code);
      expect(after).toEqual({ state: 'withdrawn', number: cert.number, withdrawnOn: '2025-06-01' });
      expect(after).not.toHaveProperty('certificate');
      // The body still sees its withdrawn certificate; the enterprise no longer sees the re-opened result.
      expect((await getCertificate(w.ctx, w.bodyAdmin, id)).state).toBe('withdrawn');
      expect((await rejects(certificateDocument(w.ctx, w.bodyAdmin, id, 'https://x'))).code).toBe(
        'INVALID_TRANSITION',
      );
      expect((await rejects(getCertificate(w.ctx, ent, id))).code).toBe('FORBIDDEN');
      const audit = await listAudit(w.ctx.db, { entity: 'certificate' });
      expect(audit.map((a) => a.action)).toEqual(['issue', 'withdraw']);
      expect(audit[1]!.reason).toBe('企业提交新的证据，复核第三级评分');
      expect(JSON.stringify(audit)).not.toContain(cert.code);
    },
  );

  it(
    'benchmark: a peer group of 4 other enterprises shows nothing, of 5 shows the percentile and quartiles, never a count or a name',
    { timeout: 120_000 },
    async () => {
      w = await makeServiceWorld(t());
      const { user: ent } = await w.enterprise('江西某铜矿业有限公司');
      const id = await w.publish(ent, lastYear);
      const own = await getBenchmark(w.ctx, ent, id);
      expect(own.k).toBe(5);
      expect(own.groups).toEqual([{ dimension: 'industry', value: '采选', available: false }]);

      // Peers: published results of other mining enterprises (figures as publication stores them).
      const addPeer = async (i: number, totalMicro: number) => {
        const { orgId } = await w.enterprise(`同业企业${i}`);
        const aid = `peer-${i}-${orgId}`;
        await w.ctx.db
          .insertInto('assessments')
          .values({
            id: aid,
            enterprise_id: orgId,
            body_id: w.body,
            industry: 'mining',
            model_id: 'nfm-dtmm-2024-draft',
            stage: 'published',
            version: 1,
            created_by: null,
            created_at: '2025-01-01T00:00:00.000Z',
            updated_at: '2025-01-01T00:00:00.000Z',
          })
          .execute();
        await w.ctx.db.transaction().execute((trx) =>
          savePublishedResult(
            trx,
            {
              assessment_id: aid,
              enterprise_id: orgId,
              body_id: w.body,
              industry: 'mining',
              model_id: 'nfm-dtmm-2024-draft',
              sub_sector: null,
              size: null,
              sealed_at: '2025-03-01T00:00:00.000Z',
              year: 2025,
              seal_hash: 'h',
              total_micro: totalMicro,
              level: Math.floor(totalMicro / 1e6),
              valid_until: '2028-02-28',
              reassessment_due: '2027-11-28',
            },
            [
              { kind: 'total', key: 'total', scoreMicro: totalMicro },
              { kind: 'domain', key: 'organization', scoreMicro: 1_000_000 * i },
            ],
          ),
        );
      };
      for (let i = 1; i <= 4; i++) await addPeer(i, 1_000_000 * i);
      // A smelting enterprise is no peer of a mining one.
      const other = await w.enterprise('冶炼企业', 'smelting');
      void other;
      expect((await getBenchmark(w.ctx, ent, id)).groups[0]!.available).toBe(false);
      await addPeer(5, 4_500_000);
      const b = await getBenchmark(w.ctx, ent, id);
      const g = b.groups[0]!;
      expect(g.available).toBe(true);
      expect(g.peers).toBe('5–9');
      // Peer totals 1, 2, 3, 4, 4.5: quartiles (inclusive) 2, 3, 4.
      expect(g.total).toEqual({ q1: '2.00', median: '3.00', q3: '4.00' });
      const mine = Number(b.total);
      expect(g.percentile).toBe(Math.round(([1, 2, 3, 4, 4.5].filter((x) => x < mine).length / 5) * 100));
      expect(g.domains!.find((d) => d.id === 'organization')).toMatchObject({
        q1: '2.00',
        median: '3.00',
        q3: '4.00',
      });
      const text = JSON.stringify(b);
      expect(text).not.toMatch(/同业企业|peer-/);
    },
  );

  it(
    'what-if under the test version: the sealed result does not change; added and reworded requirements need a new grade',
    { timeout: 120_000 },
    async () => {
      addModelDirectory(fileURLToPath(new URL('../testing/fixtures/models/', import.meta.url)));
      w = await makeServiceWorld(t());
      const { user: ent } = await w.enterprise('江西某铜矿业有限公司');
      const id = await w.publish(ent, lastYear);
      const before = await getAssessmentView(w.ctx, ent, id);
      const r = await whatIf(w.ctx, ent, id, 'nfm-dtmm-2025-test');
      expect(r.changes).toEqual({ added: 1, removed: 2, moved: 2, reworded: 3, weights: 2 });
      expect(r.current.total).toBe(before.headline!.total);
      expect(r.needsGrade.map((n) => `${n.id} ${n.reason}`).sort()).toEqual([
        'common.organization-building.S1.1 reworded',
        'common.process-management.S2.2 reworded',
        'mining.business-digitization.S5.4 reworded',
        'mining.data-driven-business.S3.3 added',
        'mining.digital-marketing.S2.1 reworded',
      ]);
      expect(r.needsGrade.find((n) => n.reason === 'added')!.text).toContain('选矿回收率');
      const after = await getAssessmentView(w.ctx, ent, id);
      expect(after.version).toBe(before.version);
      expect(after.seal).toEqual(before.seal);
      expect((await rejects(whatIf(w.ctx, ent, id, 'no-such-model'))).code).toBe('NOT_FOUND');
    },
  );

  it(
    'validity: listed for the enterprise and the body; reminders go out once each, the most urgent one',
    { timeout: 120_000 },
    async () => {
      w = await makeServiceWorld(t());
      const { user: ent } = await w.enterprise('江西某铜矿业有限公司');
      w.setNow('2025-06-01T02:00:00.000Z');
      const id = await w.publish(ent, lastYear);
      const [row] = await listValidity(w.ctx, ent);
      expect(row).toMatchObject({
        assessmentId: id,
        validUntil: '2028-05-31',
        reassessmentDue: '2028-02-29',
        state: 'valid',
      });
      expect((await listValidity(w.ctx, w.bodyAdmin)).map((r) => r.assessmentId)).toEqual([id]);
      expect(await sendDueReminders(w.ctx)).toEqual([]);
      w.setNow('2027-12-05T02:00:00.000Z'); // 86 days before the due date
      const sent: string[] = [];
      const channel = async (_trx: unknown, r: { kind: string }) => void sent.push(r.kind);
      await sendDueReminders(w.ctx, channel);
      await sendDueReminders(w.ctx, channel);
      expect(sent).toEqual(['due-90']);
      w.setNow('2028-06-02T02:00:00.000Z'); // found late: only the expiry notice
      await sendDueReminders(w.ctx, channel);
      expect(sent).toEqual(['due-90', 'expired']);
      expect((await listValidity(w.ctx, ent))[0]!.state).toBe('expired');
    },
  );

  it(
    'analytics: the body sees levels by industry, domain means, the weakest sub-domains and the trend; others do not',
    { timeout: 180_000 },
    async () => {
      w = await makeServiceWorld(t());
      const a = await w.enterprise('甲矿业');
      const b = await w.enterprise('乙冶炼', 'smelting');
      w.setNow('2024-05-01T02:00:00.000Z');
      await w.publish(a.user, lastYear);
      w.setNow('2025-05-01T02:00:00.000Z');
      await w.publish(b.user, thisYear, 'smelting');
      const all = await getAnalytics(w.ctx, w.bodyAdmin, {});
      expect(all.results).toBe(2);
      expect(all.years).toEqual([2024, 2025]);
      expect(all.trend.map((x) => [x.year, x.n])).toEqual([
        [2024, 1],
        [2025, 1],
      ]);
      expect(all.levelsByIndustry.map((r) => r.industry).sort()).toEqual(['mining', 'smelting']);
      expect(all.domainMeans.filter((d) => d.industry === 'all').length).toBe(8);
      expect(all.weakestUnits.length).toBe(8);
      expect(all.weakestUnits.map((u) => Number(u.mean))).toEqual(
        [...all.weakestUnits.map((u) => Number(u.mean))].sort((x, y) => x - y),
      );
      const y2025 = await getAnalytics(w.ctx, w.bodyAdmin, { year: 2025 });
      expect(y2025.results).toBe(1);
      expect(JSON.stringify(all)).not.toMatch(/甲矿业|乙冶炼/);
      expect((await rejects(getAnalytics(w.ctx, a.user, {}))).code).toBe('FORBIDDEN');
      const xlsx = await exportAnalytics(w.ctx, w.bodyAdmin, { format: 'xlsx' });
      const docx = await exportAnalytics(w.ctx, w.bodyAdmin, { format: 'docx' });
      for (const f of [xlsx, docx]) expect(f.buffer.subarray(0, 2).toString()).toBe('PK');
      expect(docx.filename).toBe('annual-summary-2025.docx');
    },
  );
});

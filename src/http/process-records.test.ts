/**
 * Section 4 records over HTTP, on both databases: required material and readiness (4.4 / 4.2.1), resubmission of
 * a rejected application (4.5.1), the briefing before formal scoring (4.5.2), evidence review, requests and
 * answers (4.5.2 / 4.6.2), findings and rectifications (4.5.3).
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { allItems, driveTo, makeWorld, multipart, type Client } from '../testing/http-world.js';

const TODAY = new Date().toISOString().slice(0, 10);

async function upload(c: Client, id: string, fields: Record<string, string>, file = true) {
  const m = multipart(fields, file ? { name: '材料.txt', content: '材料\n' } : undefined);
  return c.req('POST', `/api/assessments/${id}/evidence`, m.payload, m.headers);
}

async function version(c: Client, id: string): Promise<number> {
  return (await c.json('GET', `/api/assessments/${id}`)).version as number;
}

forEachDialect('section 4 records', (t) => {
  it('4.4 / 4.2.1 required material: readiness lists what is missing, submit refuses with the list', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'application', t());
      const ent = d.clients.ent1user!;
      const [r0, r5] = [d.requirementIds[0]!, d.requirementIds[5]!];
      await ent.json('PUT', `/api/assessments/${d.id}/self-scores/${encodeURIComponent(r5)}`, {
        value: '0.8',
        note: '已建成',
        expectedVersion: 0,
      });
      const before = await ent.json('GET', `/api/assessments/${d.id}/readiness`);
      expect(before).toEqual({
        ready: false,
        eligibility: [],
        missingAttachments: ['mid_long_term_plan', 'annual_goals', 'implementation_plan'],
        requirementsWithoutEvidence: [r5],
      });
      const refused = await ent.req('POST', `/api/assessments/${d.id}/transitions`, {
        command: { type: 'application.submit' },
        expectedVersion: await version(ent, d.id),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.params).toMatchObject({
        rule: 'application.readiness',
        missingAttachmentsCount: 3,
        requirementsWithoutEvidence: r5,
      });
      for (const kind of ['mid_long_term_plan', 'annual_goals', 'implementation_plan'])
        expect(
          (await upload(ent, d.id, { requirementId: r0, kind: 'submitted', attachmentKind: kind }))
            .statusCode,
        ).toBe(201);
      expect(
        (await upload(ent, d.id, { requirementId: r5, kind: 'submitted', note: '系统截图' }, false))
          .statusCode,
      ).toBe(201);
      expect((await ent.json('GET', `/api/assessments/${d.id}/readiness`)).ready).toBe(true);
      const ok = await ent.req('POST', `/api/assessments/${d.id}/transitions`, {
        command: { type: 'application.submit' },
        expectedVersion: await version(ent, d.id),
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().stage).toBe('submitted');
    } finally {
      await w.app.close();
    }
  });

  it('4.5.1 a rejected application is resubmitted as a new application, its evidence files copied', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'submitted', t());
      const ent = d.clients.ent1user!;
      const body = d.clients.body1admin!;
      await body.json('POST', `/api/assessments/${d.id}/transitions`, {
        command: { type: 'application.reject', reason: '材料不全' },
        expectedVersion: await version(body, d.id),
      });
      expect((await body.req('POST', `/api/assessments/${d.id}/resubmission`)).statusCode).toBe(403);
      const r = await ent.req('POST', `/api/assessments/${d.id}/resubmission`);
      expect(r.statusCode).toBe(201);
      const next = r.json();
      expect(next).toMatchObject({ stage: 'application', application: { previousAssessmentId: d.id } });
      const old = await allItems(ent, `/api/assessments/${d.id}/evidence?limit=200`);
      const copied = await allItems(ent, `/api/assessments/${next.id}/evidence?limit=200`);
      expect(copied.map((e: { note?: string }) => e.note).sort()).toEqual(
        old.map((e: { note?: string }) => e.note).sort(),
      );
      const file = copied.find((e: { url?: string }) => e.url);
      expect(file.url).toContain(next.id);
      expect((await ent.req('GET', file.url)).statusCode).toBe(200);
      // Only a rejected application can be resubmitted.
      expect((await ent.req('POST', `/api/assessments/${next.id}/resubmission`)).json().error.code).toBe(
        'INVALID_TRANSITION',
      );
    } finally {
      await w.app.close();
    }
  });

  it('4.5.2 briefing before formal scoring: scoring.open refuses until every member attended or is excused', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'evidence_collection', t());
      const leader = d.clients.x1!;
      const members = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'].map((k) => w.users[k]!);
      expect(
        (
          await upload(
            d.clients.x2!,
            d.id,
            { requirementId: d.requirementIds[1]!, kind: 'collected', method: 'interview', note: '座谈' },
            false,
          )
        ).statusCode,
      ).toBe(201);
      const open = async () =>
        leader.req('POST', `/api/assessments/${d.id}/transitions`, {
          command: { type: 'scoring.open' },
          expectedVersion: await version(leader, d.id),
        });
      expect((await open()).json().error.params.rule).toBe('scoring.briefing');
      const brief = async (attendees: string[], excused: { userId: string; reason: string }[]) =>
        leader.req('PUT', `/api/assessments/${d.id}/briefing`, {
          heldOn: TODAY,
          attendees,
          content: '讲解评估标准和打分规则',
          excused,
          expectedVersion: await version(leader, d.id),
        });
      expect((await brief(members.slice(0, 6), [])).statusCode).toBe(200);
      const refused = (await open()).json().error;
      expect(refused.params).toMatchObject({ rule: 'scoring.briefing.members', missing: members[6] });
      expect(
        (
          await d.clients.x2!.req('PUT', `/api/assessments/${d.id}/briefing`, {
            heldOn: TODAY,
            attendees: [],
            content: 'x',
            excused: [],
            expectedVersion: 0,
          })
        ).statusCode,
      ).toBe(403);
      const again = await brief(members.slice(0, 6), [{ userId: members[6]!, reason: '外出开会' }]);
      expect(again.json().briefing).toMatchObject({
        version: 2,
        excused: [{ userId: members[6], reason: '外出开会' }],
      });
      expect((await open()).json().stage).toBe('scoring');
    } finally {
      await w.app.close();
    }
  });

  it('4.5.2 / 4.6.2 evidence review and requests: the team asks, the enterprise answers on the request', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'scoring', t());
      const [ent, leader, x2] = [d.clients.ent1user!, d.clients.x1!, d.clients.x2!];
      const rid = d.requirementIds[0]!;
      const evidence = await allItems(ent, `/api/assessments/${d.id}/evidence?kind=submitted&limit=200`);
      const item = evidence.find(
        (e: { requirementId: string; kind: string }) => e.requirementId === rid && e.kind === 'submitted',
      );
      const reviewUrl = `/api/assessments/${d.id}/evidence/${item.id}/review`;
      expect((await ent.req('PUT', reviewUrl, { outcome: 'accepted' })).statusCode).toBe(403);
      const noReason = await x2.req('PUT', reviewUrl, { outcome: 'rejected' });
      expect(noReason.json().error.params.rule).toBe('evidence.review.reason');
      expect(
        await x2.json('PUT', reviewUrl, { outcome: 'needs_more', reason: '缺少近三个月运行记录' }),
      ).toMatchObject({
        outcome: 'needs_more',
        version: 1,
      });
      // After collection the enterprise supplies material only on an open request.
      const early = await upload(ent, d.id, { requirementId: rid, kind: 'submitted', note: '运行记录' });
      expect(early.json().error.params.rule).toBe('evidence.upload.request');
      const request = await leader.req('POST', `/api/assessments/${d.id}/evidence-requests`, {
        requirementIds: [rid],
        message: '请提供生产管控系统近三个月运行记录',
        dueDate: '2099-12-31',
      });
      expect(request.statusCode).toBe(201);
      const rq = request.json();
      const up = await upload(ent, d.id, { requirementId: rid, kind: 'submitted', note: '运行记录' });
      expect(up.statusCode).toBe(201);
      const answered = await ent.json('POST', `/api/assessments/${d.id}/evidence-requests/${rq.id}/answer`, {
        note: '已上传运行记录',
        evidenceIds: [up.json().id],
      });
      expect(answered.answer).toMatchObject({ evidenceIds: [up.json().id], note: '已上传运行记录' });
      const view = await leader.json('GET', `/api/assessments/${d.id}/evidence-review`);
      expect(view.byRequirement[rid]).toMatchObject({ needsMore: 1, openRequestIds: [] });
      expect(view.requests).toHaveLength(1);
      const again = await ent.req('POST', `/api/assessments/${d.id}/evidence-requests/${rq.id}/answer`, {
        note: '再次',
        evidenceIds: [],
      });
      expect(again.json().error.code).toBe('LOCKED');
      const audit = await allItems(leader, `/api/assessments/${d.id}/audit?limit=100`, 'afterSeq');
      expect(audit.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['evidence.review', 'evidence.request', 'evidence.answer']),
      );
    } finally {
      await w.app.close();
    }
  });

  it('4.5.3 pre-assessment findings: recorded by the team, rectified by the enterprise, closed by the team', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'evidence_collection', t());
      const [ent, leader, x2] = [d.clients.ent1user!, d.clients.x1!, d.clients.x2!];
      const rid = d.requirementIds[2]!;
      expect(
        (
          await ent.req('POST', `/api/assessments/${d.id}/findings`, {
            kind: 'pre_assessment',
            requirementIds: [rid],
            evidenceIds: [],
            text: 'x',
            severity: 'minor',
          })
        ).statusCode,
      ).toBe(403);
      const f = await x2.json('POST', `/api/assessments/${d.id}/findings`, {
        kind: 'pre_assessment',
        requirementIds: [rid],
        evidenceIds: [],
        text: '设备点检仍以纸质记录为主',
        severity: 'major',
      });
      expect(f).toMatchObject({ status: 'open', version: 1 });
      const fixed = await ent.json('POST', `/api/assessments/${d.id}/findings/${f.id}/rectification`, {
        text: '已上线设备点检系统',
        evidenceIds: [],
      });
      expect(fixed).toMatchObject({
        status: 'rectified',
        version: 2,
        rectification: { text: '已上线设备点检系统' },
      });
      const stale = await leader.req('PATCH', `/api/assessments/${d.id}/findings/${f.id}`, {
        status: 'closed',
        expectedVersion: 1,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.current).toMatchObject({ id: f.id, version: 2 });
      const closed = await leader.json('PATCH', `/api/assessments/${d.id}/findings/${f.id}`, {
        status: 'closed',
        expectedVersion: 2,
      });
      expect(closed.status).toBe('closed');
      expect(await ent.json('GET', `/api/assessments/${d.id}/findings`)).toEqual([closed]);
    } finally {
      await w.app.close();
    }
  });

  it('4.6.3 组内评审: the team score of a widely spread requirement waits for the recorded group review', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'consensus', t());
      const [leader, x2] = [d.clients.x1!, d.clients.x2!];
      const view = await leader.json('GET', `/api/assessments/${d.id}/consensus`);
      expect(view.groupReviewSpreadTenths).toBe(5);
      type Item = {
        requirementId: string;
        rangeTenths: number;
        needsGroupReview: boolean;
        distinct: string[];
      };
      const items = view.items as Item[];
      const needing = items.filter((i) => i.needsGroupReview);
      expect(needing.length).toBeGreaterThan(0);
      for (const i of items) expect(i.needsGroupReview).toBe(i.rangeTenths >= 5);
      const rid = needing[0]!.requirementId;
      const enc = encodeURIComponent(rid);
      const team = { value: needing[0]!.distinct[0], rationale: '评估组合议', expectedVersion: 0 };
      const refused = await leader.req('PUT', `/api/assessments/${d.id}/consensus/${enc}`, team);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.params).toMatchObject({
        rule: 'consensus.group_review',
        requirementId: rid,
      });
      // The bulk recording refuses as a whole while one of its items waits for a review…
      const bulkRefused = await leader.req('PUT', `/api/assessments/${d.id}/consensus`, {
        items: [{ requirementId: rid, ...team }],
      });
      expect(bulkRefused.json().error.params).toMatchObject({ rule: 'consensus.group_review' });
      // …and accepting requirements below the threshold still works in one action.
      const calm = items.filter((i) => !i.needsGroupReview).slice(0, 3);
      expect(calm.length).toBeGreaterThan(0);
      const bulk = await leader.req('PUT', `/api/assessments/${d.id}/consensus`, {
        items: calm.map((i) => ({ requirementId: i.requirementId, ...team, value: i.distinct[0] })),
      });
      expect(bulk.statusCode).toBeLessThan(300);
      const review = {
        outcome: '组内评审：复核设备联网率台账后统一意见',
        participants: [w.users.x1, w.users.x2],
        note: '专家二保留意见',
      };
      expect((await x2.req('PUT', `/api/assessments/${d.id}/group-reviews/${enc}`, review)).statusCode).toBe(
        403,
      );
      const bad = await leader.req('PUT', `/api/assessments/${d.id}/group-reviews/${enc}`, {
        ...review,
        participants: [w.users.x1!, w.users.other!],
      });
      expect(bad.json().error.params).toMatchObject({ rule: 'group_review.team' });
      const notNeeded = await leader.req(
        'PUT',
        `/api/assessments/${d.id}/group-reviews/${encodeURIComponent(calm[0]!.requirementId)}`,
        review,
      );
      expect(notNeeded.json().error.params).toMatchObject({ rule: 'group_review.not_needed' });
      // Several reviews of one meeting at once: all or nothing — one item not needing a review refuses the batch…
      const others = needing.slice(1, 3);
      expect(others.length).toBe(2);
      const batch = (list: Item[]) => ({
        items: list.map((i) => ({ requirementId: i.requirementId, ...review })),
      });
      const mixed = await leader.req(
        'PUT',
        `/api/assessments/${d.id}/group-reviews`,
        batch([...others, calm[0]!]),
      );
      expect(mixed.json().error.params).toMatchObject({ rule: 'group_review.not_needed' });
      const untouched = await leader.json('GET', `/api/assessments/${d.id}/consensus`);
      for (const o of others)
        expect(untouched.items.find((i: Item) => i.requirementId === o.requirementId).groupReview).toBeNull();
      expect((await x2.req('PUT', `/api/assessments/${d.id}/group-reviews`, batch(others))).statusCode).toBe(
        403,
      );
      // …and the leader's batch records each, as the single route would.
      expect(
        (await leader.req('PUT', `/api/assessments/${d.id}/group-reviews`, batch(others))).statusCode,
      ).toBe(200);
      const reviewed = await leader.json('GET', `/api/assessments/${d.id}/consensus`);
      for (const o of others)
        expect(
          reviewed.items.find((i: Item) => i.requirementId === o.requirementId).groupReview,
        ).toMatchObject({
          outcome: review.outcome,
          participants: review.participants,
          version: 1,
        });
      const item = await leader.json('PUT', `/api/assessments/${d.id}/group-reviews/${enc}`, review);
      expect(item).toMatchObject({
        requirementId: rid,
        needsGroupReview: true,
        groupReview: {
          outcome: review.outcome,
          participants: review.participants,
          note: review.note,
          version: 1,
        },
      });
      expect((await leader.req('PUT', `/api/assessments/${d.id}/consensus/${enc}`, team)).statusCode).toBe(
        200,
      );
      const after = await x2.json('GET', `/api/assessments/${d.id}/consensus`);
      expect(after.items.find((i: Item) => i.requirementId === rid).groupReview.recordedBy).toBe(w.users.x1);
      const actions: string[] = [];
      for (let afterSeq: string | undefined = '0'; afterSeq !== undefined;) {
        const page: { items: { action: string }[]; nextCursor?: string } = await leader.json(
          'GET',
          `/api/assessments/${d.id}/audit?limit=100&afterSeq=${afterSeq}`,
        );
        actions.push(...page.items.map((e) => e.action));
        afterSeq = page.nextCursor;
      }
      // One audit entry per review, the batch's included.
      expect(actions.filter((a) => a === 'group_review.record')).toHaveLength(3);
    } finally {
      await w.app.close();
    }
  });
});

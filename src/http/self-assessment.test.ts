/**
 * 4.4: the enterprise's self-assessment is part of its application. The draft is its own; once submitted the
 * assessment body and the team read it beside their own work (the expert sees the enterprise's grade and note
 * next to each requirement) — src/process/visibility.ts canSeeSelfAssessment.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { driveTo, login, makeWorld } from '../testing/http-world.js';

forEachDialect('self-assessment visibility', (t) => {
  it('4.4 the self-assessment is shared with the body and the team once submitted, never as a draft', async () => {
    const w = await makeWorld(t());
    try {
      const d = await driveTo(w, 'application', t());
      const ent = d.clients.ent1user!;
      const rid = d.requirementIds[0]!;
      await ent.json('PUT', `/api/assessments/${d.id}/self-scores/${encodeURIComponent(rid)}`, {
        value: '0.8',
        note: 'MES 已覆盖主要产线',
        expectedVersion: 0,
      });
      const url = `/api/assessments/${d.id}/self-scores/submitted`;
      expect((await ent.req('GET', url)).statusCode).toBe(200);
      const draft = await d.clients.body1admin!.req('GET', url);
      expect(draft.statusCode).toBe(403);
      expect(draft.json().error.params.rule).toBe('self_not_submitted');

      const submitted = await driveTo(w, 'scoring', t());
      const url2 = `/api/assessments/${submitted.id}/self-scores/submitted`;
      const own = await submitted.clients.ent1user!.json(
        'GET',
        `/api/assessments/${submitted.id}/self-scores`,
      );
      for (const who of ['body1admin', 'x1', 'x2', 'ent1user']) {
        const r = await submitted.clients[who]!.req('GET', url2);
        expect(r.statusCode, who).toBe(200);
        expect(r.json(), who).toEqual(own);
      }
      for (const who of ['ent2user', 'body2admin', 'x8']) {
        const r = await (await login(w, who)).req('GET', url2);
        expect(r.statusCode, who).toBe(404);
      }
      // The enterprise's own sheet endpoint stays its own.
      expect(
        (await submitted.clients.x2!.req('GET', `/api/assessments/${submitted.id}/self-scores`)).statusCode,
      ).toBe(403);
    } finally {
      await w.app.close();
    }
  });
});

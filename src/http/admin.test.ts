/**
 * Administration through HTTP: the expert pool (4.2.2 — disciplines, training validity, declared interests,
 * workload) as each administrator may see it, and the organisations an expert can declare interests with.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { allItems, driveTo, login, makeWorld } from '../testing/http-world.js';

interface PoolEntry {
  user: { id: string; displayName: string };
  orgName: string;
  trainingValidUntil: string | null;
  conflicts: { enterpriseOrgId: string }[];
  enterpriseNames: Record<string, string>;
  load: number;
}

forEachDialect('administration', (t) => {
  it('4.2.2 expert pool: the platform admin sees every expert, a body admin its own body’s, with training, declared interests and workload', async () => {
    const w = await makeWorld(t());
    try {
      await driveTo(w, 'planning', t());
      const x8 = await login(w, 'x8');
      const profile = await x8.json('GET', `/api/users/${w.users.x8}/expert-profile`);
      // An expert declares an interest with an enterprise: the enterprises are listed for them.
      const orgs: { id: string; kind: string }[] = await allItems(x8, '/api/orgs?limit=200');
      expect(orgs.some((o) => o.id === w.ent2)).toBe(true);
      const put = await x8.req('PUT', `/api/users/${w.users.x8}/expert-profile`, {
        trainingValidUntil: profile.trainingValidUntil,
        conflicts: [{ enterpriseOrgId: w.ent2, kind: 'consulting', description: '2025 年咨询项目' }],
        expectedVersion: profile.version,
      });
      expect(put.statusCode).toBe(200);

      const platform: PoolEntry[] = await (await login(w, 'platform')).json('GET', '/api/experts');
      const names = platform.map((e) => e.user.displayName).sort();
      expect(names).toEqual(['other', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8']);

      const body1: PoolEntry[] = await (await login(w, 'body1admin')).json('GET', '/api/experts');
      expect(body1.map((e) => e.user.displayName).sort()).toEqual([
        'x1',
        'x2',
        'x3',
        'x4',
        'x5',
        'x6',
        'x7',
        'x8',
      ]);
      const byName = new Map(body1.map((e) => [e.user.displayName, e]));
      expect(byName.get('x1')).toMatchObject({
        load: 1,
        trainingValidUntil: '2099-12-31',
        orgName: '评估机构一',
      });
      expect(byName.get('x8')).toMatchObject({ load: 0, enterpriseNames: { [w.ent2]: '乙铝业' } });
      expect(byName.get('x8')!.conflicts).toHaveLength(1);

      const body2: PoolEntry[] = await (await login(w, 'body2admin')).json('GET', '/api/experts');
      expect(body2.map((e) => e.user.displayName)).toEqual(['other']);

      for (const who of ['x1', 'ent1user']) {
        const r = await (await login(w, who)).req('GET', '/api/experts');
        expect(r.statusCode, who).toBe(403);
      }
      // An enterprise user still sees only the bodies and its own enterprise.
      const entOrgs: { id: string }[] = await allItems(await login(w, 'ent1user'), '/api/orgs?limit=200');
      expect(entOrgs.map((o) => o.id).sort()).toEqual([w.body1, w.body2, w.ent1].sort());
    } finally {
      await w.app.close();
    }
  });
});

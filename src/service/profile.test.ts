/**
 * Issue 13, clause 4.6.4 — the enterprise profile (size, sub-sector, region, ownership) on both databases: lists
 * kept as data, the profile's round trip through the admin use cases, validation naming the field, who may set
 * it, peerDimensionsOf reading it, and the benchmark grouping by sub-sector where 5 peers share it.
 */
import { describe, expect, it } from 'vitest';
import { PROFILE_LISTS, profileLabel } from '../model/profile.js';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld, type ServiceWorld } from '../testing/service-world.js';
import { savePublishedResult } from '../store/repos/published.js';
import { createOrganisation, listOrganisations, updateOrganisationProfile } from './admin.js';
import { getBenchmark } from './benchmark.js';
import { ServiceError } from './errors.js';
import { peerDimensionsOf } from './peer-dimensions.js';
import { prepareReport } from './report-renders.js';
import { reportDataOf } from '../reports/render.js';
import type { ScoreValue } from '../model/grades.js';

async function rejects(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a ServiceError');
}

describe('4.6.4 the profile lists are data with Chinese and English labels', () => {
  it('size, sub-sector, region (34 provincial-level divisions), ownership', () => {
    expect(PROFILE_LISTS.size.map((o) => o.zh)).toEqual(['大型', '中型', '小型', '微型']);
    expect(PROFILE_LISTS.ownership.map((o) => o.zh)).toEqual(['国有', '民营', '外资', '混合所有制']);
    expect(PROFILE_LISTS.subSector.map((o) => o.zh)).toEqual(
      expect.arrayContaining(['铜', '铝', '铅锌', '镍钴', '锡锑汞', '钨钼', '稀土', '贵金属', '其他']),
    );
    expect(PROFILE_LISTS.region).toHaveLength(34);
    expect(profileLabel('region', 'jiangxi')).toBe('江西省');
    expect(profileLabel('subSector', 'rare_earth', 'en')).toBe('Rare earths');
    for (const list of Object.values(PROFILE_LISTS)) {
      expect(new Set(list.map((o) => o.code)).size).toBe(list.length);
      for (const o of list) expect(o.zh && o.en).toBeTruthy();
    }
  });
});

forEachDialect('4.6.4 enterprise profile', (t) => {
  let w: ServiceWorld;
  it('4.6.4 profile round trip: created with a profile, changed, cleared; read back by the list', async () => {
    w = await makeServiceWorld(t());
    const admin = await w.platformAdmin();
    const org = await createOrganisation(w.ctx, admin, {
      kind: 'enterprise',
      name: '江西铜业某矿山有限公司',
      industry: 'mining',
      profile: { size: 'large', subSector: 'copper', region: 'jiangxi', ownership: 'state_owned' },
    });
    expect(org.profile).toEqual({
      size: 'large',
      subSector: 'copper',
      region: 'jiangxi',
      ownership: 'state_owned',
    });
    const changed = await updateOrganisationProfile(w.ctx, admin, org.id, {
      size: 'medium',
      ownership: null,
      expectedVersion: org.version,
    });
    expect(changed.profile).toEqual({
      size: 'medium',
      subSector: 'copper',
      region: 'jiangxi',
      ownership: null,
    });
    expect(changed.version).toBe(org.version + 1);
    const listed = (await listOrganisations(w.ctx, admin, { ids: [org.id] })).items[0]!;
    expect(listed.profile).toEqual(changed.profile);
    // A stale version is refused.
    const stale = await rejects(
      updateOrganisationProfile(w.ctx, admin, org.id, { size: 'small', expectedVersion: org.version }),
    );
    expect(stale.code).toBe('VERSION_CONFLICT');
    // A body has no profile (ignored on create, refused on update).
    const body = await createOrganisation(w.ctx, admin, {
      kind: 'body',
      name: '某评估中心',
      profile: { size: 'large' },
    });
    expect(body.profile.size).toBeNull();
    const e = await rejects(
      updateOrganisationProfile(w.ctx, admin, body.id, { size: 'large', expectedVersion: 1 }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.extra.params).toMatchObject({ rule: 'profileKind' });
  });

  it('4.6.4 a code not on its list is a VALIDATION error naming the field', async () => {
    w = await makeServiceWorld(t());
    const admin = await w.platformAdmin();
    const { orgId } = await w.enterprise('某铝业有限公司', 'smelting');
    const e = await rejects(
      updateOrganisationProfile(w.ctx, admin, orgId, { subSector: 'steel', expectedVersion: 1 }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.extra.field).toBe('body.subSector');
    expect(e.extra.params).toMatchObject({ rule: 'profileCode', value: 'steel', list: 'subSector' });
    const c = await rejects(
      createOrganisation(w.ctx, admin, {
        kind: 'enterprise',
        name: '某企业',
        industry: 'mining',
        profile: { region: '江西' },
      }),
    );
    expect(c.extra.field).toBe('body.profile.region');
  });

  it('4.6.4 the enterprise sets its own profile; not another enterprise’s, nor the body', async () => {
    w = await makeServiceWorld(t());
    const a = await w.enterprise('甲铜业');
    const b = await w.enterprise('乙铝业');
    const own = await updateOrganisationProfile(w.ctx, a.user, a.orgId, {
      size: 'large',
      subSector: 'copper',
      expectedVersion: 1,
    });
    expect(own.profile.subSector).toBe('copper');
    for (const caller of [b.user, w.bodyAdmin, w.experts[0]!]) {
      const e = await rejects(
        updateOrganisationProfile(w.ctx, caller, a.orgId, { size: 'small', expectedVersion: 2 }),
      );
      expect(e.code).toBe('FORBIDDEN');
    }
  });

  it('4.6.4 peerDimensionsOf returns the sub-sector and size of the profile (null where not recorded)', async () => {
    w = await makeServiceWorld(t());
    const a = await w.enterprise('甲铜业');
    expect(await peerDimensionsOf(w.ctx.db, a.orgId)).toEqual({ subSector: null, size: null });
    await updateOrganisationProfile(w.ctx, a.user, a.orgId, {
      size: 'medium',
      subSector: 'copper',
      region: 'jiangxi',
      expectedVersion: 1,
    });
    expect(await peerDimensionsOf(w.ctx.db, a.orgId)).toEqual({ subSector: 'copper', size: 'medium' });
    expect(await peerDimensionsOf(w.ctx.db, 'no-such-org')).toEqual({ subSector: null, size: null });
  });

  it(
    'benchmark by sub-sector where 5 peers share it, by industry only otherwise (k = 5)',
    { timeout: 180_000 },
    async () => {
      w = await makeServiceWorld(t());
      const ent = await w.enterprise('江西某铜矿业有限公司');
      await updateOrganisationProfile(w.ctx, ent.user, ent.orgId, {
        size: 'large',
        subSector: 'copper',
        region: 'jiangxi',
        ownership: 'state_owned',
        expectedVersion: 1,
      });
      const grade = (rid: string, j: number): ScoreValue => {
        const l = Number(/\.S([1-5])\./.exec(rid)?.[1] ?? 3);
        return l <= 2 ? '1' : l === 3 ? (j % 2 ? '0.5' : '0.8') : '0';
      };
      const id = await w.publish(ent.user, grade);
      // The plan's advice gets the profile (4.6.4: size and sub-sector; region and ownership as text).
      const { request } = await prepareReport(w.ctx, ent.user, id);
      expect('assessment' in request && request.profile).toEqual({
        size: 'large',
        subSector: '铜',
        description: '地处江西省，国有企业',
      });
      const report = JSON.stringify(reportDataOf(request));
      expect(report).toContain('已按企业规模调整各等级的投入系数');
      expect(report).toContain('大型企业');
      const addPeer = async (
        i: number,
        subSector: string | null,
        size: string | null,
        totalMicro = 1_000_000 * i,
      ) => {
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
              sub_sector: subSector,
              size,
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
              { kind: 'domain', key: 'organization', scoreMicro: totalMicro },
            ],
          ),
        );
      };
      // The published result recorded the profile's sub-sector and size: groups by industry, sub-sector, size.
      const dims = (await getBenchmark(w.ctx, ent.user, id)).groups.map((g) => [g.dimension, g.value]);
      expect(dims).toEqual([
        ['industry', '采选'],
        ['subSector', '铜'],
        ['size', '大型'],
      ]);
      // 4 copper peers and 1 aluminium one: the industry group (5) shows, the copper group (4) falls back.
      for (let i = 1; i <= 4; i++) await addPeer(i, 'copper', i === 1 ? 'large' : 'medium');
      await addPeer(5, 'aluminium', 'large', 3_500_000);
      let b = await getBenchmark(w.ctx, ent.user, id);
      expect(b.groups.map((g) => [g.dimension, g.available])).toEqual([
        ['industry', true],
        ['subSector', false],
        ['size', false],
      ]);
      // A 5th copper peer: the sub-sector group shows, with its own quartiles (totals 1, 2, 3, 4, 4.5).
      await addPeer(6, 'copper', null, 4_500_000);
      b = await getBenchmark(w.ctx, ent.user, id);
      const sub = b.groups.find((g) => g.dimension === 'subSector')!;
      expect(sub).toMatchObject({
        available: true,
        peers: '5–9',
        total: { q1: '2.00', median: '3.00', q3: '4.00' },
      });
      expect(b.groups.find((g) => g.dimension === 'size')!.available).toBe(false);
      expect(JSON.stringify(b)).not.toMatch(/同业企业|peer-/);
    },
  );
});

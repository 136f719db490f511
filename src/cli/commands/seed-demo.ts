/**
 * `dtma seed-demo`: a demonstration database — an assessment body, an enterprise per industry, users of every
 * role, and assessments in several stages with believable scores (seeded random grades biased by each
 * enterprise's maturity and by level: higher levels are met less often) and evidence files.
 *
 * Demo users (password for all: DEMO_PASSWORD):
 *   platform@dtma.demo (platform admin), body@dtma.demo (body admin), expert1..8@dtma.demo (experts; expert1
 *   leads), mining@ / smelting@ / processing@ / processing2@dtma.demo (enterprise users).
 * Refuses to run twice (the demo users exist), with a message.
 */
import path from 'node:path';
import { buildApp } from '../../http/app.js';
import { advance, createAssessment, loginAs, type Client, type DriveSpec } from '../../http/driver.js';
import { DISCIPLINES, type ScoreValue, type Stage } from '../../process/types.js';
import { seededRng } from '../../scoring/random.js';
import { openDatabase } from '../../store/db.js';
import { DEFAULT_EVIDENCE_DIR, FsEvidenceStorage } from '../../store/files.js';
import { hashPassword, type PasswordCost } from '../../store/passwords.js';
import { createOrganisation } from '../../store/repos/organisations.js';
import { createUser, getUserByEmail } from '../../store/repos/users.js';
import { nowIso } from '../../store/util.js';
import { CommandError } from './server.js';

export const DEMO_PASSWORD = 'dtma-demo-2025';
const MODEL = 'nfm-dtmm-2024-draft';

interface DemoEnterprise {
  key: string;
  name: string;
  industry: 'mining' | 'smelting' | 'processing';
  maturity: number;
  target: Stage;
}

const ENTERPRISES: DemoEnterprise[] = [
  { key: 'mining', name: '江西某铜矿业有限公司', industry: 'mining', maturity: 0.72, target: 'published' },
  { key: 'smelting', name: '云南某铝冶炼有限公司', industry: 'smelting', maturity: 0.55, target: 'scoring' },
  {
    key: 'processing',
    name: '洛阳某铜加工有限公司',
    industry: 'processing',
    maturity: 0.45,
    target: 'planning',
  },
  {
    key: 'processing2',
    name: '包头某稀土材料有限公司',
    industry: 'processing',
    maturity: 0.35,
    target: 'application',
  },
];

function levelOf(requirementId: string): number {
  const m = /\.S([1-5])\./.exec(requirementId);
  return m ? Number(m[1]) : 3;
}

/** A grade: the enterprise's maturity, lower at higher levels, plus the expert's own noise. */
function grade(rng: () => number, maturity: number, requirementId: string): ScoreValue {
  const p = maturity + 0.25 - (levelOf(requirementId) - 1) * 0.17 + (rng() - 0.5) * 0.35;
  return p > 0.75 ? '1' : p > 0.5 ? '0.8' : p > 0.25 ? '0.5' : '0';
}

export async function seedDemo(print: (t: string) => void, options: { passwordCost?: PasswordCost } = {}) {
  const handle = await openDatabase({ migrate: true });
  try {
    if (await getUserByEmail(handle.db, 'platform@dtma.demo')) {
      throw new CommandError(
        'the demo data is already there (user platform@dtma.demo exists); seed-demo runs once on a database — ' +
          'use a fresh DATABASE_URL to seed again',
      );
    }
    const sys = { userId: null, label: 'seed-demo' };
    const hash = await hashPassword(DEMO_PASSWORD, options.passwordCost);
    const body = await createOrganisation(handle.db, sys, {
      kind: 'body',
      name: '中国有色金属工业数字化评估中心（示例）',
    });
    const user = (
      email: string,
      displayName: string,
      org: string | null,
      roles: string[],
      disciplines: string[] = [],
    ) =>
      createUser(handle.db, sys, {
        email,
        displayName,
        organisationId: org,
        roles,
        disciplines,
        passwordHash: hash,
      });
    await user('platform@dtma.demo', '平台管理员', null, ['platform_admin']);
    await user('body@dtma.demo', '评估机构管理员', body.id, ['body_admin']);
    for (let i = 1; i <= 8; i++) {
      const u = await user(
        `expert${i}@dtma.demo`,
        `专家${i}`,
        body.id,
        ['expert'],
        [DISCIPLINES[(i - 1) % DISCIPLINES.length]!],
      );
      await handle.db
        .insertInto('expert_profiles')
        .values({
          user_id: u.id,
          training_valid_until: '2030-12-31',
          conflicts: '[]',
          version: 1,
          updated_at: nowIso(),
        })
        .execute();
    }
    const enterprises: Record<string, string> = {};
    for (const e of ENTERPRISES) {
      const org = await createOrganisation(handle.db, sys, {
        kind: 'enterprise',
        name: e.name,
        industry: e.industry,
      });
      enterprises[e.key] = org.id;
      await user(`${e.key}@dtma.demo`, `${e.name}联系人`, org.id, ['enterprise_user']);
    }
    const storage = new FsEvidenceStorage(process.env.DTMA_EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
    const app = await buildApp({ db: handle.db, storage, config: { webDist: null, secureCookies: false } });
    try {
      const login = (email: string) => loginAs(app, email, DEMO_PASSWORD);
      const bodyAdmin = await login('body@dtma.demo');
      const experts: Client[] = [];
      for (let i = 1; i <= 7; i++) experts.push(await login(`expert${i}@dtma.demo`));
      for (const [n, e] of ENTERPRISES.entries()) {
        const rngs = experts.map((_, i) => seededRng(1000 * (n + 1) + i));
        const spec: DriveSpec = {
          modelId: MODEL,
          industry: e.industry,
          bodyOrgId: body.id,
          enterprise: await login(`${e.key}@dtma.demo`),
          bodyAdmin,
          experts,
          score: (i, rid) => grade(rngs[i]!, e.maturity, rid),
        };
        const d = await createAssessment(spec);
        // The enterprise's self-assessment: a little more optimistic than the experts.
        const selfRng = seededRng(77 + n);
        for (const rid of d.requirementIds.slice(0, 40)) {
          await spec.enterprise.json(
            'PUT',
            `/api/assessments/${d.id}/self-scores/${encodeURIComponent(rid)}`,
            {
              value: grade(selfRng, Math.min(1, e.maturity + 0.1), rid),
              note: '自评',
              expectedVersion: 0,
            },
          );
        }
        await advance(spec, d, 'application', e.target);
        if (e.target === 'scoring') {
          // Scoring in progress: three experts have scored part of their sheet.
          for (const [i, c] of experts.slice(0, 3).entries()) {
            const writes = d.requirementIds.slice(0, 60 + 40 * i).map((rid) => ({
              requirementId: rid,
              value: grade(rngs[i]!, e.maturity, rid),
              note: '依据现场证据',
              expectedVersion: 0,
            }));
            await c.json('PUT', `/api/assessments/${d.id}/scores/mine`, { writes });
          }
        }
        print(`${e.name}: assessment ${d.id} (${e.industry}) at stage ${e.target}`);
      }
    } finally {
      await app.close();
    }
    print(
      `demo users (password ${DEMO_PASSWORD}): platform@dtma.demo, body@dtma.demo, expert1..8@dtma.demo, ` +
        ENTERPRISES.map((e) => `${e.key}@dtma.demo`).join(', ') +
        `; database: ${handle.dialect} ${path.relative(process.cwd(), handle.location) || handle.location}`,
    );
  } finally {
    await handle.close();
  }
}

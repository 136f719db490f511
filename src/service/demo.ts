/**
 * The demonstration database: an assessment body, an enterprise per industry, users of every role, and
 * assessments in several stages — made through the same use cases as users make them (the enterprise applies and
 * self-assesses, the body accepts and forms the team, the experts score …), with believable grades (seeded,
 * biased by each enterprise's maturity and by level) and what assessors write on site.
 *
 * Demo users (password for all: DEMO_PASSWORD): platform@dtma.demo (platform admin), body@dtma.demo (body
 * admin), expert1..8@dtma.demo (experts; expert1 leads), mining@ / smelting@ / processing@ /
 * processing2@dtma.demo (enterprise users).
 */
import { markReadCreatedBefore } from '../store/repos/notifications.js';
import { cloneAssessmentsTo } from '../store/clone.js';
import { loadModel } from '../model/load.js';
import { INDUSTRY_NAMES_ZH, type IndustryId } from '../model/types.js';
import { GRADES, type ScoreValue } from '../model/grades.js';
import { DISCIPLINES, type Stage } from '../process/types.js';
import { demoGrade, seededRng } from '../scoring/index.js';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { FsEvidenceStorage, type EvidenceStorage } from '../store/files.js';
import { hashPassword, type PasswordCost } from '../store/passwords.js';
import { saveExpertProfile } from '../store/repos/expert-profiles.js';
import type { OrganisationProfile } from '../model/profile.js';
import { createOrganisation } from '../store/repos/organisations.js';
import { createUser, getUserByEmail } from '../store/repos/users.js';
import type { Db } from '../store/util.js';
import { callerOf } from './auth.js';
import { createServiceContext, type Caller, type ServiceContext } from './context.js';
import { DEMO_EXPERT_NAMES as EXPERT_NAMES, reportSectionsFor, rationaleFor } from './demo-text.js';
import { advance, ELIGIBLE, startAssessment, type DriveSpec, type DriveText } from './drive.js';
import { planStepsOf } from './comparison.js';
import { OperatorError, withDatabase } from './operator.js';
import { confirmCarriedOver, startReassessment } from './reassessment.js';
import { demoOnSite } from './demo-site.js';
import { writeOwnScores, writeSelf } from './scores.js';

export const DEMO_PASSWORD = 'dtma-demo-2025';
const MODEL = 'nfm-dtmm-2024-draft';

interface DemoEnterprise {
  key: string;
  name: string;
  /** 统一社会信用代码 (made up, with a valid GB 32100 check character). */
  creditCode: string;
  contact: string;
  industry: IndustryId;
  /** The enterprise profile (4.6.4): codes of standard/enterprise-profile/profile-lists.json. */
  profile: OrganisationProfile;
  maturity: number;
  target: Stage;
  /** Published a year ago at this maturity; this year's assessment re-assesses it (issue 14). */
  lastYear?: number;
}

/**
 * Other mining enterprises with a result published in the past year: the peer group the mining enterprise's
 * benchmark compares with (k = 5 other enterprises, results-policy.json). Days ago, maturity.
 */
const PEERS: {
  key: string;
  name: string;
  creditCode: string;
  contact: string;
  profile: OrganisationProfile;
  daysAgo: number;
  maturity: number;
}[] = [
  {
    key: 'peer1',
    profile: { size: 'large', subSector: 'copper', region: 'anhui', ownership: 'state_owned' },
    name: '安徽某铜业矿山有限公司',
    creditCode: '91340700534640977J',
    contact: '王志刚',
    daysAgo: 300,
    maturity: 0.5,
  },
  {
    key: 'peer2',
    profile: { size: 'medium', subSector: 'lead_zinc', region: 'hunan', ownership: 'mixed' },
    name: '湖南某铅锌矿业有限公司',
    creditCode: '914310003024663324',
    contact: '李红梅',
    daysAgo: 240,
    maturity: 0.62,
  },
  {
    key: 'peer3',
    profile: { size: 'large', subSector: 'nickel_cobalt', region: 'gansu', ownership: 'state_owned' },
    name: '甘肃某镍钴矿业有限公司',
    creditCode: '91620300629923128G',
    contact: '马建军',
    daysAgo: 180,
    maturity: 0.8,
  },
  {
    key: 'peer4',
    profile: {
      size: 'medium',
      subSector: 'tungsten_molybdenum',
      region: 'inner_mongolia',
      ownership: 'private',
    },
    name: '内蒙古某钼业有限公司',
    creditCode: '911504009736694643',
    contact: '张宏伟',
    daysAgo: 120,
    maturity: 0.42,
  },
  {
    key: 'peer5',
    profile: { size: 'small', subSector: 'tin_antimony_mercury', region: 'guangxi', ownership: 'private' },
    name: '广西某锡矿业有限公司',
    creditCode: '91451200164808946J',
    contact: '黄丽',
    daysAgo: 60,
    maturity: 0.68,
  },
];
const DAY_MS = 86_400_000;

/** The demo's assessment body (a public institution: registration authority 1, type 2). */
const DEMO_BODY = { name: '中国有色金属工业数字化评估中心（示例）', creditCode: '121100008822048210' };

/** Every demo organisation's name and credit code (the test checks each against GB 32100). */
export function demoOrganisations(): { name: string; creditCode: string }[] {
  return [DEMO_BODY, ...ENTERPRISES, ...PEERS].map(({ name, creditCode }) => ({ name, creditCode }));
}

const ENTERPRISES: DemoEnterprise[] = [
  {
    key: 'mining',
    profile: { size: 'large', subSector: 'copper', region: 'jiangxi', ownership: 'state_owned' },
    name: '江西某铜矿业有限公司',
    creditCode: '913611001972223352',
    contact: '刘建国',
    industry: 'mining',
    maturity: 0.72,
    target: 'published',
    lastYear: 0.58,
  },
  {
    key: 'smelting',
    profile: { size: 'large', subSector: 'aluminium', region: 'yunnan', ownership: 'mixed' },
    name: '云南某铝冶炼有限公司',
    creditCode: '91530100819248653R',
    contact: '杨海涛',
    industry: 'smelting',
    maturity: 0.55,
    target: 'scoring',
  },
  {
    key: 'processing',
    profile: { size: 'medium', subSector: 'copper', region: 'henan', ownership: 'private' },
    name: '洛阳某铜加工有限公司',
    creditCode: '9141030022633920X7',
    contact: '陈晓燕',
    industry: 'processing',
    maturity: 0.45,
    target: 'planning',
  },
  {
    key: 'processing2',
    profile: { size: 'small', subSector: 'rare_earth', region: 'inner_mongolia', ownership: 'state_owned' },
    name: '包头某稀土材料有限公司',
    creditCode: '91150200590819357X',
    contact: '赵志强',
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
  return demoGrade(rng, maturity, levelOf(requirementId));
}

function textFor(e: DemoEnterprise): Partial<DriveText> {
  const industry = INDUSTRY_NAMES_ZH[e.industry];
  return {
    plan: (kind) => ({
      purpose:
        kind === 'pre'
          ? `核实${e.name}申报材料的真实性和完整性，了解企业数字化转型现状，确定正式评估的重点。`
          : `依据成熟度模型对${e.name}开展正式评估，形成评估结论和一企一策改造建议。`,
      scope: `${e.name}本部及下属${industry}生产单元、职能部门和信息化部门。`,
      tasks:
        kind === 'pre'
          ? ['审查申报材料和证据清单', '与企业确认评估范围和日程', '识别需要现场重点核查的能力子域']
          : ['分组核查各能力域证据', '现场查看生产单元和信息系统', '独立打分并组内合议', '编写评估报告'],
      methods: ['interview', 'site_visit', 'document_review', 'system_demo', 'data_check'],
      schedule:
        kind === 'pre'
          ? ['上午：首次会议及材料审查', '下午：座谈及预评估小结']
          : ['上午：首次会议', '下午：生产现场和信息系统核查'],
    }),
    firstMinutes:
      `首次会议在${e.name}召开。评估组长介绍评估目的、依据、方法和日程，企业介绍数字化转型总体情况；` +
      '双方确认评估范围、陪同人员和资料清单，就评估计划达成一致。',
    finalMinutes:
      '末次会议通报评估结论、优秀经验和短板不足，说明一企一策改造建议；企业表示认可评估结果，将据此制定下一年度实施方案。',
    submittedEvidence: {
      note: '数字化转型中长期规划（2024—2028 年）及 2025 年度实施方案',
      filename: `${e.name}数字化转型规划.txt`,
      content: `${e.name}数字化转型中长期规划（2024—2028 年）\n一、总体目标\n二、重点任务\n三、保障措施\n`,
    },
    collectedEvidence: { note: '与信息化部门、生产技术部座谈，核实 MES 和能源管控系统的覆盖范围。' },
    consensusRationale: '评估组合议：综合各专家意见及现场证据确定。',
    groupReviewOutcome:
      '组内评审：各专家评分差距较大，评估组逐条复核现场证据和访谈记录后，按多数意见确定得分，分歧专家意见记入合议记录。',
    report: ({ total, level }) => reportSectionsFor(e.name, industry, level, total),
  };
}

/** Seeds the demo data into `db` (with a fresh, migrated schema). Refuses when it is already there. */
export async function seedDemo(
  db: Db,
  storage: EvidenceStorage,
  print: (t: string) => void,
  options: { passwordCost?: PasswordCost } = {},
): Promise<void> {
  if (await getUserByEmail(db, 'platform@dtma.demo'))
    throw new OperatorError(
      'the demo data is already there (user platform@dtma.demo exists); seed-demo runs once on a database — ' +
        'use a fresh DATABASE_URL to seed again',
    );
  const opts = options.passwordCost ? { passwordCost: options.passwordCost } : {};
  const ctx = createServiceContext({ db, storage, options: opts });
  /** The use cases with the clock `days` back (earlier assessments happen then). */
  const daysAgo = (days: number) =>
    createServiceContext({
      db,
      storage,
      options: { ...opts, now: () => new Date(Date.now() - days * DAY_MS) },
    });
  const sys = { userId: null, label: 'seed-demo' };
  const hash = await hashPassword(DEMO_PASSWORD, options.passwordCost);
  const body = await createOrganisation(db, sys, {
    kind: 'body',
    ...DEMO_BODY,
  });
  const user = async (
    email: string,
    displayName: string,
    org: string | null,
    roles: string[],
    disciplines: string[] = [],
  ) =>
    callerOf(
      await createUser(db, sys, {
        email,
        displayName,
        organisationId: org,
        roles,
        disciplines,
        passwordHash: hash,
      }),
    );
  await user('platform@dtma.demo', '平台管理员', null, ['platform_admin']);
  const bodyAdmin = await user('body@dtma.demo', '评估中心管理员', body.id, ['body_admin']);
  const experts: Caller[] = [];
  for (let i = 1; i <= 8; i++) {
    const c = await user(
      `expert${i}@dtma.demo`,
      EXPERT_NAMES[i - 1]!,
      body.id,
      ['expert'],
      [DISCIPLINES[(i - 1) % DISCIPLINES.length]!],
    );
    await saveExpertProfile(db, sys, {
      userId: c.user.id,
      trainingValidUntil: '2030-12-31',
      conflicts: [],
      expectedVersion: 0,
    });
    if (i <= 7) experts.push(c);
  }
  const model = loadModel(MODEL);
  const domainOfRow = new Map<string, string>();
  for (const t of [model.common, ...Object.values(model.industries)])
    for (const r of t.rows) domainOfRow.set(r.id, r.domainId);
  const domainOf = (rid: string) => domainOfRow.get(rid.split('.')[1] ?? '') ?? '';

  for (const [n, e] of ENTERPRISES.entries()) {
    const org = await createOrganisation(db, sys, {
      kind: 'enterprise',
      name: e.name,
      creditCode: e.creditCode,
      industry: e.industry,
      profile: e.profile,
    });
    const enterprise = await user(`${e.key}@dtma.demo`, e.contact, org.id, ['enterprise_user']);
    const rngs = experts.map((_, i) => seededRng(1000 * (n + 1) + i));
    // The words are drawn apart from the grades, so the grades stay those of the report samples.
    const words = experts.map((_, i) => seededRng(5000 * (n + 1) + i));
    const spec: DriveSpec = {
      modelId: MODEL,
      industry: e.industry,
      bodyOrgId: body.id,
      enterprise,
      bodyAdmin,
      experts,
      grade: (i, rid) => grade(rngs[i]!, e.maturity, rid),
      rationale: (i, rid, g) => rationaleFor(domainOf(rid), g, Math.floor(words[i]!() * 1000)),
      form: {
        scope: `${e.name}全部生产单元及职能部门`,
        requestedLevel: e.maturity > 0.6 ? 4 : 3,
        contactName: e.contact,
        contactPhone: '0791-8888' + String(1000 + n),
      },
      text: textFor(e),
      onSite: (c, aid, rids) =>
        demoOnSite(c, aid, rids, {
          enterprise,
          leader: experts[0]!,
          expert: experts[1]!,
          enterpriseName: e.name,
        }),
    };
    const selfAssess = async (
      c: ServiceContext,
      id: string,
      rids: string[],
      maturity: number,
      version: number,
    ) => {
      // The enterprise's self-assessment: a little more optimistic than the experts.
      const selfRng = seededRng(77 + n + version * 13);
      for (const rid of rids) {
        const g = grade(selfRng, Math.min(1, maturity + 0.1), rid);
        await writeSelf(c, enterprise, id, rid, {
          value: g,
          note: rationaleFor(domainOf(rid), g, Math.floor(selfRng() * 1000)),
          expectedVersion: version,
        });
      }
    };
    let id: string;
    let requirementIds: string[];
    if (e.lastYear !== undefined) {
      // A year ago: the first assessment, published.
      const before = daysAgo(365);
      const lastRngs = experts.map((_, i) => seededRng(500 + i));
      const first = await startAssessment(before, {
        ...spec,
        grade: (i, rid) => grade(lastRngs[i]!, e.lastYear!, rid),
        today: new Date(Date.now() - 365 * DAY_MS).toISOString().slice(0, 10),
      });
      await selfAssess(before, first.id, first.requirementIds.slice(0, 40), e.lastYear, 0);
      await advance(
        before,
        { ...spec, grade: (i, rid) => grade(lastRngs[i]!, e.lastYear!, rid) },
        first.id,
        'application',
        'published',
      );
      print(`${e.name}: assessment ${first.id} (${e.industry}) published a year ago`);
      // This year: the re-assessment starts from it; the enterprise confirms what it carried over and updates
      // the self-assessment where things moved on.
      // Last year's 一企一策 plan runs over several years (near, mid, long term, in plan order): the enterprise
      // carried out most of its first part, whose requirements are fully met now.
      const steps = await planStepsOf(before, bodyAdmin, first.id);
      const done = new Set(steps.filter((_, k) => k < steps.length * 0.4 && k % 4 !== 3));
      const planned = spec.grade;
      spec.grade = (i, rid, j) => {
        // Drawn for every requirement, so the other grades stay those of the report samples.
        const g = planned(i, rid, j);
        return done.has(rid) ? GRADES[0]!.value : g;
      };
      const re = await startReassessment(ctx, enterprise, first.id, { eligibility: ELIGIBLE });
      await confirmCarriedOver(ctx, enterprise, re.id, { expectedVersion: re.version });
      await selfAssess(ctx, re.id, re.requirementIds.slice(0, 20), e.maturity, 1);
      id = re.id;
      requirementIds = re.requirementIds;
    } else {
      ({ id, requirementIds } = await startAssessment(ctx, spec));
      await selfAssess(ctx, id, requirementIds.slice(0, 40), e.maturity, 0);
    }
    await advance(ctx, spec, id, 'application', e.target);
    if (e.target === 'scoring') {
      // Scoring in progress: three experts have scored part of their sheet.
      for (const [i, c] of experts.slice(0, 3).entries()) {
        const writes = requirementIds.slice(0, 60 + 40 * i).map((rid) => {
          const value = grade(rngs[i]!, e.maturity, rid);
          return {
            requirementId: rid,
            value,
            note: rationaleFor(domainOf(rid), value, Math.floor(words[i]!() * 1000)),
            expectedVersion: 0,
          };
        });
        await writeOwnScores(ctx, c, id, { writes });
      }
    }
    print(`${e.name}: assessment ${id} (${e.industry}) at stage ${e.target}`);
  }
  // The mining enterprise's peers: published results of the past year (the benchmark's peer group).
  for (const [i, p] of PEERS.entries()) {
    const org = await createOrganisation(db, sys, {
      kind: 'enterprise',
      name: p.name,
      creditCode: p.creditCode,
      industry: 'mining',
      profile: p.profile,
    });
    const enterprise = await user(`mining-${p.key}@dtma.demo`, p.contact, org.id, ['enterprise_user']);
    const c = daysAgo(p.daysAgo);
    const rngs = experts.map((_, j) => seededRng(9000 + 100 * i + j));
    const pe: DemoEnterprise = { ...p, industry: 'mining', target: 'published' };
    const spec: DriveSpec = {
      modelId: MODEL,
      industry: 'mining',
      bodyOrgId: body.id,
      enterprise,
      bodyAdmin,
      experts,
      grade: (j, rid) => grade(rngs[j]!, p.maturity, rid),
      rationale: (j, rid, g) => rationaleFor(domainOf(rid), g, Math.floor(rngs[j]!() * 1000)),
      form: {
        scope: `${p.name}采矿、选矿生产单元及职能部门`,
        requestedLevel: p.maturity > 0.6 ? 3 : 2,
        contactName: p.contact,
        contactPhone: '0731-6666' + String(1000 + i),
      },
      text: textFor(pe),
      today: new Date(Date.now() - p.daysAgo * DAY_MS).toISOString().slice(0, 10),
    };
    const { id } = await startAssessment(c, spec);
    await advance(c, spec, id, 'application', 'published');
    print(`${p.name}: assessment ${id} (mining) published ${p.daysAgo} days ago`);
  }
  // The notifications of the earlier assessments were read long ago; those of this week's work wait unread.
  await markReadCreatedBefore(db, new Date(Date.now() - 7 * DAY_MS).toISOString());
  print(
    `demo users (password ${DEMO_PASSWORD}): platform@dtma.demo, body@dtma.demo, expert1..8@dtma.demo, ` +
      ENTERPRISES.map((x) => `${x.key}@dtma.demo`).join(', ') +
      `; peers of the mining enterprise: mining-peer1..${PEERS.length}@dtma.demo`,
  );
}

/** `dtma seed-demo`: the configured database (migrated first) and evidence folder. */
export async function seedDemoDatabase(
  print: (t: string) => void,
  options: { passwordCost?: PasswordCost; evidenceDir?: string } = {},
): Promise<void> {
  await withDatabase(
    async (handle) => {
      const storage = new FsEvidenceStorage(options.evidenceDir ?? loadConfig().evidenceDir);
      await seedDemo(handle.db, storage, print, options);
      print(
        `database: ${handle.dialect} ${path.relative(process.cwd(), handle.location) || handle.location}`,
      );
    },
    { migrate: true },
  );
}

/**
 * `dtma demo clone N`: copies the demo's assessments (through the store, with all their grades) to new
 * enterprises until the database holds N assessments — the scale figures of issue 10.
 */
export async function cloneDemoDatabase(total: number, print: (t: string) => void): Promise<void> {
  if (!Number.isInteger(total) || total < 1) throw new OperatorError('clone: N must be a whole number ≥ 1');
  await withDatabase(
    async (handle) => {
      const made = await cloneAssessmentsTo(
        handle.db,
        { userId: null, label: 'demo-clone' },
        total,
        (k, of) => print(`cloned ${k} / ${of}`),
      );
      print(`${made} assessments cloned; the database holds ${Math.max(total, made)} or more`);
    },
    { migrate: true },
  );
}

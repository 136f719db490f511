/**
 * A published assessment like the demo's (`dtma seed-demo`: the same grade model — the enterprise's maturity,
 * lower at higher levels, each expert's own noise — seven experts, both plans, both meetings, evidence, the
 * team's report sections, a waived contest window, the seal), driven through the real process transitions
 * without a database. Used by `npm run report:sample`, the report bench and the report tests.
 */
import { compileScoring, demoGrade } from '../scoring/index.js';
import type { StandardModel, IndustryId } from '../model/types.js';
import { createApplication } from '../process/application.js';
import { needsGroupReview } from '../process/group-review.js';
import { transition } from '../process/state-machine.js';
import {
  DISCIPLINES,
  type Assessment,
  type Command,
  type ProcessActor,
  type ProcessEnv,
  type ScoreValue,
  type TeamMember,
} from '../process/types.js';
import { seededRng } from '../scoring/index.js';
import type { ReportNames } from './assessment-report.js';

export interface SampleSpec {
  industry: IndustryId;
  enterprise: string;
  maturity: number;
  seed: number;
}

/** The demo's enterprises (src/cli/commands/seed-demo.ts), one per industry. */
export const SAMPLE_SPECS: Record<IndustryId, SampleSpec> = {
  mining: { industry: 'mining', enterprise: '江西某铜矿业有限公司', maturity: 0.72, seed: 1000 },
  smelting: { industry: 'smelting', enterprise: '云南某铝冶炼有限公司', maturity: 0.55, seed: 2000 },
  processing: { industry: 'processing', enterprise: '洛阳某铜加工有限公司', maturity: 0.45, seed: 3000 },
};

export const SAMPLE_BODY = '中国有色金属工业数字化评估中心（示例）';

function levelOf(requirementId: string): number {
  const m = /\.S([1-5])\./.exec(requirementId);
  return m ? Number(m[1]) : 3;
}

/** The demo's grade model (src/service/demo.ts). */
function grade(rng: () => number, maturity: number, requirementId: string): ScoreValue {
  return demoGrade(rng, maturity, levelOf(requirementId));
}

const EXPERT_NAMES = ['王建国', '李明华', '张志强', '刘晓燕', '陈立新', '杨光', '赵文静'];

export function sampleAssessment(
  model: StandardModel,
  spec: SampleSpec,
): { assessment: Assessment; names: ReportNames } {
  const ids = [...compileScoring(model, spec.industry).ids];
  const scope = new Set(ids);
  const env: ProcessEnv = { isRequirementOf: (_i, id) => scope.has(id) };
  const ENT = `org-ent-${spec.industry}`;
  const BODY = 'org-body-1';
  const entUser: ProcessActor = { userId: 'u-ent', orgId: ENT, roles: ['enterprise_user'] };
  const bodyAdmin: ProcessActor = { userId: 'u-body', orgId: BODY, roles: ['body_admin'] };
  const experts = EXPERT_NAMES.map((_, i) => `u-x${i + 1}`);
  const expert = (id: string): ProcessActor => ({ userId: id, orgId: BODY, roles: ['expert'] });
  const leader = expert(experts[0]!);
  let clock = Date.parse('2026-02-10T01:00:00.000Z');
  const tick = (days = 0) => new Date((clock += days * 86_400_000 + 60_000));
  const created = createApplication(
    {
      id: `sample-${spec.industry}`,
      enterpriseOrgId: ENT,
      bodyOrgId: BODY,
      industry: spec.industry,
      modelId: model.meta.id,
      requirementIds: ids,
    },
    entUser,
    tick(),
    env,
  );
  if (!created.ok) throw new Error(created.error.message);
  let a = created.assessment;
  const must = (cmd: Command, actor: ProcessActor, days = 0) => {
    const r = transition(a, cmd, actor, tick(days), env);
    if (!r.ok) throw new Error(`sample ${cmd.type}: ${r.error.message}`);
    a = r.assessment;
  };
  must(
    {
      type: 'application.update',
      eligibility: {
        noMajorSafetyAccident: true,
        noMajorEnvironmentalIncident: true,
        hasTransformationPlan: true,
        compliesWithLaws: true,
        truthfulnessCommitment: true,
      },
    },
    entUser,
  );
  must(
    {
      type: 'evidence.upload',
      item: {
        id: 'ev-1',
        requirementId: ids[0]!,
        at: new Date(clock).toISOString(),
        file: { name: '数字化转型中长期规划（2025—2030）.pdf', ref: 'blob/ev-1' },
        note: '企业数字化转型中长期规划',
        attachmentKind: 'mid_long_term_plan',
      },
    },
    entUser,
  );
  for (const [n, [kind, name]] of (
    [
      ['annual_goals', '2026年数字化转型工作目标.pdf'],
      ['implementation_plan', '数字化转型项目实施方案.pdf'],
    ] as const
  ).entries())
    must(
      {
        type: 'evidence.upload',
        item: {
          id: `ev-a${n + 1}`,
          requirementId: ids[0]!,
          at: new Date(clock).toISOString(),
          file: { name, ref: `blob/ev-a${n + 1}` },
          attachmentKind: kind,
        },
      },
      entUser,
    );
  must({ type: 'application.submit' }, entUser, 1);
  must({ type: 'application.accept' }, bodyAdmin, 2);
  const members: TeamMember[] = EXPERT_NAMES.map((name, i) => ({
    role: i === 0 ? 'leader' : 'member',
    expert: {
      userId: experts[i]!,
      name,
      orgId: BODY,
      disciplines: i < DISCIPLINES.length ? [DISCIPLINES[i]!] : ['informatization', 'management_science'],
      trainingValidUntil: '2030-12-31',
      conflicts: [],
    },
  }));
  must({ type: 'team.assign', members }, bodyAdmin, 1);
  const plan = (kind: 'pre' | 'formal', start: string, end: string) => ({
    kind,
    purpose:
      kind === 'pre'
        ? '了解企业数字化转型现状，确认评估范围与日程'
        : '按标准附录 A、附录 B 对企业数字化转型成熟度进行正式评估',
    scope: `企业${spec.industry === 'mining' ? '采矿、选矿' : spec.industry === 'smelting' ? '冶炼' : '熔铸、轧制、拉拔'}生产经营全过程及相关管理、服务活动`,
    tasks: ['查阅文件与记录', '人员座谈', '现场调查', '信息系统演示与数据查验'],
    methods: ['interview', 'site_visit', 'document_review', 'system_demo', 'data_check'] as const,
    startDate: start,
    endDate: end,
    people: [...experts],
    schedule:
      kind === 'pre'
        ? [{ date: start, activity: '预评估：资料审查、范围确认' }]
        : [
            { date: start, activity: '首次会议；管理层座谈' },
            { date: '2026-03-03', activity: '生产现场调查、信息系统演示' },
            { date: '2026-03-04', activity: '数据采集查验、抽样调查' },
            { date: end, activity: '评估组内部评议' },
          ],
  });
  must(
    {
      type: 'plan.write',
      plan: { ...plan('pre', '2026-02-24', '2026-02-25'), methods: [...plan('pre', '', '').methods] },
      expectedVersion: 0,
    },
    leader,
  );
  must(
    {
      type: 'plan.write',
      plan: { ...plan('formal', '2026-03-02', '2026-03-05'), methods: [...plan('formal', '', '').methods] },
      expectedVersion: 0,
    },
    leader,
  );
  must({ type: 'plan.confirm', kind: 'pre', version: 1 }, entUser, 1);
  must({ type: 'plan.confirm', kind: 'formal', version: 1 }, entUser);
  clock = Date.parse('2026-03-02T08:00:00.000Z');
  must(
    {
      type: 'meeting.record_first',
      meeting: {
        heldAt: '2026-03-02T01:30:00.000Z',
        minutes: '说明评估目的和依据，介绍评估方法与日程，双方确认评估计划，介绍评估组成员。',
        attendees: [
          ...EXPERT_NAMES.map((n, i) => ({ name: n, userId: experts[i]!, side: 'team' as const })),
          { name: '企业分管副总经理', side: 'enterprise' as const },
          { name: '信息化部负责人', side: 'enterprise' as const },
        ],
        topics: ['purpose', 'methods', 'schedule', 'team_introduction'],
        planAgreed: true,
      },
    },
    leader,
  );
  const collected: [
    string,
    'interview' | 'site_visit' | 'system_demo' | 'data_check' | 'document_review',
    string,
  ][] = [
    ['生产管控系统演示记录.pdf', 'system_demo', '生产管控系统实时数据采集与工艺监控演示'],
    ['信息化部门座谈记录.docx', 'interview', '与信息化部门负责人座谈'],
    ['现场调查照片.zip', 'site_visit', '主要生产车间自动化装备与数据采集点'],
    ['设备台账数据抽查.xlsx', 'data_check', '设备管理系统台账与现场抽查比对'],
    ['管理制度汇编.pdf', 'document_review', '数字化转型相关管理制度与考核办法'],
  ];
  collected.forEach(([file, method, note], i) => {
    const rid = ids[Math.floor(((i + 1) * ids.length) / (collected.length + 1))]!;
    must(
      {
        type: 'evidence.collect',
        item: {
          id: `ev-c${i + 1}`,
          requirementId: rid,
          at: new Date(clock).toISOString(),
          method,
          file: { name: file, ref: `blob/ev-c${i + 1}` },
          note,
        },
      },
      expert(experts[1 + (i % 6)]!),
    );
  });
  // 4.5.3 现场预评估: a finding the enterprise rectified before the formal assessment, one still open.
  const preRid = ids[Math.floor(ids.length / 3)]!;
  must(
    {
      type: 'finding.record',
      finding: {
        id: 'f-1',
        kind: 'pre_assessment',
        requirementIds: [preRid],
        evidenceIds: ['ev-c1'],
        text: '生产管控系统与设备管理系统的设备编码不一致，关键设备运行数据无法自动关联。',
        severity: 'minor',
      },
    },
    expert(experts[1]!),
  );
  must(
    {
      type: 'finding.rectify',
      findingId: 'f-1',
      text: '已按主数据管理规范统一设备编码，完成两系统接口改造并试运行。',
      evidenceIds: ['ev-1'],
    },
    entUser,
    1,
  );
  must(
    {
      type: 'finding.record',
      finding: {
        id: 'f-2',
        kind: 'pre_assessment',
        requirementIds: [ids[Math.floor((ids.length * 2) / 3)]!],
        evidenceIds: [],
        text: '质量检验数据以纸质记录为主，未纳入质量管理系统统一管理。',
        severity: 'observation',
      },
    },
    leader,
  );
  // 4.5.2: the leader briefs the team before the formal assessment.
  must(
    {
      type: 'briefing.record',
      briefing: {
        heldOn: new Date(clock).toISOString().slice(0, 10),
        attendees: experts,
        content: '讲解评估标准、满足程度判定规则、证据采集方法和现场纪律。',
        excused: [],
      },
    },
    leader,
  );
  must({ type: 'scoring.open' }, leader, 2);
  const rngs = experts.map((_, i) => seededRng(spec.seed + i));
  const values = experts.map((_, i) => ids.map((rid) => grade(rngs[i]!, spec.maturity, rid)));
  experts.forEach((x, i) => {
    for (const [j, rid] of ids.entries()) {
      must(
        {
          type: 'score.write',
          write: { requirementId: rid, value: values[i]![j]!, rationale: '依据现场证据', expectedVersion: 0 },
        },
        expert(x),
      );
    }
    must({ type: 'score.submit' }, expert(x));
  });
  must({ type: 'consensus.open' }, leader);
  for (const [j, rid] of ids.entries()) {
    // 4.6.3: grades spread widely → the group reviews the requirement before the team score.
    if (needsGroupReview(a, rid))
      must(
        {
          type: 'group_review.record',
          requirementId: rid,
          outcome: '组内评审：复核现场证据后按多数意见确定得分',
          participants: experts,
        },
        leader,
      );
    // The team score: the most frequent expert score (ties: the higher one).
    const count = new Map<ScoreValue, number>();
    for (const v of values) count.set(v[j]!, (count.get(v[j]!) ?? 0) + 1);
    const value = [...count.entries()].sort((x, y) => y[1] - x[1] || Number(y[0]) - Number(x[0]))[0]![0];
    must(
      {
        type: 'consensus.record',
        requirementId: rid,
        value,
        rationale: '评估组合议，依据现场证据',
        expectedVersion: 0,
      },
      leader,
    );
  }
  must({ type: 'result.freeze', modelId: model.meta.id, result: {} }, leader, 1);
  must(
    {
      type: 'report.write',
      sections: {
        basic_situation:
          `${spec.enterprise}成立于 2003 年，主营业务为有色金属${spec.industry === 'mining' ? '采选' : spec.industry === 'smelting' ? '冶炼' : '加工'}，现有员工约 1800 人。` +
          '企业于 2021 年成立数字化转型领导小组，已建成企业资源计划、生产管控和设备管理等信息系统。',
        overall_assessment:
          '评估组认为，企业数字化转型工作起步较早，基础设施与基础管理较为扎实，生产现场数据采集覆盖面较广；' +
          '跨部门、跨系统的集成与数据的深度应用仍有不足。',
        analysis: '从能力域看，数字化成效、数字化生产相对较好，数据、技术能力域的较高等级要求满足程度较低。',
        strengths: '组织保障有力，数字化转型纳入企业年度考核；生产现场自动化水平较高，关键工序实现集中监控。',
        weaknesses: '数据资产管理尚未形成体系，数据标准不统一；研发与工艺知识的数字化沉淀不足。',
        recommendations:
          '建议企业以数据治理为抓手，统一数据标准，推进生产、设备、质量数据的集成共享；在此基础上逐步建设工业互联网平台。',
      },
      expectedVersion: 0,
    },
    leader,
    3,
  );
  must({ type: 'communication.open' }, leader, 1);
  must({ type: 'contest.waive' }, entUser, 2);
  must(
    {
      type: 'meeting.record_final',
      meeting: {
        heldAt: new Date(clock + 86_400_000).toISOString(),
        minutes: '通报评估总结、评估结果、优秀经验与短板不足，发布最终评估结论。',
        attendees: [
          { name: EXPERT_NAMES[0]!, userId: experts[0]!, side: 'team' },
          { name: '企业总经理', side: 'enterprise' },
        ],
        topics: ['summary', 'results', 'strengths', 'weaknesses'],
      },
    },
    leader,
    1,
  );
  must({ type: 'publish' }, bodyAdmin, 2);
  return {
    assessment: a,
    names: {
      enterprise: spec.enterprise,
      body: SAMPLE_BODY,
      users: { 'u-ent': `${spec.enterprise}联系人`, 'u-body': '评估机构管理员' },
    },
  };
}

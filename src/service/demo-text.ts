/**
 * The words of the demonstration data: what assessors write on site. Chosen per domain and grade so that a demo
 * assessment reads like a real one (people judge the product from it).
 */
import { gradeOfValue, type GradeKey, type ScoreValue } from '../model/grades.js';

/** The demo experts expert1 … expert8 (expert1 leads). */
export const DEMO_EXPERT_NAMES: readonly string[] = [
  '王立新',
  '李文博',
  '张静',
  '周海峰',
  '吴敏',
  '郑国华',
  '孙悦',
  '冯涛',
];

/** Systems and records an assessor looks at, per domain of Table 1. */
const EVIDENCE_BY_DOMAIN: Record<string, readonly string[]> = {
  organization: ['数字化转型领导小组文件', '年度数字化工作计划', '岗位职责说明书', '流程管理制度汇编'],
  technology: ['研发项目台账', '专利及软件著作权清单', '信息安全等级保护测评报告', '网络安全应急预案'],
  data: ['数据中台运行记录', '主数据管理规范', '数据质量月报', '数据资产目录'],
  resources: ['机房及网络拓扑图', '工业互联网平台运行日志', '数字化专项资金台账', '知识库使用统计'],
  'digital-operations': ['ERP 系统', '供应商协同平台', '财务共享中心月报', '客户关系管理系统'],
  'digital-production': ['MES 系统', 'DCS 操作记录', '设备点检系统', '能源管控中心报表', '安全生产信息平台'],
  'digital-services': ['客户服务平台', '远程运维记录', '服务工单系统', '产品追溯系统'],
  'digital-outcomes': ['质量统计报表', '生产经营月报', '成本效益分析报告', '客户满意度调查'],
};

const BY_GRADE: Record<GradeKey, readonly string[]> = {
  full: [
    '查阅{e}，制度与系统运行记录完整，现场演示流畅，全部满足要求。',
    '{e}已全面运行，抽查近三个月记录连续完整，证据充分。',
    '现场核查{e}，覆盖全部生产单元，相关指标按月考核，满足要求。',
  ],
  mostly: [
    '{e}主要环节已覆盖，个别车间仍以纸质记录为主，大部分满足。',
    '查阅{e}，功能基本完备，但与上下游系统的数据集成尚不充分。',
    '{e}已上线运行，部分分厂推广尚在进行，建议年内完成全覆盖。',
  ],
  partly: [
    '{e}处于建设阶段，仅在试点产线运行，部分满足。',
    '提供了{e}，但运行记录不连续，未形成闭环管理。',
    '座谈中了解到{e}已立项，现场仅见原型演示，部分满足。',
  ],
  none: [
    '未能提供{e}等佐证材料，不满足。',
    '现场未见相关系统或制度支撑，{e}尚未建立。',
    '企业表示{e}列入下一年度计划，目前不满足。',
  ],
};

/** A rationale an assessor would write for `grade` on a requirement of `domainId`. */
export function rationaleFor(domainId: string, grade: ScoreValue, pick: number): string {
  const evidence = EVIDENCE_BY_DOMAIN[domainId] ?? ['相关制度和记录'];
  const phrases = BY_GRADE[gradeOfValue(grade).key];
  const e = evidence[pick % evidence.length]!;
  return phrases[Math.floor(pick / evidence.length) % phrases.length]!.replace('{e}', e);
}

/** The six sections of §4.6.4 written by the team, for an enterprise of an industry. */
export function reportSectionsFor(enterprise: string, industryName: string, level: string, total: string) {
  return {
    basic_situation:
      `${enterprise}是一家以${industryName}为主业的有色金属企业，近年来按照集团数字化转型规划，先后建成 ERP、MES、` +
      '能源管控和安全生产信息平台，设立数字化转型领导小组及专职部门。本次评估依据《有色金属行业 数字化转型成熟度模型及评估方法》，' +
      '评估组于现场预评估后开展正式评估，采用人员座谈、实地调查、抽样调查、文件审查、信息系统演示和数据查验等方式采集证据。',
    overall_assessment:
      `经评估组合议，企业数字化转型成熟度总分为 ${total}，评估结论为${level}。企业在组织建设、基础设施和生产作业等方面基础扎实，` +
      '数据管理和数字化服务仍处于起步阶段，跨部门的数据贯通和业务协同有待加强。',
    analysis:
      '组织、技术、资源三个能力域达到较好水平：转型战略明确，信息安全按等级保护要求管理，工业网络覆盖主要生产单元。' +
      '数据能力域中业务数据化程度较高，但主数据标准尚未统一，数据资产目录未覆盖全部业务。数字化生产能力域中计划调度、' +
      '生产作业和设备管理已实现系统化，质量管控与能源管理的在线分析能力不足。数字化服务和数字化成效能力域的量化指标体系尚待建立。',
    strengths:
      '一是数字化转型由企业主要负责人牵头，年度目标分解到部门并纳入绩效考核；二是 MES 与 DCS 实现数据贯通，' +
      '关键工序参数自动采集率高；三是安全生产信息平台实现重大危险源在线监测和隐患闭环管理。',
    weaknesses:
      '一是主数据管理规范未在全公司推行，各系统物料编码不一致；二是质量数据以事后统计为主，缺少在线预警；' +
      '三是客户服务数据未与生产数据关联，数字化服务产品尚未形成；四是数字化成效缺少基线和量化评价。',
    recommendations:
      '近期：统一主数据标准，完成物料、设备、客户编码治理；建设质量数据在线分析模型。中期：建设数据中台，' +
      '打通研发、生产、营销数据链；开展设备预测性维护试点。远期：面向客户提供基于产品追溯的增值服务，' +
      '建立数字化成效量化评价体系，按年度开展对标。',
  };
}

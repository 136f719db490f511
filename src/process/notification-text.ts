/**
 * The words of notifications: one template per kind, in Chinese (the default) and English, for the in-app list and
 * the e-mail alike. Each names the enterprise, the stage and — where there is one — the deadline, in the Chinese
 * date form (2026年12月5日; dates in China time). Pure and browser-safe.
 */
import { chinaDate } from '../model/validity.js';
import type { DeadlineKind, NotificationKind } from './notifications.js';
import { STAGE_NAMES_ZH, type JsonValue, type Stage } from './types.js';

export type NotificationLang = 'zh' | 'en';
export const NOTIFICATION_LANGS: readonly NotificationLang[] = ['zh', 'en'];

export const STAGE_NAMES_EN: Record<Stage, string> = {
  application: 'application',
  submitted: 'submitted',
  withdrawn: 'withdrawn',
  rejected: 'not accepted',
  team_formation: 'team formation',
  planning: 'assessment planning',
  evidence_collection: 'on-site evidence collection',
  scoring: 'independent scoring',
  consensus: 'team consensus',
  result_frozen: 'result frozen',
  report_draft: 'report drafting',
  communication: 'result communication',
  final_meeting: 'final meeting',
  published: 'published',
};

const DEADLINE_NAMES: Record<DeadlineKind, Record<NotificationLang, string>> = {
  plan_confirmation: { zh: '评估计划确认', en: 'confirmation of the assessment plan' },
  contest_window: { zh: '再次论证申请', en: 'filing a contest of the result' },
  evidence_request: { zh: '补充证据材料', en: 'supplying the requested evidence' },
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date or an instant (China time) as 2026年12月5日 / 5 Dec 2026. */
export function formatDate(value: string, lang: NotificationLang): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : chinaDate(value);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

export interface NotificationText {
  title: string;
  body: string;
}

type Params = { [key: string]: JsonValue };

const str = (p: Params, k: string): string => (typeof p[k] === 'string' ? (p[k] as string) : '');
const num = (p: Params, k: string): number | null => (typeof p[k] === 'number' ? (p[k] as number) : null);

const LEVELS_ZH = ['', '一级', '二级', '三级', '四级', '五级'];

interface Parts {
  e: string;
  body: string;
  stage: string;
  deadline: string;
  deadlineName: string;
  days: number | null;
  level: string;
}

type Template = (x: Parts, p: Params) => NotificationText;

// prettier-ignore
const ZH: Record<NotificationKind, Template> = {
  application_submitted: (x) => ({ title: `${x.e}提交了评估申请`, body: `${x.e}已提交数字化转型成熟度评估申请，请受理（当前阶段：${x.stage}）。` }),
  application_withdrawn: (x) => ({ title: `${x.e}撤回了评估申请`, body: `${x.e}已撤回评估申请（当前阶段：${x.stage}），无需继续受理。` }),
  application_accepted: (x) => ({ title: '评估申请已受理', body: `${x.body}已受理${x.e}的评估申请，正在组建评估组（当前阶段：${x.stage}）。` }),
  application_rejected: (x) => ({ title: '评估申请未受理', body: `${x.body}未受理${x.e}的评估申请，原因见评估详情（当前阶段：${x.stage}）。` }),
  team_assigned: (x) => ({ title: `您已加入${x.e}评估组`, body: `您已被指派参加${x.e}的评估组，请查看评估计划安排（当前阶段：${x.stage}）。` }),
  plan_to_confirm: (x) => ({ title: '评估计划待确认', body: `评估组已为${x.e}编制评估计划，请在${x.deadline || '计划开始前'}前确认（当前阶段：${x.stage}）。` }),
  plan_confirmed: (x) => ({ title: `${x.e}已确认评估计划`, body: `${x.e}已确认评估计划，可安排首次会议（当前阶段：${x.stage}）。` }),
  evidence_collection_started: (x) => ({ title: '现场采集证据开始', body: `${x.e}的首次会议已召开，进入现场采集证据阶段（当前阶段：${x.stage}）。` }),
  evidence_requested: (x) => ({ title: '评估组请求补充证据', body: `评估组请求${x.e}补充证据材料，请在${x.deadline || '规定期限'}前提交（当前阶段：${x.stage}）。` }),
  evidence_answered: (x) => ({ title: `${x.e}已补充证据`, body: `${x.e}已就评估组的请求补充证据材料，请审核（当前阶段：${x.stage}）。` }),
  finding_recorded: (x) => ({ title: '评估组记录了评估发现', body: `评估组就${x.e}记录了新的评估发现，请查看并说明整改情况（当前阶段：${x.stage}）。` }),
  finding_rectified: (x) => ({ title: `${x.e}已说明整改情况`, body: `${x.e}已就评估发现说明整改情况，请核实（当前阶段：${x.stage}）。` }),
  scoring_opened: (x) => ({ title: '专家独立打分开始', body: `${x.e}的评估已进入专家独立打分，请完成并提交您的评分表（当前阶段：${x.stage}）。` }),
  sheets_all_submitted: (x) => ({ title: '全部专家已提交评分表', body: `${x.e}评估组的全部专家已提交评分表，可开始评估组合议（当前阶段：${x.stage}）。` }),
  consensus_opened: (x) => ({ title: '评估组合议开始', body: `${x.e}的评估已进入评估组合议（当前阶段：${x.stage}）。` }),
  result_frozen: (x) => ({ title: '评估结果已冻结', body: `${x.e}的评估结果已冻结，进入评估报告编制（当前阶段：${x.stage}）。` }),
  result_communicated: (x) => ({ title: '评估结果已沟通', body: `${x.e}的评估结果${x.level ? `（${x.level}）` : ''}已沟通，如有异议请在${x.deadline}前申请再次论证（当前阶段：${x.stage}）。` }),
  contest_filed: (x) => ({ title: `${x.e}申请再次论证`, body: `${x.e}对评估结果提出再次论证申请，请答复（当前阶段：${x.stage}）。` }),
  contest_waived: (x) => ({ title: `${x.e}放弃再次论证`, body: `${x.e}声明不再申请再次论证，可安排末次会议（当前阶段：${x.stage}）。` }),
  contest_answered: (x, p) => ({ title: '再次论证已答复', body: `评估组已答复${x.e}的再次论证申请${str(p, 'decision') === 'upheld' ? '（已采纳）' : str(p, 'decision') === 'rejected' ? '（未采纳）' : ''}（当前阶段：${x.stage}）。` }),
  final_meeting_held: (x) => ({ title: '末次会议已召开', body: `${x.e}的末次会议已召开，评估结果待发布（当前阶段：${x.stage}）。` }),
  result_published: (x) => ({ title: '评估结果已发布', body: `${x.e}的数字化转型成熟度评估结果${x.level ? `（${x.level}）` : ''}已发布（当前阶段：${x.stage}）。` }),
  result_reopened: (x) => ({ title: '评估结果已重新开启', body: `${x.e}已发布的评估结果被重新开启，回到评估组合议（当前阶段：${x.stage}）。` }),
  deadline_due: (x) => ({ title: `${x.deadlineName}还有${x.days ?? 0}天截止`, body: `${x.e}的${x.deadlineName}将于${x.deadline}截止，还有${x.days ?? 0}天（当前阶段：${x.stage}）。` }),
  deadline_overdue: (x) => ({ title: `${x.deadlineName}已逾期`, body: `${x.e}的${x.deadlineName}已于${x.deadline}截止（当前阶段：${x.stage}）。` }),
  validity_due: (x, p) => ({ title: '评估结果即将到期，请安排复评', body: `${x.e}的评估结果有效期至${formatDate(str(p, 'validUntil') || '1970-01-01', 'zh')}，复评应于${x.deadline}前开展。` }),
  validity_expired: (x, p) => ({ title: '评估结果已过有效期', body: `${x.e}的评估结果已于${formatDate(str(p, 'validUntil') || '1970-01-01', 'zh')}过期，请申请复评。` }),
};

// prettier-ignore
const EN: Record<NotificationKind, Template> = {
  application_submitted: (x) => ({ title: `${x.e} submitted an application`, body: `${x.e} submitted an application for the maturity assessment; please review it (stage: ${x.stage}).` }),
  application_withdrawn: (x) => ({ title: `${x.e} withdrew its application`, body: `${x.e} withdrew its application (stage: ${x.stage}); no review is needed.` }),
  application_accepted: (x) => ({ title: 'Application accepted', body: `${x.body || 'The assessment body'} accepted the application of ${x.e}; the team is being formed (stage: ${x.stage}).` }),
  application_rejected: (x) => ({ title: 'Application not accepted', body: `${x.body || 'The assessment body'} did not accept the application of ${x.e}; see the assessment for the reason (stage: ${x.stage}).` }),
  team_assigned: (x) => ({ title: `You are on the team assessing ${x.e}`, body: `You were assigned to the team assessing ${x.e}; please see the plans (stage: ${x.stage}).` }),
  plan_to_confirm: (x) => ({ title: 'Assessment plan to confirm', body: `The team wrote the assessment plan for ${x.e}; please confirm it by ${x.deadline || 'its start'} (stage: ${x.stage}).` }),
  plan_confirmed: (x) => ({ title: `${x.e} confirmed the plan`, body: `${x.e} confirmed the assessment plan; the first meeting can be held (stage: ${x.stage}).` }),
  evidence_collection_started: (x) => ({ title: 'Evidence collection started', body: `The first meeting with ${x.e} was held; on-site evidence collection has started (stage: ${x.stage}).` }),
  evidence_requested: (x) => ({ title: 'The team requests more evidence', body: `The team asks ${x.e} for more evidence; please supply it by ${x.deadline || 'the due date'} (stage: ${x.stage}).` }),
  evidence_answered: (x) => ({ title: `${x.e} supplied evidence`, body: `${x.e} answered the team's request for evidence; please review it (stage: ${x.stage}).` }),
  finding_recorded: (x) => ({ title: 'The team recorded a finding', body: `The team recorded a new finding on ${x.e}; please review it and state the rectification (stage: ${x.stage}).` }),
  finding_rectified: (x) => ({ title: `${x.e} stated a rectification`, body: `${x.e} stated its rectification of a finding; please verify it (stage: ${x.stage}).` }),
  scoring_opened: (x) => ({ title: 'Independent scoring started', body: `Independent scoring of ${x.e} has started; please complete and submit your sheet (stage: ${x.stage}).` }),
  sheets_all_submitted: (x) => ({ title: 'Every expert submitted', body: `Every expert assessing ${x.e} submitted a sheet; consensus can start (stage: ${x.stage}).` }),
  consensus_opened: (x) => ({ title: 'Team consensus started', body: `The assessment of ${x.e} moved to team consensus (stage: ${x.stage}).` }),
  result_frozen: (x) => ({ title: 'Result frozen', body: `The result of ${x.e} was frozen; the report is being drafted (stage: ${x.stage}).` }),
  result_communicated: (x) => ({ title: 'Result communicated', body: `The result of ${x.e}${x.level ? ` (${x.level})` : ''} was communicated; a contest may be filed until ${x.deadline} (stage: ${x.stage}).` }),
  contest_filed: (x) => ({ title: `${x.e} filed a contest`, body: `${x.e} contested the result; please answer (stage: ${x.stage}).` }),
  contest_waived: (x) => ({ title: `${x.e} files no contest`, body: `${x.e} declared it files no further contest; the final meeting can be held (stage: ${x.stage}).` }),
  contest_answered: (x, p) => ({ title: 'Contest answered', body: `The team answered the contest of ${x.e}${str(p, 'decision') ? ` (${str(p, 'decision')})` : ''} (stage: ${x.stage}).` }),
  final_meeting_held: (x) => ({ title: 'Final meeting held', body: `The final meeting with ${x.e} was held; the result awaits publication (stage: ${x.stage}).` }),
  result_published: (x) => ({ title: 'Result published', body: `The maturity assessment result of ${x.e}${x.level ? ` (${x.level})` : ''} was published (stage: ${x.stage}).` }),
  result_reopened: (x) => ({ title: 'Result re-opened', body: `The published result of ${x.e} was re-opened and is back in team consensus (stage: ${x.stage}).` }),
  deadline_due: (x) => ({ title: `${x.days ?? 0} days left: ${x.deadlineName}`, body: `The deadline for ${x.deadlineName} (${x.e}) is ${x.deadline}, in ${x.days ?? 0} days (stage: ${x.stage}).` }),
  deadline_overdue: (x) => ({ title: `Overdue: ${x.deadlineName}`, body: `The deadline for ${x.deadlineName} (${x.e}) passed on ${x.deadline} (stage: ${x.stage}).` }),
  validity_due: (x, p) => ({ title: 'Result expiring: re-assessment due', body: `The result of ${x.e} is valid until ${formatDate(str(p, 'validUntil') || '1970-01-01', 'en')}; the re-assessment is due by ${x.deadline}.` }),
  validity_expired: (x, p) => ({ title: 'Result expired', body: `The result of ${x.e} expired on ${formatDate(str(p, 'validUntil') || '1970-01-01', 'en')}; please apply for a re-assessment.` }),
};

export const NOTIFICATION_TEMPLATES: Record<NotificationLang, Record<NotificationKind, Template>> = {
  zh: ZH,
  en: EN,
};

/** The title and text of a notification in `lang`. */
export function renderNotification(
  kind: NotificationKind,
  params: Params,
  deadline: string | null,
  lang: NotificationLang = 'zh',
): NotificationText {
  const stage = str(params, 'stage') as Stage;
  const stageName = (lang === 'zh' ? STAGE_NAMES_ZH : STAGE_NAMES_EN)[stage] ?? stage;
  const level = num(params, 'level');
  const deadlineKind = str(params, 'deadlineKind') as DeadlineKind;
  const parts: Parts = {
    e: str(params, 'enterpriseName') || (lang === 'zh' ? '受评估企业' : 'the enterprise'),
    body: str(params, 'bodyName'),
    stage: stageName,
    deadline: deadline ? formatDate(deadline, lang) : '',
    deadlineName: DEADLINE_NAMES[deadlineKind]?.[lang] ?? '',
    days: num(params, 'days'),
    level: level === null ? '' : lang === 'zh' ? (LEVELS_ZH[level] ?? `${level}级`) : `level ${level}`,
  };
  return NOTIFICATION_TEMPLATES[lang][kind](parts, params);
}

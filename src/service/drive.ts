/**
 * Drives an assessment along the main path through the use cases, each step by the role the standard gives it:
 * used by `dtma seed-demo` (so the demo data is made exactly as users make it) and by tests that need an
 * assessment at a given stage without going through HTTP.
 */
import { Readable } from 'node:stream';
import type { PlanInput } from '../contract/domain.js';
import type { ScoreValue } from '../model/grades.js';
import {
  ATTACHMENT_KINDS,
  MAIN_PATH,
  REPORT_SECTIONS,
  type AttachmentKind,
  type ReportSection,
  type Stage,
} from '../process/types.js';
import { getReadiness, recordBriefing } from './application-material.js';
import { createAssessment, getAssessmentView, transitionAssessment } from './assessments.js';
import { getConsensus, recordConsensusBatch, recordGroupReviewBatch } from './consensus.js';
import type { Caller, ServiceContext } from './context.js';
import { uploadEvidence, type UploadPart } from './evidence.js';
import { recordMeeting, writePlan, writeReportDraft } from './plans.js';
import { writeOwnScores } from './scores.js';
import { assignTeam } from './team.js';
import type { TransitionCommand } from '../contract/assessments.js';

export interface DriveSpec {
  modelId: string;
  industry: 'mining' | 'smelting' | 'processing';
  bodyOrgId: string;
  enterprise: Caller;
  bodyAdmin: Caller;
  /** The team, leader first (at least 7 experts, an odd number). */
  experts: Caller[];
  /** Expert i's grade of requirement j. */
  grade: (expert: number, requirementId: string, index: number) => ScoreValue;
  /** Expert i's rationale for a grade. */
  rationale?: (expert: number, requirementId: string, grade: ScoreValue) => string;
  form?: { scope: string; requestedLevel: number | null; contactName: string; contactPhone: string };
  /** The words of the plans, meetings and report (defaults are short and plain). */
  text?: Partial<DriveText>;
  /** The clock's date for plans (YYYY-MM-DD); default today. */
  today?: string;
  /**
   * On site, before formal scoring (stage evidence_collection, evidence collected): the pre-assessment's work —
   * findings, evidence reviews, requests and answers (4.5.2, 4.5.3, 4.6.2).
   */
  onSite?: (ctx: ServiceContext, id: string, requirementIds: string[]) => Promise<void>;
}

export interface DriveText {
  plan: (kind: 'pre' | 'formal') => Omit<PlanInput, 'startDate' | 'endDate' | 'people' | 'schedule'> & {
    schedule: string[];
  };
  firstMinutes: string;
  finalMinutes: string;
  submittedEvidence: { note: string; filename: string; content: string };
  /** 4.2.1 / 4.4: the three required documents. */
  attachments: Record<AttachmentKind, { note: string; filename: string; content: string }>;
  /** The note of the evidence for a requirement the self-assessment claims (4.4). */
  claimedEvidence: (requirementId: string) => string;
  /** 4.5.2: what the leader's briefing covered. */
  briefing: string;
  collectedEvidence: { note: string };
  consensusRationale: string;
  /** 4.6.3: the outcome of a group review of a widely spread requirement. */
  groupReviewOutcome: string;
  report: (a: { total: string; level: string }) => Partial<Record<ReportSection, string>>;
}

const DEFAULT_TEXT: DriveText = {
  plan: (kind) => ({
    purpose: kind === 'pre' ? '现场预评估' : '正式评估',
    scope: '生产经营全过程',
    tasks: ['人员座谈', '实地调查', '信息系统演示'],
    methods: ['interview', 'site_visit', 'system_demo'],
    schedule: ['首次会议、现场评估'],
  }),
  firstMinutes: '首次会议：明确评估目的、方法和日程，介绍评估组成员。',
  finalMinutes: '末次会议：通报评估结果、优秀经验与短板不足。',
  submittedEvidence: {
    note: '数字化转型规划及年度实施方案',
    filename: '数字化转型规划.txt',
    content: '数字化转型中长期规划（示例）\n',
  },
  attachments: {
    mid_long_term_plan: {
      note: '数字化转型中长期规划（2024—2028年）',
      filename: '数字化转型中长期规划.txt',
      content: '数字化转型中长期规划（2024—2028年）\n',
    },
    annual_goals: {
      note: '本年度数字化转型工作目标及考核指标',
      filename: '年度目标.txt',
      content: '年度数字化转型目标\n',
    },
    implementation_plan: {
      note: '数字化转型项目实施方案（含进度与资金安排）',
      filename: '实施方案.txt',
      content: '数字化转型实施方案\n',
    },
  },
  claimedEvidence: () => '自评估佐证材料：相关制度文件及系统运行记录',
  briefing: '评估组长讲解评估标准、满足程度判定规则（表2）、证据采集方法和现场纪律，明确独立打分与保密要求。',
  collectedEvidence: { note: '与信息化部门座谈记录' },
  consensusRationale: '评估组合议',
  groupReviewOutcome: '组内评审：逐条复核现场证据，按多数意见确定得分',
  report: () => Object.fromEntries(REPORT_SECTIONS.map((s) => [s, `${s}：见评估组意见。`])),
};

/** Every 4.2.1 declaration made (the demo's enterprises and the tests' are eligible). */
export const ELIGIBLE = {
  noMajorSafetyAccident: true,
  noMajorEnvironmentalIncident: true,
  hasTransformationPlan: true,
  compliesWithLaws: true,
  truthfulnessCommitment: true,
};

const FORM = { scope: '全公司', requestedLevel: 3, contactName: '张三', contactPhone: '13800000000' };

/** An upload's multipart parts (fields, then an optional text file), as the HTTP layer would hand them over. */
export async function* parts(
  fields: Record<string, string>,
  file?: { name: string; content: string },
): AsyncIterable<UploadPart> {
  for (const [name, value] of Object.entries(fields)) yield { type: 'field', name, value };
  if (file)
    yield {
      type: 'file',
      filename: file.name,
      mimetype: 'text/plain',
      stream: Readable.from([Buffer.from(file.content)]),
      truncated: () => false,
    };
}

export async function startAssessment(
  ctx: ServiceContext,
  s: DriveSpec,
): Promise<{ id: string; requirementIds: string[] }> {
  const view = await createAssessment(ctx, s.enterprise, {
    modelId: s.modelId,
    industry: s.industry,
    eligibility: ELIGIBLE,
    form: s.form ?? FORM,
    bodyOrgId: s.bodyOrgId,
  });
  return { id: view.id, requirementIds: view.requirementIds };
}

async function step(ctx: ServiceContext, who: Caller, id: string, command: TransitionCommand): Promise<void> {
  const { version } = await getAssessmentView(ctx, who, id);
  await transitionAssessment(ctx, who, id, { command, expectedVersion: version });
}

/** Moves assessment `id` from `from` (its current stage) up to `target`. */
export async function advance(
  ctx: ServiceContext,
  s: DriveSpec,
  id: string,
  from: Stage,
  target: Stage,
): Promise<void> {
  const text: DriveText = { ...DEFAULT_TEXT, ...(s.text ?? {}) };
  const leader = s.experts[0]!;
  const today = s.today ?? ctx.options.now().toISOString().slice(0, 10);
  const { requirementIds } = await getAssessmentView(ctx, s.enterprise, id);
  for (let i = MAIN_PATH.indexOf(from); i < MAIN_PATH.indexOf(target); i++) {
    switch (MAIN_PATH[i]) {
      case 'application': {
        const ev = text.submittedEvidence;
        await uploadEvidence(
          ctx,
          s.enterprise,
          id,
          parts(
            { requirementId: requirementIds[0]!, kind: 'submitted', note: ev.note },
            { name: ev.filename, content: ev.content },
          ),
        );
        for (const kind of ATTACHMENT_KINDS) {
          const att = text.attachments[kind];
          await uploadEvidence(
            ctx,
            s.enterprise,
            id,
            parts(
              { requirementId: requirementIds[0]!, kind: 'submitted', note: att.note, attachmentKind: kind },
              { name: att.filename, content: att.content },
            ),
          );
        }
        // 4.4: evidence for every requirement the self-assessment claims.
        const ready = await getReadiness(ctx, s.enterprise, id);
        for (const rid of ready.requirementsWithoutEvidence)
          await uploadEvidence(
            ctx,
            s.enterprise,
            id,
            parts({ requirementId: rid, kind: 'submitted', note: text.claimedEvidence(rid) }),
          );
        await step(ctx, s.enterprise, id, { type: 'application.submit' });
        break;
      }
      case 'submitted':
        await step(ctx, s.bodyAdmin, id, { type: 'application.accept' });
        break;
      case 'team_formation': {
        const { version } = await getAssessmentView(ctx, s.bodyAdmin, id);
        const members = s.experts.map((c, j) => ({
          userId: c.user.id,
          role: j === 0 ? ('leader' as const) : ('member' as const),
        }));
        await assignTeam(ctx, s.bodyAdmin, id, { members, expectedVersion: version });
        break;
      }
      case 'planning': {
        const people = s.experts.map((c) => c.user.id);
        for (const kind of ['pre', 'formal'] as const) {
          const { schedule, ...words } = text.plan(kind);
          const plan = await writePlan(ctx, leader, id, kind, {
            ...words,
            startDate: today,
            endDate: today,
            people,
            schedule: schedule.map((activity) => ({ date: today, activity })),
            expectedVersion: 0,
          });
          await step(ctx, s.enterprise, id, { type: 'plan.confirm', kind, version: plan.version });
        }
        await recordMeeting(ctx, leader, id, 'first', {
          heldAt: ctx.options.now().toISOString(),
          minutes: text.firstMinutes,
          planAgreed: true,
          attendees: [
            { name: leader.user.displayName, userId: leader.user.id, side: 'team' },
            { name: s.form?.contactName ?? FORM.contactName, side: 'enterprise' },
          ],
          topics: ['purpose', 'methods', 'schedule', 'team_introduction'],
        });
        break;
      }
      case 'evidence_collection':
        await uploadEvidence(
          ctx,
          s.experts[1]!,
          id,
          parts({
            requirementId: requirementIds[1]!,
            kind: 'collected',
            method: 'interview',
            note: text.collectedEvidence.note,
          }),
        );
        if (s.onSite) await s.onSite(ctx, id, requirementIds);
        {
          // 4.5.2: the leader briefs the whole team before the formal assessment.
          const { version } = await getAssessmentView(ctx, leader, id);
          await recordBriefing(ctx, leader, id, {
            heldOn: ctx.options.now().toISOString().slice(0, 10),
            attendees: s.experts.map((c) => c.user.id),
            content: text.briefing,
            excused: [],
            expectedVersion: version,
          });
        }
        await step(ctx, leader, id, { type: 'scoring.open' });
        break;
      case 'scoring': {
        for (const [n, c] of s.experts.entries()) {
          const writes = requirementIds.map((rid, j) => {
            const value = s.grade(n, rid, j);
            return {
              requirementId: rid,
              value,
              note: s.rationale?.(n, rid, value) ?? '依据现场证据',
              expectedVersion: 0,
            };
          });
          await writeOwnScores(ctx, c, id, { writes });
          await step(ctx, c, id, { type: 'score.submit' });
        }
        await step(ctx, leader, id, { type: 'consensus.open' });
        break;
      }
      case 'consensus': {
        const view = await getConsensus(ctx, leader, id);
        // 4.6.3: requirements whose grades spread widely are reviewed by the group before the team score.
        const reviews = view.items
          .filter((i) => i.needsGroupReview && !i.groupReview)
          .map((it) => ({
            requirementId: it.requirementId,
            outcome: text.groupReviewOutcome,
            participants: view.experts.map((e) => e.userId),
          }));
        if (reviews.length > 0) await recordGroupReviewBatch(ctx, leader, id, { items: reviews });
        const items = view.items.map((it) => ({
          requirementId: it.requirementId,
          value: it.mode ?? it.max ?? ('0' as ScoreValue),
          rationale: text.consensusRationale,
          expectedVersion: 0,
        }));
        await recordConsensusBatch(ctx, leader, id, { items });
        await step(ctx, leader, id, { type: 'result.freeze' });
        break;
      }
      case 'result_frozen': {
        const v = await getAssessmentView(ctx, leader, id);
        const sections = text.report({ total: v.headline?.total ?? '', level: v.headline?.conclusion ?? '' });
        await writeReportDraft(ctx, leader, id, { sections, expectedVersion: 0 });
        break;
      }
      case 'report_draft':
        await step(ctx, leader, id, { type: 'communication.open' });
        break;
      case 'communication':
        await step(ctx, s.enterprise, id, { type: 'contest.waive' });
        await recordMeeting(ctx, leader, id, 'final', {
          heldAt: ctx.options.now().toISOString(),
          minutes: text.finalMinutes,
          attendees: [
            { name: leader.user.displayName, userId: leader.user.id, side: 'team' },
            { name: s.form?.contactName ?? FORM.contactName, side: 'enterprise' },
          ],
          topics: ['summary', 'results', 'strengths', 'weaknesses'],
        });
        break;
      case 'final_meeting':
        await step(ctx, leader, id, { type: 'publish' });
        break;
      default:
        throw new Error(`cannot advance from ${String(MAIN_PATH[i])}`);
    }
  }
}

/**
 * The assessment process (section 4) as one explicit state machine.
 *
 * `TRANSITIONS` is the single table: (from-stage, command) → to-stage, the access action the actor needs, the
 * guard (the standard's rule) and the effect. `transition()` looks the row up, checks access, runs the guard
 * and applies the effect; it never throws for bad input, it returns a typed `ProcessError`.
 */
import { can, explain } from '../access/can.js';
import type { Action } from '../access/types.js';
import * as app from './application.js';
import * as briefing from './briefing.js';
import * as review from './evidence-review.js';
import * as findings from './findings.js';
import * as groupReview from './group-review.js';
import * as readiness from './readiness.js';
import type { Ctx, Effect, Guard } from './context.js';
import * as contest from './contest.js';
import * as meetings from './meetings.js';
import * as plan from './plan.js';
import * as reassessment from './reassessment.js';
import * as report from './report.js';
import { assessmentResource } from './resource.js';
import * as scoring from './scoring.js';
import * as team from './team.js';
import type {
  Assessment,
  Command,
  CommandType,
  DomainEvent,
  HistoryEntry,
  ProcessActor,
  ProcessEnv,
  Stage,
  TransitionResult,
} from './types.js';
import { STAGES } from './types.js';
import { fail, requirementChecker, resolveOptions } from './util.js';

export interface TransitionRow<K extends CommandType = CommandType> {
  from: Stage;
  command: K;
  to: Stage;
  /** The access-matrix action the actor needs. */
  action: Action;
  /** Short name of the rule the guard enforces (for documentation and the UI). */
  rule: string;
  guard: Guard<K>;
  effect: Effect<K>;
}

type AnyRow = { [K in CommandType]: TransitionRow<K> }[CommandType];

function row<K extends CommandType>(
  from: Stage,
  command: K,
  to: Stage,
  action: Action,
  rule: string,
  guard: Guard<K>,
  effect: Effect<K>,
): TransitionRow<K> {
  return { from, command, to, action, rule, guard, effect };
}

const none = () => null;

// prettier-ignore
/** 4.5.2 / 4.6.2: review of evidence, requests to the enterprise and its answers (collection to consensus). */
function evidenceReviewRows(stage: Stage): AnyRow[] {
  return [
    row(stage, 'evidence.review', stage, 'evidence.review', '4.6.2 sufficiency and verification: accepted, needs more or rejected with a reason', review.guardReview, review.effectReview),
    row(stage, 'evidence.request', stage, 'evidence.review', '4.6.2 the team asks for material on named requirements by a due date', review.guardRequest, review.effectRequest),
    row(stage, 'evidence.answer', stage, 'evidence.answer', '4.6.2 the enterprise answers an open request with material or a note (closes it)', review.guardAnswer, review.effectAnswer),
  ];
}

// prettier-ignore
/** 4.5.3: findings of the pre-assessment and the formal assessment, and the enterprise's rectifications. */
function findingRows(stage: Stage): AnyRow[] {
  return [
    row(stage, 'finding.record', stage, 'finding.write', '4.5.3 a finding names requirements (and evidence), text and severity', findings.guardRecord, findings.effectRecord),
    row(stage, 'finding.update', stage, 'finding.write', '4.5.3 the team updates or closes a finding (version expected)', findings.guardUpdate, findings.effectUpdate),
    row(stage, 'finding.rectify', stage, 'finding.rectify', '4.5.3 the enterprise states its rectification of an open finding', findings.guardRectify, findings.effectRectify),
  ];
}

// prettier-ignore
export const TRANSITIONS: readonly AnyRow[] = [
  // 4.4 企业申请
  row('application', 'application.update', 'application', 'application.write', 'industry, model, scope and 4.2.1 eligibility declared', app.guardUpdate, app.effectUpdate),
  row('application', 'evidence.upload', 'application', 'evidence.upload', 'evidence valid, for a requirement of the industry', app.guardUpload, app.effectUpload),
  row('application', 'evidence.remove', 'application', 'evidence.upload', 'only submitted evidence can be removed', app.guardRemove, app.effectRemove),
  row('application', 'evidence.confirm', 'application', 'evidence.upload', 're-assessment: carried-over evidence confirmed by the enterprise', reassessment.guardConfirm, reassessment.effectConfirm),
  row('application', 'application.submit', 'submitted', 'application.submit', '4.2.1 eligibility (this and last year); 4.4 required material: the three plan documents, evidence for every claimed requirement', readiness.guardSubmit, app.effectSubmit),
  row('application', 'application.withdraw', 'withdrawn', 'application.withdraw', 'withdrawal before acceptance', none, app.effectWithdraw),
  // 4.5.1 受理评估申请
  row('submitted', 'application.withdraw', 'withdrawn', 'application.withdraw', 'withdrawal before acceptance', none, app.effectWithdraw),
  row('submitted', 'application.accept', 'team_formation', 'application.review', 'the body accepts the application', none, app.effectAccept),
  row('submitted', 'application.reject', 'rejected', 'application.review', 'a rejection states its reason', app.guardReject, app.effectReject),
  // 4.5.2 组建评估组
  row('team_formation', 'team.assign', 'planning', 'team.assign', '4.5.2 team rules + 4.2.2 no conflict of interest', team.guardAssign, team.effectAssign),
  // 4.5.3 编制评估计划
  row('planning', 'team.assign', 'planning', 'team.assign', '4.5.2 team rules + 4.2.2 no conflict of interest', team.guardAssign, team.effectAssign),
  row('planning', 'plan.write', 'planning', 'plan.write', '4.5.3 plan contents; pre-assessment before formal', plan.guardPlanWrite, plan.effectPlanWrite),
  row('planning', 'briefing.record', 'planning', 'meeting.record', '4.5.2 the leader briefs every member (attended or excused with a reason)', briefing.guardBriefing, briefing.effectBriefing),
  row('planning', 'plan.confirm', 'planning', 'plan.confirm', '4.5.3 confirmed with the enterprise (the version seen)', plan.guardPlanConfirm, plan.effectPlanConfirm),
  // 4.6.1 首次会议
  row('planning', 'meeting.record_first', 'evidence_collection', 'meeting.record', '4.6.1 both plans confirmed; minutes, attendance, plan agreed', meetings.guardFirstMeeting, meetings.effectFirstMeeting),
  // 4.6.2 现场采集证据
  row('evidence_collection', 'evidence.collect', 'evidence_collection', 'evidence.collect', '4.6.2 method, requirement, who, when, file or note', scoring.guardCollect, scoring.effectCollect),
  row('evidence_collection', 'evidence.upload', 'evidence_collection', 'evidence.upload', 'the enterprise supplies materials on request', app.guardUpload, app.effectUpload),
  row('evidence_collection', 'briefing.record', 'evidence_collection', 'meeting.record', '4.5.2 the leader briefs every member (attended or excused with a reason)', briefing.guardBriefing, briefing.effectBriefing),
  row('evidence_collection', 'scoring.open', 'scoring', 'scoring.manage', '4.6.2 evidence collected; 4.5.2 every member briefed or excused before formal scoring', scoring.guardOpenScoring, scoring.effectOpenScoring),
  ...evidenceReviewRows('evidence_collection'),
  ...findingRows('evidence_collection'),
  // 4.6.3 评估分析打分
  row('scoring', 'evidence.collect', 'scoring', 'evidence.collect', '4.6.2 method, requirement, who, when, file or note', scoring.guardCollect, scoring.effectCollect),
  row('scoring', 'evidence.upload', 'scoring', 'evidence.upload', '4.6.2 the enterprise supplies material on an open request of the team', app.guardUploadOnRequest, app.effectUpload),
  ...evidenceReviewRows('scoring'),
  ...findingRows('scoring'),
  row('scoring', 'score.write', 'scoring', 'score.write-own', 'own sheet, Table 2 value, rationale, expected version', scoring.guardScoreWrite, scoring.effectScoreWrite),
  row('scoring', 'score.submit', 'scoring', 'score.write-own', 'every requirement in scope scored', scoring.guardScoreSubmit, scoring.effectScoreSubmit),
  row('scoring', 'consensus.open', 'consensus', 'scoring.manage', 'every expert submitted a full sheet', scoring.guardOpenConsensus, scoring.effectOpenConsensus),
  row('consensus', 'evidence.upload', 'consensus', 'evidence.upload', '4.6.2 the enterprise supplies material on an open request of the team', app.guardUploadOnRequest, app.effectUpload),
  ...evidenceReviewRows('consensus'),
  ...findingRows('consensus'),
  row('consensus', 'group_review.record', 'consensus', 'consensus.write', '4.6.3 组内评审 when the grades spread by the threshold or more: outcome, participants, note', groupReview.guardGroupReview, groupReview.effectGroupReview),
  row('consensus', 'consensus.record', 'consensus', 'consensus.write', 'team score with rationale; dissent recorded', scoring.guardConsensusRecord, scoring.effectConsensusRecord),
  row('consensus', 'result.freeze', 'result_frozen', 'result.freeze', 'consensus complete; result of the assessment’s model version', scoring.guardFreeze, scoring.effectFreeze),
  // 4.6.4 评估报告
  ...findingRows('result_frozen'),
  row('result_frozen', 'report.write', 'report_draft', 'report.write', 'report version expected', report.guardReportWrite, report.effectReportWrite),
  row('report_draft', 'report.write', 'report_draft', 'report.write', 'report version expected', report.guardReportWrite, report.effectReportWrite),
  // 4.7.1 沟通评估结果
  ...findingRows('report_draft'),
  row('report_draft', 'communication.open', 'communication', 'report.issue', '4.6.4 report sections complete; opens the contest window', report.guardOpenCommunication, report.effectOpenCommunication),
  row('communication', 'report.write', 'communication', 'report.write', 'report version expected', report.guardReportWrite, report.effectReportWrite),
  row('communication', 'contest.file', 'communication', 'contest.file', 'within the deadline, with new evidence, one open contest per requirement', contest.guardFile, contest.effectFile),
  row('communication', 'contest.waive', 'communication', 'contest.file', 'the enterprise files no further contest', contest.guardWaive, contest.effectWaive),
  row('communication', 'contest.answer', 'communication', 'contest.answer', 'one answer per contest; upheld changes the score and the result', contest.guardAnswer, contest.effectAnswer),
  // 4.7.2 末次会议 and publication
  row('communication', 'meeting.record_final', 'final_meeting', 'meeting.record', 'window closed, contests answered; 4.7.2 minutes', meetings.guardFinalMeeting, meetings.effectFinalMeeting),
  row('final_meeting', 'publish', 'published', 'publish', 'a frozen result to seal', report.guardPublish, report.effectPublish),
  row('published', 'reopen', 'consensus', 'reopen', 're-opening states its reason', report.guardReopen, report.effectReopen),
];

export const COMMAND_TYPES: readonly CommandType[] = [...new Set(TRANSITIONS.map((r) => r.command))];

/** Commands legal in `stage` (whoever the actor). */
export function allowedCommands(stage: Stage): CommandType[] {
  return TRANSITIONS.filter((r) => r.from === stage).map((r) => r.command);
}

/** Commands legal in the assessment's stage that `actor` may perform (guards not evaluated). */
export function availableCommands(a: Assessment, actor: ProcessActor): CommandType[] {
  const resource = assessmentResource(a);
  return TRANSITIONS.filter((r) => r.from === a.stage && can(actor, r.action, resource)).map(
    (r) => r.command,
  );
}

export function findTransition(stage: Stage, command: CommandType): AnyRow | undefined {
  return TRANSITIONS.find((r) => r.from === stage && r.command === command);
}

/** Stages from which no command leads anywhere. */
export const TERMINAL_STAGES: readonly Stage[] = STAGES.filter((s) => allowedCommands(s).length === 0);

/**
 * Apply `command` by `actor` at `now` to the assessment. Pure: the input is not modified.
 *
 * Order of checks: the actor must be able to read the assessment (`forbidden`, revealing nothing about it);
 * the command must be legal in the current stage (`illegal_transition`, listing the allowed commands); the
 * actor must hold the row's access action (`forbidden`, with the explanation); the guard must hold.
 */
export function transition(
  a: Assessment,
  command: Command,
  actor: ProcessActor,
  now: Date,
  env: ProcessEnv = {},
): TransitionResult {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    return { ok: false, error: fail('validation', 'now must be a valid Date', 'now') };
  }
  const resource = assessmentResource(a);
  if (!can(actor, 'assessment.read', resource)) {
    return { ok: false, error: fail('forbidden', explain(actor, 'assessment.read', resource).message) };
  }
  const type = (command as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: fail('validation', `unknown command ${JSON.stringify(type ?? null)}`, 'type', {
        known: [...COMMAND_TYPES],
      }),
    };
  }
  const r = findTransition(a.stage, command.type);
  if (!r) {
    const allowed = allowedCommands(a.stage);
    return {
      ok: false,
      error: fail(
        'illegal_transition',
        `${command.type} is not allowed in stage ${a.stage}; allowed: ${allowed.length ? allowed.join(', ') : 'none (terminal stage)'}`,
        'type',
        { stage: a.stage, command: command.type, allowed },
      ),
    };
  }
  const decision = explain(actor, r.action, resource);
  if (!decision.allowed) {
    return {
      ok: false,
      error: fail('forbidden', decision.message, undefined, { action: r.action, stage: a.stage }),
    };
  }
  const ctx: Ctx = {
    actor,
    now,
    at: now.toISOString(),
    options: resolveOptions(env),
    inScope: requirementChecker(a, env),
    ...(env.isRequirementOf ? { isRequirementOf: env.isRequirementOf } : {}),
  };
  // The row's guard and effect are typed for its own command; `findTransition` matched the command's type.
  const guard = r.guard as Guard<CommandType>;
  const effect = r.effect as Effect<CommandType>;
  const error = guard(a, command as never, ctx);
  if (error) return { ok: false, error };
  const step = effect(a, command as never, ctx);
  const drafts = [...step.events];
  if (r.to !== a.stage) drafts.push({ type: 'stage.changed', data: { from: a.stage, to: r.to } });
  const events: DomainEvent[] = drafts.map((e) => ({
    ...e,
    assessmentId: a.id,
    at: ctx.at,
    actorId: actor.userId,
  }));
  const entry: HistoryEntry = {
    seq: a.history.length + 1,
    at: ctx.at,
    actorId: actor.userId,
    command: command.type,
    from: a.stage,
    to: r.to,
    events: events.map((e) => e.type),
  };
  return {
    ok: true,
    assessment: {
      ...step.assessment,
      stage: r.to,
      version: a.version + 1,
      updatedAt: ctx.at,
      history: [...a.history, entry],
    },
    events,
  };
}

/**
 * Notifications (issue 13 "nobody waits without being told"): which transition tells whom what, as ONE data
 * table, and who the recipients are on this assessment. Pure and browser-safe: the service (src/service/
 * notifications.ts) calls `notificationsFor` in the transaction that applies the command, with the people of the
 * assessment it loaded; templates (the words) are in notification-text.ts.
 *
 * A rule matches a transition by command (any command when left out), by the stage entered (a stage change to
 * `to`), by a domain event among the transition's events, and by an optional condition on the assessment after
 * the transition. New commands get one row each (e.g. `evidence.request` → `evidence_requested` to the
 * enterprise with the event's due date as deadline).
 *
 * Visibility: a notification carries the enterprise's name (every recipient reads this assessment), the stage,
 * a deadline and a link — never a grade, a rationale or a total; the level of the result is added only for a
 * recipient who may see the team's result (`canSeeTeamResult`). Recipients are only users who may read the
 * assessment (`assessment.read`), and never the user who acted.
 */
import { can } from '../access/can.js';
import type { Role } from '../access/types.js';
import { assessmentResource, teamLeaderId } from './resource.js';
import type { Assessment, CommandType, DomainEvent, IsoDateTime, JsonValue, Stage } from './types.js';
import { canSeeTeamResult } from './visibility.js';

export const NOTIFICATION_KINDS = [
  'application_submitted',
  'application_withdrawn',
  'application_accepted',
  'application_rejected',
  'team_assigned',
  'plan_to_confirm',
  'plan_confirmed',
  'evidence_collection_started',
  'evidence_requested',
  'evidence_answered',
  'finding_recorded',
  'finding_rectified',
  'scoring_opened',
  'sheets_all_submitted',
  'consensus_opened',
  'result_frozen',
  'result_communicated',
  'contest_filed',
  'contest_waived',
  'contest_answered',
  'final_meeting_held',
  'result_published',
  'result_reopened',
  // Reminders (the scheduled job): a deadline coming up / passed, a published result's validity.
  'deadline_due',
  'deadline_overdue',
  'validity_due',
  'validity_expired',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who, by role on THIS assessment. */
export type Audience = 'enterprise' | 'leader' | 'members' | 'body';
/** The leader and the members. */
export const TEAM: readonly Audience[] = ['leader', 'members'];

/** The screens a notification links to (web routes `#/a/<id>/<tab>`). */
export type NotificationScreen =
  | 'overview'
  | 'review'
  | 'team'
  | 'plans'
  | 'evidence'
  | 'onsite'
  | 'score'
  | 'consensus'
  | 'result'
  | 'report'
  | 'contests'
  | 'outcomes';

/** The kinds of deadline reminders are sent for (one deadline source per kind, src/service/deadlines.ts). */
export const DEADLINE_KINDS = ['plan_confirmation', 'contest_window', 'evidence_request'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Where a rule's deadline comes from. */
export type DeadlineFrom =
  /** `data[field]` of the first event of type `event` (an ISO instant or a calendar date). */
  | { event: string; field: string }
  /** The contest window's end (4.7.1). */
  | 'contest_window'
  /** The start date of the plan(s) awaiting the enterprise's confirmation (4.5.3). */
  | 'plan_start';

export interface NotificationRule {
  /** The command (a string, so rows for commands of other branches can be written before they exist). */
  command?: CommandType | (string & {});
  /** The stage entered; the rule needs a stage change. */
  to?: Stage;
  /** A domain event that must be among the transition's events. */
  event?: string;
  /** An extra condition on the assessment after the transition. */
  when?: (a: Assessment) => boolean;
  kind: NotificationKind;
  audience: readonly Audience[];
  screen: NotificationScreen;
  deadline?: DeadlineFrom;
  /** The clause of the standard the hand-over belongs to. */
  clause: string;
}

const allSheetsSubmitted = (a: Assessment) => {
  const sheets = Object.values(a.sheets);
  return sheets.length > 0 && sheets.every((s) => s.submittedAt !== undefined);
};

const planAwaitingConfirmation = (a: Assessment) =>
  Object.values(a.plans).some((p) => p !== undefined && !p.confirmed);

/** THE table: transition → notification, one row per hand-over (a new command that hands work on adds a row). */
// prettier-ignore
export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  { command: 'application.submit', to: 'submitted', kind: 'application_submitted', audience: ['body'], screen: 'review', clause: '4.5.1' },
  { command: 'application.withdraw', when: (a) => a.application.submittedAt !== undefined, kind: 'application_withdrawn', audience: ['body'], screen: 'overview', clause: '4.5.1' },
  { command: 'application.accept', to: 'team_formation', kind: 'application_accepted', audience: ['enterprise'], screen: 'overview', clause: '4.5.1' },
  { command: 'application.reject', to: 'rejected', kind: 'application_rejected', audience: ['enterprise'], screen: 'overview', clause: '4.5.1' },
  { command: 'team.assign', kind: 'team_assigned', audience: TEAM, screen: 'plans', clause: '4.5.2' },
  { command: 'plan.write', when: planAwaitingConfirmation, kind: 'plan_to_confirm', audience: ['enterprise'], screen: 'plans', deadline: 'plan_start', clause: '4.5.3' },
  { command: 'plan.confirm', kind: 'plan_confirmed', audience: ['leader'], screen: 'plans', clause: '4.5.3' },
  { command: 'meeting.record_first', to: 'evidence_collection', kind: 'evidence_collection_started', audience: ['enterprise', 'members'], screen: 'evidence', clause: '4.6.1' },
  { command: 'evidence.request', kind: 'evidence_requested', audience: ['enterprise'], screen: 'onsite', deadline: { event: 'evidence.request', field: 'dueDate' }, clause: '4.6.2' },
  { command: 'evidence.answer', kind: 'evidence_answered', audience: ['leader'], screen: 'onsite', clause: '4.6.2' },
  { command: 'finding.record', kind: 'finding_recorded', audience: ['enterprise'], screen: 'onsite', clause: '4.5.3' },
  { command: 'finding.rectify', kind: 'finding_rectified', audience: ['leader'], screen: 'onsite', clause: '4.5.3' },
  { command: 'scoring.open', to: 'scoring', kind: 'scoring_opened', audience: ['members'], screen: 'score', clause: '4.6.3' },
  { command: 'score.submit', when: allSheetsSubmitted, kind: 'sheets_all_submitted', audience: ['leader'], screen: 'consensus', clause: '4.6.3' },
  { command: 'consensus.open', to: 'consensus', kind: 'consensus_opened', audience: ['members', 'body'], screen: 'consensus', clause: '4.6.3' },
  { command: 'result.freeze', to: 'result_frozen', kind: 'result_frozen', audience: ['body', 'members'], screen: 'report', clause: '4.6.3' },
  { command: 'communication.open', to: 'communication', kind: 'result_communicated', audience: ['enterprise', 'body'], screen: 'contests', deadline: 'contest_window', clause: '4.7.1' },
  { command: 'contest.file', kind: 'contest_filed', audience: ['leader', 'body'], screen: 'contests', clause: '4.7.1' },
  { command: 'contest.waive', kind: 'contest_waived', audience: ['leader'], screen: 'contests', clause: '4.7.1' },
  { command: 'contest.answer', kind: 'contest_answered', audience: ['enterprise', 'body'], screen: 'contests', clause: '4.7.1' },
  { command: 'meeting.record_final', to: 'final_meeting', kind: 'final_meeting_held', audience: ['body', 'enterprise'], screen: 'outcomes', clause: '4.7.2' },
  { command: 'publish', to: 'published', kind: 'result_published', audience: ['enterprise', 'leader', 'members', 'body'], screen: 'outcomes', clause: '4.7.2' },
  { command: 'reopen', kind: 'result_reopened', audience: ['enterprise', 'leader', 'members'], screen: 'consensus', clause: '4.7.2' },
];

/** What the service passes in: one transition as applied (the assessment after it). */
export interface AppliedTransition {
  command: string;
  from: Stage;
  to: Stage;
  events: readonly Pick<DomainEvent, 'type' | 'data'>[];
  actorId: string;
  at: IsoDateTime;
}

/** A user of the assessment's organisations or team, as the service loaded them. */
export interface Person {
  userId: string;
  orgId?: string;
  roles: readonly Role[];
}

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  assessmentId: string;
  /** Parameters of the template (no grade, no rationale; the level only where the recipient may see it). */
  params: { [key: string]: JsonValue };
  /** The web route, `/a/<id>/<tab>`. */
  link: string;
  /** An ISO instant or a calendar date `YYYY-MM-DD`. */
  deadline: string | null;
}

export function linkOf(assessmentId: string, screen: NotificationScreen): string {
  return screen === 'overview' ? `/a/${assessmentId}` : `/a/${assessmentId}/${screen}`;
}

export function ruleMatches(rule: NotificationRule, t: AppliedTransition, after: Assessment): boolean {
  if (rule.command !== undefined && rule.command !== t.command) return false;
  if (rule.to !== undefined && (t.to !== rule.to || t.from === t.to)) return false;
  if (rule.event !== undefined && !t.events.some((e) => e.type === rule.event)) return false;
  return rule.when ? rule.when(after) : true;
}

function deadlineOf(from: DeadlineFrom | undefined, t: AppliedTransition, a: Assessment): string | null {
  if (from === undefined) return null;
  if (from === 'contest_window') return a.contestWindow?.deadline ?? null;
  if (from === 'plan_start') {
    const dates = Object.values(a.plans)
      .filter((p) => p !== undefined && !p.confirmed)
      .map((p) => p!.startDate)
      .sort();
    return dates[0] ?? null;
  }
  const v = t.events.find((e) => e.type === from.event)?.data[from.field];
  return typeof v === 'string' ? v : null;
}

/** The user ids an audience stands for on this assessment. */
export function audienceIds(audience: Audience, a: Assessment, people: readonly Person[]): string[] {
  switch (audience) {
    case 'enterprise':
      return people
        .filter((p) => p.orgId === a.enterpriseOrgId && p.roles.includes('enterprise_user'))
        .map((p) => p.userId);
    case 'body':
      return people
        .filter((p) => p.orgId === a.bodyOrgId && p.roles.includes('body_admin'))
        .map((p) => p.userId);
    case 'leader': {
      const id = teamLeaderId(a);
      return id ? [id] : [];
    }
    case 'members':
      return (a.team?.members ?? []).filter((m) => m.role === 'member').map((m) => m.expert.userId);
  }
}

/**
 * The parameters of a notification for `recipient`: the stage and, where the recipient may see the team's
 * result (visibility.ts), its level. Names (the enterprise's, the body's) are added by the service, which reads
 * them — they are this assessment's own parties, whom every recipient (a reader of the assessment) knows.
 */
export function paramsFor(
  a: Assessment,
  recipient: Person,
  extra: { [key: string]: JsonValue } = {},
): { [key: string]: JsonValue } {
  const params: { [key: string]: JsonValue } = { stage: a.stage, industry: a.industry, ...extra };
  const level = resultLevel(a);
  if (level !== null && canSeeTeamResult(a, recipient)) params.level = level;
  return params;
}

/** The level of the frozen result (`conclusion.level` of the engine's output, opaque here: read defensively). */
export function resultLevel(a: Pick<Assessment, 'result'>): number | null {
  const obj = (v: JsonValue | undefined) =>
    v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  const conclusion = obj(obj(a.result?.value)?.conclusion);
  if (!conclusion || conclusion.belowLevel1 === true) return null;
  const level = conclusion.level;
  return typeof level === 'number' && Number.isInteger(level) ? level : null;
}

/**
 * The event fields a notification may carry: which requirement, the answer's decision, a due date — never a
 * value, a note or a reason (the screen behind the link shows those under its own visibility).
 */
const SAFE_EVENT_FIELDS = ['requirementId', 'requirementIds', 'dueDate'] as const;

function safeEventData(t: AppliedTransition): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const e of t.events) {
    if (e.type === 'contest.upheld') out.decision = 'upheld';
    if (e.type === 'contest.rejected') out.decision = 'rejected';
    if (e.type.startsWith('plan.') && typeof e.data.kind === 'string') out.planKind = e.data.kind;
    for (const f of SAFE_EVENT_FIELDS)
      if (e.data[f] !== undefined && out[f] === undefined) out[f] = e.data[f]!;
  }
  return out;
}

/** Who may receive anything about this assessment: readers of it. */
export function mayReceive(a: Assessment, p: Person): boolean {
  return can(p, 'assessment.read', assessmentResource(a));
}

/**
 * The notifications of `transitions` (applied in order; `after` is the assessment after the last one).
 * `people` holds at least the enterprise's users, the body's admins and the team's experts.
 */
export function notificationsFor(
  transitions: readonly AppliedTransition[],
  after: Assessment,
  people: readonly Person[],
  rules: readonly NotificationRule[] = NOTIFICATION_RULES,
): NotificationDraft[] {
  const byId = new Map(people.map((p) => [p.userId, p]));
  const out: NotificationDraft[] = [];
  for (const t of transitions) {
    for (const rule of rules) {
      if (!ruleMatches(rule, t, after)) continue;
      const deadline = deadlineOf(rule.deadline, t, after);
      const ids = new Set(rule.audience.flatMap((aud) => audienceIds(aud, after, people)));
      ids.delete(t.actorId);
      for (const id of ids) {
        const p = byId.get(id);
        if (!p || !mayReceive(after, p)) continue;
        out.push({
          recipientId: id,
          kind: rule.kind,
          assessmentId: after.id,
          params: paramsFor(after, p, { from: t.from, command: t.command, ...safeEventData(t) }),
          link: linkOf(after.id, rule.screen),
          deadline,
        });
      }
    }
  }
  return out;
}

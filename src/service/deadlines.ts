/**
 * Deadline reminders (issue 13): the daily job `deadline_reminders` finds the deadlines of running assessments —
 * one source function per kind, `DEADLINE_SOURCES` — and sends "due in N days" (N of `REMINDER_DAYS`) and
 * "overdue" reminders, each once per (assessment, kind, deadline, phase) (`deadline_reminders`), through the
 * same notification + e-mail path as the stage changes. Days are counted in China time.
 */
import { chinaDate, daysBetween } from '../model/validity.js';
import {
  audienceIds,
  linkOf,
  mayReceive,
  paramsFor,
  type Audience,
  type DeadlineKind,
  type NotificationDraft,
  type NotificationScreen,
} from '../process/notifications.js';
import type { Assessment, Stage } from '../process/types.js';
import { readDocRaw } from '../store/repos/documents.js';
import { markDeadlineReminder } from '../store/repos/notifications.js';
import { inTransaction, type Db } from '../store/util.js';
import type { ServiceContext } from './context.js';
import { peopleOf, writeNotifications } from './notifications.js';
import type { ReminderChannel } from './reminders.js';

/** Reminders this many days before a deadline (the most urgent due one is sent), and once it passed. */
export const REMINDER_DAYS = [3, 1] as const;

export interface Deadline {
  kind: DeadlineKind;
  /** An ISO instant (the deadline is that instant) or a calendar date (the end of that day, China time). */
  deadline: string;
  /** Who is reminded before the deadline, and who is told once it passed. */
  due: readonly Audience[];
  overdue: readonly Audience[];
  screen: NotificationScreen;
}

/** One function per deadline kind: the deadlines an assessment has now. */
export type DeadlineSource = (a: Assessment) => Deadline[];

/** 4.5.3: the plans awaiting the enterprise's confirmation, due by their start date. */
export const planConfirmation: DeadlineSource = (a) =>
  a.stage !== 'planning'
    ? []
    : Object.values(a.plans)
        .filter((p) => p !== undefined && !p.confirmed)
        .map((p) => ({
          kind: 'plan_confirmation',
          deadline: p!.startDate,
          due: ['enterprise'],
          overdue: ['enterprise', 'leader'],
          screen: 'plans',
        }));

/** 4.7.1: the contest window, while it is open and not waived. */
export const contestWindow: DeadlineSource = (a) =>
  a.stage !== 'communication' || !a.contestWindow || a.contestWindow.waived
    ? []
    : [
        {
          kind: 'contest_window',
          deadline: a.contestWindow.deadline,
          due: ['enterprise'],
          overdue: ['leader', 'body'],
          screen: 'contests',
        },
      ];

/** 4.6.2: the open evidence requests, due by their due date (the enterprise answers; the leader hears when late). */
export const evidenceRequests: DeadlineSource = (a) =>
  (a.evidenceRequests ?? [])
    .filter((r) => r.answer === undefined)
    .map((r) => ({
      kind: 'evidence_request',
      deadline: r.dueDate,
      due: ['enterprise'],
      overdue: ['enterprise', 'leader'],
      screen: 'onsite',
    }));

export const DEADLINE_SOURCES: readonly DeadlineSource[] = [
  planConfirmation,
  contestWindow,
  evidenceRequests,
];

/** The stages in which some source may find a deadline (the job reads only those assessments). */
export const DEADLINE_STAGES: readonly Stage[] = [
  'planning',
  'evidence_collection',
  'scoring',
  'consensus',
  'communication',
];

/** `due-N`, `overdue`, or null (not yet), for a deadline at `now`; the most urgent first in `all`. */
export function phasesOf(deadline: string, now: Date): { phase: string; days: number; all: string[] } | null {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(deadline);
  const passed = isDate ? chinaDate(now.toISOString()) > deadline : now.getTime() > Date.parse(deadline);
  if (passed)
    return { phase: 'overdue', days: -1, all: ['overdue', ...REMINDER_DAYS.map((n) => `due-${n}`)] };
  const days = daysBetween(chinaDate(now.toISOString()), isDate ? deadline : chinaDate(deadline));
  const due = REMINDER_DAYS.filter((n) => days <= n);
  if (due.length === 0) return null;
  const most = Math.min(...due);
  return { phase: `due-${most}`, days, all: due.map((n) => `due-${n}`) };
}

async function runningAssessmentIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('assessments')
    .select('id')
    .where('stage', 'in', [...DEADLINE_STAGES])
    .execute();
  return rows.map((r) => r.id);
}

export interface SentReminder {
  assessmentId: string;
  kind: DeadlineKind;
  deadline: string;
  phase: string;
  notifications: number;
}

/** Sends the deadline reminders due now; each (assessment, kind, deadline, phase) once. Safe to re-run. */
export async function sendDeadlineReminders(
  ctx: ServiceContext,
  sources: readonly DeadlineSource[] = DEADLINE_SOURCES,
): Promise<SentReminder[]> {
  const now = ctx.options.now();
  const sent: SentReminder[] = [];
  for (const id of await runningAssessmentIds(ctx.db)) {
    const doc = await readDocRaw(ctx.db, id);
    if (!doc) continue;
    const a = doc.assessment;
    for (const d of sources.flatMap((s) => s(a))) {
      const p = phasesOf(d.deadline, now);
      if (!p) continue;
      await inTransaction(ctx.db, async (trx) => {
        // Mark every phase reached: a reminder found late does not send the older ones afterwards.
        let first = false;
        for (const phase of p.all) {
          const inserted = await markDeadlineReminder(trx, {
            assessmentId: a.id,
            kind: d.kind,
            deadline: d.deadline,
            phase,
            at: now.toISOString(),
          });
          if (phase === p.phase) first = inserted;
        }
        if (!first) return;
        const people = await peopleOf(trx, a);
        const byId = new Map(people.map((x) => [x.userId, x]));
        const audience = p.phase === 'overdue' ? d.overdue : d.due;
        const ids = new Set(audience.flatMap((x) => audienceIds(x, a, people)));
        const drafts: NotificationDraft[] = [];
        for (const uid of ids) {
          const person = byId.get(uid);
          if (!person || !mayReceive(a, person)) continue;
          drafts.push({
            recipientId: uid,
            kind: p.phase === 'overdue' ? 'deadline_overdue' : 'deadline_due',
            assessmentId: a.id,
            params: paramsFor(a, person, { deadlineKind: d.kind, days: p.days, phase: p.phase }),
            link: linkOf(a.id, d.screen),
            deadline: d.deadline,
          });
        }
        await writeNotifications(ctx, trx, a, drafts);
        sent.push({
          assessmentId: a.id,
          kind: d.kind,
          deadline: d.deadline,
          phase: p.phase,
          notifications: drafts.length,
        });
      });
    }
  }
  return sent;
}

/**
 * Issue 14's validity reminders through the notification service: the enterprise's users and the body's admins
 * get a notification (and its e-mail), in the transaction that records the reminder.
 */
export function validityChannel(ctx: ServiceContext): ReminderChannel {
  return async (trx, r) => {
    const raw = await readDocRaw(trx, r.assessmentId);
    if (!raw) return;
    const a = raw.assessment;
    const people = await peopleOf(trx, a);
    const ids = new Set([...audienceIds('enterprise', a, people), ...audienceIds('body', a, people)]);
    const drafts: NotificationDraft[] = [];
    for (const p of people) {
      if (!ids.has(p.userId) || !mayReceive(a, p)) continue;
      drafts.push({
        recipientId: p.userId,
        kind: r.kind === 'expired' ? 'validity_expired' : 'validity_due',
        assessmentId: a.id,
        params: { stage: a.stage, industry: a.industry, reminder: r.kind, validUntil: r.validUntil },
        link: linkOf(a.id, 'outcomes'),
        deadline: r.reassessmentDue,
      });
    }
    await writeNotifications(ctx, trx, a, drafts);
  };
}

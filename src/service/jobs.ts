/**
 * The platform's background job types, declared in one list and started with the server (src/server.ts). A job
 * type is a name, a handler over the use cases' context, a retry policy and optionally a cron schedule; use
 * cases enqueue with `ctx.jobs.send(name, data, { trx })` inside their transaction (the job exists exactly when
 * the change commits). Handlers must be idempotent outside the database: a process killed between the side
 * effect and the completion runs the job again.
 */
import type { JobDefinition } from '../jobs/types.js';
import { deletedEvidenceKeys } from '../store/repos/evidence.js';
import { purgeExpiredSessions, purgeLoginAttempts } from '../store/repos/sessions.js';
import type { ServiceContext } from './context.js';
import { sendDueReminders } from './reminders.js';
import { reportRenderJob } from './report-renders.js';
import { sendDeadlineReminders, validityChannel } from './deadlines.js';
import { enqueuePendingMail, sendNotificationMail } from './mail.js';
import { MAIL_JOB } from './notifications.js';
import { setMailStatus } from '../store/repos/notifications.js';

export interface PlatformJob {
  definition(ctx: ServiceContext): JobDefinition<never>;
  /** Cron (UTC) of a recurring job. */
  schedule?: { cron: string; data?: object };
}

/** Login attempts are kept this long (the throttle looks back much less; the audit log keeps failures). */
const LOGIN_ATTEMPTS_KEPT_MS = 30 * 86_400_000;

/** Expired sessions and old login attempts, removed nightly. */
const purgeSessions: PlatformJob = {
  definition: (ctx) => ({
    name: 'sessions_purge',
    handler: async () => {
      const now = ctx.options.now();
      return {
        sessions: await purgeExpiredSessions(ctx.db, now),
        loginAttempts: await purgeLoginAttempts(ctx.db, new Date(now.getTime() - LOGIN_ATTEMPTS_KEPT_MS)),
      };
    },
  }),
  schedule: { cron: '23 3 * * *' },
};

/**
 * Hourly: leftovers of interrupted uploads, and the stored objects of evidence files deleted in the last two
 * days (normally removed at once, after the deleting transaction commits; this catches a failed removal).
 */
const sweepEvidence: PlatformJob = {
  definition: (ctx) => ({
    name: 'evidence_sweep',
    handler: async () => {
      const since = new Date(ctx.options.now().getTime() - 2 * 86_400_000);
      const keys = await deletedEvidenceKeys(ctx.db, since);
      for (const key of keys) await ctx.storage.delete(key);
      return { tempFiles: await ctx.storage.cleanTemp(), deletedObjects: keys.length };
    },
  }),
  schedule: { cron: '41 * * * *' },
};

/**
 * Daily: the validity reminders of published results (results-policy.json), each sent once per sealed result
 * (src/service/reminders.ts): the audit row, the `result_reminders` row and the notifications (with their
 * e-mails) of the enterprise's users and the body's admins (issue 13, `validityChannel`).
 */
const validityReminders: PlatformJob = {
  definition: (ctx) => ({
    name: 'validity_reminders',
    handler: async () => {
      const sent = await sendDueReminders(ctx, validityChannel(ctx));
      return { sent: sent.length, kinds: sent.map((r) => r.kind) };
    },
  }),
  schedule: { cron: '7 1 * * *' },
};

const MAIL_RETRIES = 6;

/**
 * The e-mail of one notification (issue 13), enqueued with the notification's id in the transaction that wrote
 * it; retried with back-off (about 30 s … 30 min); after the last attempt the row's mail status is `failed`.
 */
const notificationMail: PlatformJob = {
  definition: (ctx) => ({
    name: MAIL_JOB,
    retryLimit: MAIL_RETRIES,
    retryDelaySeconds: 15,
    retryBackoff: true,
    expireInSeconds: 120,
    concurrency: 2,
    handler: async (job) => {
      const { id } = job.data as { id: string };
      try {
        return { id, outcome: await sendNotificationMail(ctx, id) };
      } catch (error) {
        if (job.retryCount >= MAIL_RETRIES) await setMailStatus(ctx.db, id, 'pending', 'failed', null);
        throw error;
      }
    },
  }),
};

/**
 * Hourly: the deadline reminders (plan confirmation, contest window, evidence requests — src/service/
 * deadlines.ts), "due in N days" and "overdue", each once; and the e-mails of notifications written where no job
 * queue ran (the demo seed, one-shot CLI commands) are enqueued.
 */
const deadlineReminders: PlatformJob = {
  definition: (ctx) => ({
    name: 'deadline_reminders',
    handler: async () => {
      const sent = await sendDeadlineReminders(ctx);
      return { sent: sent.length, mailEnqueued: await enqueuePendingMail(ctx) };
    },
  }),
  schedule: { cron: '13 * * * *' },
};

/** Every job type of the platform. */
export const PLATFORM_JOBS: readonly PlatformJob[] = [
  purgeSessions,
  sweepEvidence,
  validityReminders,
  reportRenderJob as PlatformJob,
  notificationMail,
  deadlineReminders,
];

/** Declares the platform's job types on `ctx.jobs`, starts it and registers the schedules. */
export async function startJobs(
  ctx: ServiceContext,
  jobs: readonly PlatformJob[] = PLATFORM_JOBS,
): Promise<void> {
  const queue = ctx.jobs;
  if (!queue) return;
  for (const job of jobs) queue.define(job.definition(ctx));
  await queue.start();
  for (const job of jobs) {
    if (job.schedule)
      await queue.schedule(job.definition(ctx).name, job.schedule.cron, job.schedule.data ?? {});
  }
  // Deadline reminders missed while no instance ran (and pending e-mails) are caught up at start.
  if (jobs.includes(deadlineReminders)) await queue.send(deadlineReminders.definition(ctx).name, {});
  started.add(queue);
}

const started = new WeakSet<object>();

/** The readiness check's question: has `startJobs` started this context's queue (null: none runs here)? */
export function jobsStarted(ctx: ServiceContext): boolean | null {
  return ctx.jobs ? started.has(ctx.jobs) : null;
}

/** The queue is stopping (SIGTERM): the instance is no longer ready. */
export function markJobsStopped(ctx: ServiceContext): void {
  if (ctx.jobs) started.delete(ctx.jobs);
}

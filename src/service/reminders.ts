/**
 * Validity reminders: for the newest published result of every enterprise, the reminders due today
 * (results-policy.json: N days before the re-assessment due date, and once the validity has ended), each sent once
 * per sealed result — recorded in `result_reminders` and the audit log in one transaction, and handed to the
 * notification channel. The daily job `validity_reminders` (src/service/jobs.ts) runs it with the notification
 * service's channel (`validityChannel`, src/service/deadlines.ts: in-app notifications and their e-mails).
 */
import { loadResultsPolicy } from '../model/results-policy.js';
import { chinaDate, remindersDue, validityOf, type ReminderKind } from '../model/validity.js';
import { appendAudit } from '../store/audit.js';
import { markReminderSent, sentReminders } from '../store/repos/certificates.js';
import { organisationNames } from '../store/repos/organisations.js';
import { listLatestResults } from '../store/repos/published.js';
import { inTransaction, type Trx } from '../store/util.js';
import type { ServiceContext } from './context.js';
import { modelDirOf } from './engine.js';

export interface Reminder {
  kind: ReminderKind;
  assessmentId: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  bodyOrgId: string;
  validUntil: string;
  reassessmentDue: string;
}

/** Delivers a reminder to the enterprise's users and the body's admins (inside the recording transaction). */
export type ReminderChannel = (trx: Trx, r: Reminder) => Promise<void>;

const SYSTEM = { userId: null, label: 'reminders' };

/** Sends the reminders due today; returns those sent now. Safe to run concurrently and repeatedly. */
export async function sendDueReminders(
  ctx: ServiceContext,
  channel: ReminderChannel = async () => {},
): Promise<Reminder[]> {
  const today = chinaDate(ctx.options.now().toISOString());
  const rows = await listLatestResults(ctx.db);
  const names = await organisationNames(
    ctx.db,
    rows.map((r) => r.enterprise_id),
  );
  const sent: Reminder[] = [];
  for (const r of rows) {
    const policy = loadResultsPolicy(r.model_id, modelDirOf(r.model_id));
    const v = validityOf(r.sealed_at, policy);
    const due = remindersDue(v, policy, today);
    if (due.length === 0) continue;
    // Only the most urgent one (a result found late does not get three reminders at once).
    const kind = due.at(-1)!;
    if ((await sentReminders(ctx.db, r.assessment_id, r.seal_hash)).has(kind)) continue;
    const reminder: Reminder = {
      kind,
      assessmentId: r.assessment_id,
      enterpriseOrgId: r.enterprise_id,
      enterpriseName: names.get(r.enterprise_id) ?? '',
      bodyOrgId: r.body_id,
      validUntil: v.validUntil,
      reassessmentDue: v.reassessmentDue,
    };
    await inTransaction(ctx.db, async (trx) => {
      // Mark every due kind: the older ones are superseded by the one sent.
      let first = false;
      for (const k of due)
        if (
          await markReminderSent(trx, {
            assessmentId: r.assessment_id,
            sealHash: r.seal_hash,
            kind: k,
            at: ctx.options.now().toISOString(),
          })
        )
          first ||= k === kind;
      if (!first) return;
      await appendAudit(trx, SYSTEM, {
        entity: 'assessment',
        entityId: r.assessment_id,
        action: 'validity.remind',
        after: { kind, validUntil: v.validUntil, reassessmentDue: v.reassessmentDue },
      });
      await channel(trx, reminder);
      sent.push(reminder);
    });
  }
  return sent;
}

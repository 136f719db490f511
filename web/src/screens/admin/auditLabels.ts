/** Human labels of the audit log's record types and actions (unknown ones are shown as they are). */
import type { Lang } from '../../i18n/translate';
import { translate } from '../../i18n/translate';
import { zh, type MessageKey } from '../../i18n/messages';

export const AUDIT_ENTITIES = [
  'assessment',
  'organisation',
  'user',
  'session',
  'expert_profile',
  'team_member',
  'plan',
  'self_score',
  'expert_score',
  'expert_sheet',
  'consensus_score',
  'evidence_file',
  'result',
  'report',
  'data_export',
] as const;

export function auditEntityLabel(lang: Lang, entity: string): string {
  const key = `auditEntity.${entity}`;
  return key in zh ? translate(lang, key as MessageKey) : entity;
}

/** An action: a process command (`application.submit` → 提交申请) or a record action (`update` → 修改). */
export function auditActionLabel(lang: Lang, action: string): string {
  for (const key of [`command.${action}`, `auditAction.${action}`])
    if (key in zh) return translate(lang, key as MessageKey);
  return action;
}

/** The actions the log is filtered by: the record actions and process commands that have a label. */
export function auditActionOptions(lang: Lang): { value: string; label: string }[] {
  const out = new Map<string, string>();
  for (const key of Object.keys(zh)) {
    const m = /^(?:auditAction|command)\.(.+)$/.exec(key);
    if (m) out.set(m[1]!, auditActionLabel(lang, m[1]!));
  }
  return [...out].map(([value, label]) => ({ value, label }));
}

/** 4.6.2 现场采集证据, and evidence the enterprise submits (企业申请, 4.7.1 再次论证). */
import type { IndustryId } from '../model/types.js';
import type { EvidenceItem, ProcessError } from './types.js';
import { EVIDENCE_METHODS } from './types.js';
import { fail, isBlank, isIsoDateTime } from './util.js';

export interface EvidenceContext {
  industry: IndustryId;
  /** Does the requirement belong to the industry's scope? Injected: the model is not loaded here. */
  isRequirementOf: (industry: IndustryId, id: string) => boolean;
  now: Date;
  /** For collected evidence: the team's user ids (the collector must be on the team). */
  teamMemberIds?: readonly string[];
}

/**
 * Every problem with an evidence item (empty when valid):
 * - an id and a requirement id that belongs to the assessment's industry;
 * - collected evidence names a 4.6.2 method and a team member as collector; submitted evidence has no method
 *   requirement (the enterprise supplies documents);
 * - when (`at`) is a valid time not in the future;
 * - a file or a non-blank note (采集的资料应予以记录).
 */
export function validateEvidenceItem(
  item: EvidenceItem,
  ctx: EvidenceContext,
  field = 'item',
): ProcessError[] {
  const errors: ProcessError[] = [];
  if (isBlank(item.id)) errors.push(fail('validation', 'evidence item needs an id', `${field}.id`));
  if (isBlank(item.requirementId)) {
    errors.push(fail('validation', 'evidence item needs a requirement id', `${field}.requirementId`));
  } else if (!ctx.isRequirementOf(ctx.industry, item.requirementId)) {
    errors.push(
      fail(
        'validation',
        `requirement "${item.requirementId}" is not a requirement of industry ${ctx.industry}`,
        `${field}.requirementId`,
        { requirementId: item.requirementId, industry: ctx.industry },
      ),
    );
  }
  if (item.kind === 'collected') {
    if (item.method === undefined || !(EVIDENCE_METHODS as readonly string[]).includes(item.method)) {
      errors.push(
        fail(
          'validation',
          `collection method must be one of ${EVIDENCE_METHODS.join(', ')}`,
          `${field}.method`,
          {
            allowed: [...EVIDENCE_METHODS],
          },
        ),
      );
    }
    if (ctx.teamMemberIds !== undefined && !ctx.teamMemberIds.includes(item.by)) {
      errors.push(fail('validation', 'collected evidence must be collected by a team member', `${field}.by`));
    }
  } else if (item.method !== undefined && !(EVIDENCE_METHODS as readonly string[]).includes(item.method)) {
    errors.push(fail('validation', `unknown method "${String(item.method)}"`, `${field}.method`));
  }
  if (!isIsoDateTime(item.at)) {
    errors.push(fail('validation', 'evidence needs a valid date-time (when)', `${field}.at`));
  } else if (Date.parse(item.at) > ctx.now.getTime()) {
    errors.push(
      fail('validation', 'evidence cannot be dated in the future', `${field}.at`, {
        rule: 'evidence.at.future',
      }),
    );
  }
  const hasFile = item.file !== undefined && !isBlank(item.file.name) && !isBlank(item.file.ref);
  if (!hasFile && isBlank(item.note)) {
    errors.push(fail('validation', 'evidence needs a file or a note', `${field}.file`));
  }
  return errors;
}

/**
 * 4.5.3 现场预评估 and 正式评估: findings (评估发现) as records of their own, tied to requirements and evidence;
 * the enterprise states its rectification; the team closes a finding (or re-opens it).
 */
import type { Ctx, Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import type { Assessment, Finding, FindingChanges, ProcessError } from './types.js';
import { FINDING_KINDS, FINDING_SEVERITIES, FINDING_STATUSES } from './types.js';
import { fail, isBlank } from './util.js';

export const FINDING_TEXT_MAX = 4000;

export const findingsOf = (a: Pick<Assessment, 'findings'>): Finding[] => a.findings ?? [];

function refsProblems(
  a: Assessment,
  ctx: Ctx,
  requirementIds: unknown,
  evidenceIds: unknown,
  prefix: string,
): ProcessError[] {
  const errors: ProcessError[] = [];
  const rids = Array.isArray(requirementIds) ? (requirementIds as string[]) : [];
  if (rids.length === 0)
    errors.push(
      fail('validation', 'a finding names at least one requirement', `${prefix}requirementIds`, {
        rule: 'finding.requirements',
      }),
    );
  const outside = rids.filter((r) => !ctx.inScope(r));
  if (outside.length > 0)
    errors.push(
      fail('validation', `not in this assessment's scope: ${outside.join(', ')}`, `${prefix}requirementIds`, {
        rule: 'finding.scope',
        outside,
      }),
    );
  const eids = Array.isArray(evidenceIds) ? (evidenceIds as string[]) : [];
  const unknown = eids.filter((id) => !a.evidence.some((e) => e.id === id));
  if (unknown.length > 0)
    errors.push(
      fail('validation', `no evidence ${unknown.join(', ')}`, `${prefix}evidenceIds`, {
        rule: 'finding.evidence',
        unknown,
      }),
    );
  return errors;
}

function textProblems(text: unknown, field: string): ProcessError[] {
  if (isBlank(text))
    return [fail('validation', 'the finding needs its text', field, { rule: 'finding.text' })];
  if ((text as string).length > FINDING_TEXT_MAX)
    return [fail('validation', 'text too long', field, { rule: 'maxLength', limit: FINDING_TEXT_MAX })];
  return [];
}

const severityProblem = (s: unknown, field: string): ProcessError[] =>
  (FINDING_SEVERITIES as readonly unknown[]).includes(s)
    ? []
    : [fail('validation', `severity must be one of ${FINDING_SEVERITIES.join(', ')}`, field)];

export const guardRecord: Guard<'finding.record'> = (a, cmd, ctx) => {
  const f = cmd.finding;
  const errors: ProcessError[] = [];
  if (isBlank(f.id)) errors.push(fail('validation', 'the finding needs an id', 'finding.id'));
  else if (findingsOf(a).some((x) => x.id === f.id))
    errors.push(fail('conflict', `finding ${f.id} already exists`, 'finding.id'));
  if (!(FINDING_KINDS as readonly string[]).includes(f.kind))
    errors.push(fail('validation', `kind must be one of ${FINDING_KINDS.join(', ')}`, 'finding.kind'));
  errors.push(...textProblems(f.text, 'finding.text'), ...severityProblem(f.severity, 'finding.severity'));
  errors.push(...refsProblems(a, ctx, f.requirementIds, f.evidenceIds, 'finding.'));
  return firstOf(errors);
};

export const effectRecord: Effect<'finding.record'> = (a, cmd, ctx) => {
  const f = cmd.finding;
  const finding: Finding = {
    id: f.id,
    kind: f.kind,
    requirementIds: [...new Set(f.requirementIds)],
    evidenceIds: [...new Set(f.evidenceIds)],
    text: f.text.trim(),
    severity: f.severity,
    status: 'open',
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.at,
    updatedBy: ctx.actor.userId,
    updatedAt: ctx.at,
    version: 1,
  };
  return {
    assessment: { ...a, findings: [...findingsOf(a), finding] },
    events: [
      {
        type: 'finding.record',
        data: {
          findingId: finding.id,
          kind: finding.kind,
          severity: finding.severity,
          requirementIds: finding.requirementIds,
          // Hands work to the enterprise: it states its rectification.
          to: 'enterprise',
        },
      },
    ],
  };
};

export const guardUpdate: Guard<'finding.update'> = (a, cmd, ctx) => {
  const f = findingsOf(a).find((x) => x.id === cmd.findingId);
  if (!f) return fail('not_found', `no finding ${cmd.findingId}`, 'findingId');
  if (cmd.expectedVersion !== f.version)
    return fail('conflict', `finding ${f.id} is at version ${f.version}`, 'expectedVersion', {
      expectedVersion: cmd.expectedVersion,
      currentVersion: f.version,
    });
  const c: FindingChanges = cmd.changes ?? {};
  const errors: ProcessError[] = [];
  if (c.text !== undefined) errors.push(...textProblems(c.text, 'changes.text'));
  if (c.severity !== undefined) errors.push(...severityProblem(c.severity, 'changes.severity'));
  if (c.status !== undefined && !(FINDING_STATUSES as readonly string[]).includes(c.status))
    errors.push(fail('validation', `status must be one of ${FINDING_STATUSES.join(', ')}`, 'changes.status'));
  if (c.status === 'rectified')
    errors.push(
      fail('validation', 'the enterprise states the rectification (finding.rectify)', 'changes.status', {
        rule: 'finding.status.rectified',
      }),
    );
  if (c.requirementIds !== undefined || c.evidenceIds !== undefined)
    errors.push(
      ...refsProblems(
        a,
        ctx,
        c.requirementIds ?? f.requirementIds,
        c.evidenceIds ?? f.evidenceIds,
        'changes.',
      ),
    );
  return firstOf(errors);
};

export const effectUpdate: Effect<'finding.update'> = (a, cmd, ctx) => {
  const c = cmd.changes;
  let updated: Finding | undefined;
  const findings = findingsOf(a).map((f) => {
    if (f.id !== cmd.findingId) return f;
    updated = {
      ...f,
      ...(c.text !== undefined ? { text: c.text.trim() } : {}),
      ...(c.severity !== undefined ? { severity: c.severity } : {}),
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.requirementIds !== undefined ? { requirementIds: [...new Set(c.requirementIds)] } : {}),
      ...(c.evidenceIds !== undefined ? { evidenceIds: [...new Set(c.evidenceIds)] } : {}),
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.at,
      version: f.version + 1,
    };
    return updated;
  });
  const f = updated as Finding;
  return {
    assessment: { ...a, findings },
    events: [
      {
        type: 'finding.update',
        data: {
          findingId: f.id,
          status: f.status,
          requirementIds: f.requirementIds,
          changed: Object.keys(c),
        },
      },
    ],
  };
};

export const guardRectify: Guard<'finding.rectify'> = (a, cmd) => {
  const f = findingsOf(a).find((x) => x.id === cmd.findingId);
  if (!f) return fail('not_found', `no finding ${cmd.findingId}`, 'findingId');
  if (f.status === 'closed')
    return fail('locked', 'the finding is closed', 'findingId', { rule: 'finding.closed' });
  const errors = textProblems(cmd.text, 'text');
  const ids = Array.isArray(cmd.evidenceIds) ? cmd.evidenceIds : [];
  const unknown = ids.filter((id) => !a.evidence.some((e) => e.id === id && e.kind === 'submitted'));
  if (unknown.length > 0)
    errors.push(
      fail('validation', `no submitted evidence ${unknown.join(', ')}`, 'evidenceIds', {
        rule: 'finding.evidence',
        unknown,
      }),
    );
  return firstOf(errors);
};

export const effectRectify: Effect<'finding.rectify'> = (a, cmd, ctx) => {
  const findings = findingsOf(a).map((f) =>
    f.id === cmd.findingId
      ? {
          ...f,
          status: 'rectified' as const,
          rectification: {
            text: cmd.text.trim(),
            evidenceIds: [...new Set(cmd.evidenceIds ?? [])],
            by: ctx.actor.userId,
            at: ctx.at,
          },
          updatedBy: ctx.actor.userId,
          updatedAt: ctx.at,
          version: f.version + 1,
        }
      : f,
  );
  const f = findings.find((x) => x.id === cmd.findingId) as Finding;
  return {
    assessment: { ...a, findings },
    events: [
      {
        type: 'finding.rectify',
        data: {
          findingId: f.id,
          requirementIds: f.requirementIds,
          // Hands the check back to the team member who recorded the finding.
          to: f.recordedBy,
        },
      },
    ],
  };
};

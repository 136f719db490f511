/** 4.6.4 评估报告, opening 4.7.1 communication, 4.7.2 publication, and re-opening. */
import type { Effect, Guard } from './context.js';
import { openContestWindow } from './contest.js';
import type { Assessment, Report, ReportSection, Seal } from './types.js';
import { REPORT_SECTIONS, REPORT_SECTION_NAMES_ZH } from './types.js';
import { canonicalJson, fail, isBlank, sha256 } from './util.js';

/** Report sections still blank. */
export function missingReportSections(report: Report | undefined): ReportSection[] {
  return REPORT_SECTIONS.filter((s) => isBlank(report?.sections[s]));
}

export const guardReportWrite: Guard<'report.write'> = (a, cmd) => {
  const unknown = Object.keys(cmd.sections ?? {}).filter(
    (k) => !(REPORT_SECTIONS as readonly string[]).includes(k),
  );
  if (unknown.length > 0)
    return fail('validation', `unknown report sections: ${unknown.join(', ')}`, 'sections', { unknown });
  const bad = Object.entries(cmd.sections ?? {}).filter(([, v]) => typeof v !== 'string');
  if (bad.length > 0) return fail('validation', 'report sections are text', `sections.${bad[0]?.[0] ?? ''}`);
  const currentVersion = a.report?.version ?? 0;
  if (cmd.expectedVersion !== currentVersion) {
    return fail('conflict', `the report is at version ${currentVersion}`, 'expectedVersion', {
      expectedVersion: cmd.expectedVersion,
      currentVersion,
    });
  }
  return null;
};

export const effectReportWrite: Effect<'report.write'> = (a, cmd, ctx) => {
  const report: Report = {
    ...(a.report ?? {}),
    sections: { ...(a.report?.sections ?? {}), ...cmd.sections },
    version: (a.report?.version ?? 0) + 1,
    updatedAt: ctx.at,
    updatedBy: ctx.actor.userId,
  };
  return {
    assessment: { ...a, report },
    events: [
      { type: 'report.written', data: { version: report.version, sections: Object.keys(cmd.sections) } },
    ],
  };
};

/** Communicating the result needs a complete report; it opens the contest window. */
export const guardOpenCommunication: Guard<'communication.open'> = (a, _cmd, ctx) => {
  const missing = missingReportSections(a.report);
  if (missing.length > 0) {
    return fail(
      'validation',
      `report sections missing: ${missing.map((s) => REPORT_SECTION_NAMES_ZH[s]).join('、')}`,
      'report',
      {
        missing,
      },
    );
  }
  if (!Number.isFinite(ctx.options.contestWindowDays) || ctx.options.contestWindowDays < 0) {
    return fail(
      'validation',
      'the contest window must be a non-negative number of days',
      'options.contestWindowDays',
    );
  }
  return null;
};

export const effectOpenCommunication: Effect<'communication.open'> = (a, _cmd, ctx) => {
  const contestWindow = openContestWindow(ctx.now, ctx.options.contestWindowDays);
  return {
    assessment: { ...a, report: { ...(a.report as Report), issuedAt: ctx.at }, contestWindow },
    events: [{ type: 'communication.opened', data: { deadline: contestWindow.deadline } }],
  };
};

/** What the seal's hash covers. */
export function sealContent(a: Assessment) {
  return {
    assessmentId: a.id,
    enterpriseOrgId: a.enterpriseOrgId,
    bodyOrgId: a.bodyOrgId,
    industry: a.industry,
    modelId: a.modelId,
    result: a.result ?? null,
    report: a.report?.sections ?? null,
    contests: a.contests.map((c) => ({ id: c.id, requirementId: c.requirementId, answer: c.answer ?? null })),
  };
}

export const guardPublish: Guard<'publish'> = (a) =>
  a.result ? null : fail('validation', 'there is no frozen result to publish', 'result');

export const effectPublish: Effect<'publish'> = (a, _cmd, ctx) => {
  const seal: Seal = {
    at: ctx.at,
    by: ctx.actor.userId,
    hash: sha256(canonicalJson(sealContent(a))),
    resultRevision: a.result?.revision ?? 0,
  };
  return {
    assessment: { ...a, seal },
    events: [{ type: 'result.published', data: { hash: seal.hash, resultRevision: seal.resultRevision } }],
  };
};

export const guardReopen: Guard<'reopen'> = (_a, cmd) =>
  isBlank(cmd.reason)
    ? fail('validation', 're-opening a published result needs a reason', 'reason', { rule: 'reopen.reason' })
    : null;

/**
 * Re-opening returns to consensus: the seal is kept in `reopenings`, the current result is unfrozen (it stays
 * in `resultHistory`), the final meeting and the contest window are cleared (a new round follows), the report
 * stays as a draft.
 */
export const effectReopen: Effect<'reopen'> = (a, cmd, ctx) => {
  const { seal, result: _result, contestWindow: _w, ...rest } = a;
  const { final: _final, ...meetings } = a.meetings;
  const next: Assessment = {
    ...rest,
    meetings,
    reopenings: [
      ...a.reopenings,
      { at: ctx.at, by: ctx.actor.userId, reason: cmd.reason.trim(), previousSeal: seal as Seal },
    ],
  };
  if (a.report) {
    const { issuedAt: _issued, ...report } = a.report;
    next.report = report;
  }
  return { assessment: next, events: [{ type: 'result.reopened', data: { reason: cmd.reason.trim() } }] };
};

/**
 * The report as a background job (issues 11/12): `requestRender` records a render and enqueues the job
 * `report_render` (src/service/jobs.ts; without a queue — one-shot CLI commands, most tests — it runs in this
 * process after the answer); the job renders the Word file in a worker thread, converts it to PDF and, for a
 * preview, makes PNG images of the first pages (src/reports/preview.ts). Every file is kept in the evidence
 * storage under the content hash of what was rendered (`report_files`), so the same report is never rendered
 * twice — the direct download (`GET …/report`, the CLI) goes through `renderPart` too.
 *
 * Who may: exactly as the report itself (`reportableAssessment`: the assessment's readers; the enterprise once the
 * result is communicated), checked at every request and again when the job runs; a render is read only by the
 * user who asked for it (the report's comparison section depends on what its reader may see).
 */
import type { RenderFormat, RenderStatus, RenderStep } from '../contract/report-renders.js';
import type { ReportRequest } from '../reports/render.js';
import type { Assessment } from '../process/types.js';
import { EvidenceNotFoundError, readAll, type EvidenceStorage } from '../store/files.js';
import { loadDoc } from '../store/repos/documents.js';
import { planningProfileOf } from '../model/profile.js';
import { getOrganisation, organisationNames } from '../store/repos/organisations.js';
import {
  deleteReportFile,
  getRender,
  getReportFile,
  insertRender,
  insertReportFile,
  updateRender,
  type RenderError,
  type ReportRender,
} from '../store/repos/report-renders.js';
import { getUser, userDisplayNames } from '../store/repos/users.js';
import { canonicalJson, newId, nowIso, sha256Hex } from '../store/util.js';
import { callerOf } from './auth.js';
import { getComparison, reportComparisonOf } from './comparison.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { canSeeTeamResult } from '../process/visibility.js';
import { authorizeAssessment } from './access.js';
import { auditReportDownload } from './export-audit.js';

/**
 * Part of every content hash: raise it when the writers change what they print, so files rendered by an older
 * version are not served for the new one.
 */
export const RENDERER_VERSION = 'report-2026-11';

/** The job of a render (its id is the render's id). */
export const REPORT_RENDER_JOB = 'report_render';

/** Preview: images of the first pages. */
export const PREVIEW_PAGES = 8;

export type FilePart = 'docx' | 'pdf' | 'xlsx';

export interface PreparedReport {
  assessmentId: string;
  request: ReportRequest;
  enterprise: string;
  /** sha256 of the renderer version and the request (the frozen or sealed result, names, comparison). */
  hash: string;
}

/** The assessment whose report `caller` asks for: its readers; the enterprise once the result is communicated. */
export async function reportableAssessment(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<Assessment> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the report is visible to the enterprise once communicated', {
      rule: 'result_not_communicated',
    });
  return a;
}

/** Everyone an assessment's report may name: evidence collectors, plan people, meeting and seal authors. */
function userIdsOf(a: Assessment): string[] {
  const ids: string[] = [];
  for (const e of a.evidence) ids.push(e.by);
  for (const p of Object.values(a.plans)) if (p) ids.push(...p.people, p.writtenBy);
  for (const m of Object.values(a.meetings)) if (m) ids.push(m.recordedBy);
  for (const c of a.contests) ids.push(c.filedBy, ...(c.answer ? [c.answer.answeredBy] : []));
  if (a.seal) ids.push(a.seal.by);
  if (a.report) ids.push(a.report.updatedBy);
  if (a.application.submittedBy) ids.push(a.application.submittedBy);
  return ids;
}

/** What the report of `id` is made from, as `caller` may read it, and its content hash. */
export async function prepareReport(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<PreparedReport> {
  await reportableAssessment(ctx, caller, id);
  const doc = await loadDoc(ctx.db, id);
  if (!doc) throw notFound('assessment');
  const a = doc.assessment;
  if (!a.result)
    throw new ServiceError('INVALID_TRANSITION', `the report needs a frozen result (stage ${a.stage})`, {
      params: { stage: a.stage, rule: 'result_not_frozen' },
    });
  const [orgs, users, org] = await Promise.all([
    organisationNames(ctx.db, [a.enterpriseOrgId, a.bodyOrgId]),
    userDisplayNames(ctx.db, userIdsOf(a)),
    getOrganisation(ctx.db, a.enterpriseOrgId),
  ]);
  const enterprise = orgs.get(a.enterpriseOrgId) ?? '';
  // The enterprise profile (4.6.4) fits the plan's advice to its size and sub-sector and is named in the report.
  const profile = org && planningProfileOf(org.profile);
  // A re-assessment's report compares with the previous published result the caller may read.
  const comparison = reportComparisonOf(await getComparison(ctx, caller, id));
  const request: ReportRequest = {
    assessment: a,
    names: { enterprise, body: orgs.get(a.bodyOrgId) ?? '', users: Object.fromEntries(users) },
    ...(profile ? { profile } : {}),
    ...(comparison ? { comparison } : {}),
  };
  const hash = sha256Hex(canonicalJson({ renderer: RENDERER_VERSION, request }));
  return { assessmentId: id, request, enterprise, hash };
}

/** The error of a failed render or download, as the API states errors. */
async function renderingError(error: unknown): Promise<unknown> {
  const { ToolMissingError, ConversionError } = await import('../reports/pdf.js');
  const poppler = (e: { message: string }) => /pdftoppm|pdfinfo/.test(e.message);
  if (error instanceof ToolMissingError)
    return new ServiceError('NOT_IMPLEMENTED', `${error.tool} is not installed on the server`, {
      params: { tool: poppler(error) ? 'poppler' : 'LibreOffice' },
    });
  if (error instanceof ConversionError)
    return new ServiceError('UNAVAILABLE', `conversion failed: ${error.message}`, {
      params: { tool: poppler(error) ? 'poppler' : 'LibreOffice' },
    });
  return error;
}

/** Stores `bytes` as `part` of `hash`; when another render stored it first, theirs is kept. */
async function keep(ctx: ServiceContext, hash: string, part: string, bytes: Buffer): Promise<void> {
  const stored = await ctx.storage.put(bytes);
  const row = { contentHash: hash, part, storageKey: stored.key, size: stored.size };
  if (!(await insertReportFile(ctx.db, row, ctx.options.now()))) await ctx.storage.delete(stored.key);
}

async function readStored(storage: EvidenceStorage, key: string): Promise<Buffer | undefined> {
  try {
    return await readAll(await storage.get(key));
  } catch (error) {
    if (error instanceof EvidenceNotFoundError) return undefined;
    throw error;
  }
}

/** The kept file of `part`, or undefined (also when its stored object went missing). */
async function kept(ctx: ServiceContext, hash: string, part: string): Promise<Buffer | undefined> {
  const row = await getReportFile(ctx.db, hash, part);
  if (!row) return undefined;
  const bytes = await readStored(ctx.storage, row.storageKey);
  // The object went missing (a restored database, a cleaned storage): rendered and kept again.
  if (!bytes) await deleteReportFile(ctx.db, hash, part);
  return bytes;
}

/**
 * The report file `format` of `prepared`: the kept one, or rendered (in a worker thread; the PDF through the warm
 * LibreOffice) and kept.
 */
export async function renderPart(
  ctx: ServiceContext,
  prepared: PreparedReport,
  format: FilePart,
  onStep?: (step: RenderStep) => Promise<void>,
): Promise<Buffer> {
  const done = await kept(ctx, prepared.hash, format);
  if (done) return done;
  await onStep?.(format === 'pdf' ? 'pdf' : 'docx');
  const { renderReport } = await import('../reports/render-pool.js');
  let bytes: Buffer;
  try {
    bytes = await renderReport(prepared.request, format);
  } catch (error) {
    throw await renderingError(error);
  }
  await keep(ctx, prepared.hash, format, bytes);
  return bytes;
}

interface PreviewInfo {
  pages: number;
  previewPages: number;
}

/** The preview of `prepared`: its PDF and PNG images of the first pages, kept as `page-<n>` and `preview`. */
export async function renderPreview(
  ctx: ServiceContext,
  prepared: PreparedReport,
  onStep?: (step: RenderStep) => Promise<void>,
): Promise<PreviewInfo & { pdfSize: number }> {
  const pdf = await renderPart(ctx, prepared, 'pdf', onStep);
  const info = await kept(ctx, prepared.hash, 'preview');
  if (info) return { ...(JSON.parse(info.toString()) as PreviewInfo), pdfSize: pdf.length };
  await onStep?.('pages');
  const { pdfPreview } = await import('../reports/preview.js');
  let preview;
  try {
    preview = await pdfPreview(pdf, { maxPages: PREVIEW_PAGES });
  } catch (error) {
    throw await renderingError(error);
  }
  for (const [i, png] of preview.images.entries()) await keep(ctx, prepared.hash, `page-${i + 1}`, png);
  const out: PreviewInfo = { pages: preview.pages, previewPages: preview.images.length };
  await keep(ctx, prepared.hash, 'preview', Buffer.from(JSON.stringify(out)));
  return { ...out, pdfSize: pdf.length };
}

function partOf(format: RenderFormat): FilePart {
  return format === 'preview' ? 'pdf' : format;
}

/** A done render's figures when everything `format` needs is kept already. */
async function keptResult(
  ctx: ServiceContext,
  hash: string,
  format: RenderFormat,
): Promise<{ size: number; pages: number | null; previewPages: number | null } | undefined> {
  const file = await getReportFile(ctx.db, hash, partOf(format));
  if (!file || !(await ctx.storage.exists(file.storageKey))) return undefined;
  if (format !== 'preview') return { size: file.size, pages: null, previewPages: null };
  const info = await kept(ctx, hash, 'preview');
  if (!info) return undefined;
  const p = JSON.parse(info.toString()) as PreviewInfo;
  return { size: file.size, pages: p.pages, previewPages: p.previewPages };
}

function statusOf(r: ReportRender, cached = false): RenderStatus {
  const base = `/api/assessments/${encodeURIComponent(r.assessmentId)}/report/renders/${r.id}`;
  return {
    id: r.id,
    format: r.format,
    state: r.state,
    step: (r.step as RenderStep | null) ?? null,
    error: r.error
      ? {
          code: r.error.code as NonNullable<RenderStatus['error']>['code'],
          message: r.error.message,
          ...(r.error.params ? { params: r.error.params } : {}),
        }
      : null,
    size: r.size,
    pages: r.pages,
    previewPages: r.previewPages,
    downloadUrl: r.state === 'done' ? `${base}/file` : null,
    cached,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** `POST …/report/renders`: records the render; done at once when the same report was rendered before. */
export async function requestRender(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  format: RenderFormat,
): Promise<RenderStatus> {
  const prepared = await prepareReport(ctx, caller, id);
  const now = nowIso(ctx.options.now());
  const done = await keptResult(ctx, prepared.hash, format);
  const render: ReportRender = {
    id: newId(),
    assessmentId: id,
    userId: caller.user.id,
    format,
    contentHash: prepared.hash,
    state: done ? 'done' : 'queued',
    step: null,
    error: null,
    size: done?.size ?? null,
    pages: done?.pages ?? null,
    previewPages: done?.previewPages ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await insertRender(ctx.db, render);
  if (!done) {
    if (ctx.jobs) await ctx.jobs.send(REPORT_RENDER_JOB, { renderId: render.id }, { id: render.id });
    else setImmediate(() => void runRender(ctx, render.id).catch(() => undefined));
  }
  return statusOf(render, !!done);
}

function errorOf(error: unknown): RenderError {
  if (error instanceof ServiceError)
    return {
      code: error.code,
      message: error.message,
      ...(error.extra.params ? { params: error.extra.params } : {}),
    };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The job: renders what the render asks for, as its requester may read it now (access is checked again), and
 * records the steps, the figures or the failure. Never throws for a failed rendering (it is recorded; a retry
 * would fail the same way); an interrupted job (process killed) is run again by the queue and starts over.
 */
export async function runRender(ctx: ServiceContext, renderId: string): Promise<void> {
  const r = await getRender(ctx.db, renderId);
  if (!r || r.state === 'done' || r.state === 'failed') return;
  const now = () => ctx.options.now();
  const step = (s: RenderStep) => updateRender(ctx.db, renderId, { state: 'rendering', step: s }, now());
  try {
    await step('data');
    const user = await getUser(ctx.db, r.userId);
    if (!user) throw notFound('user');
    const prepared = await prepareReport(ctx, callerOf(user), r.assessmentId);
    if (prepared.hash !== r.contentHash)
      await updateRender(ctx.db, renderId, { contentHash: prepared.hash }, now());
    if (r.format === 'preview') {
      const p = await renderPreview(ctx, prepared, step);
      await updateRender(
        ctx.db,
        renderId,
        { state: 'done', step: null, size: p.pdfSize, pages: p.pages, previewPages: p.previewPages },
        now(),
      );
    } else {
      const bytes = await renderPart(ctx, prepared, partOf(r.format), step);
      await updateRender(ctx.db, renderId, { state: 'done', step: null, size: bytes.length }, now());
    }
  } catch (error) {
    await updateRender(ctx.db, renderId, { state: 'failed', step: null, error: errorOf(error) }, now()).catch(
      () => undefined,
    );
  }
}

/** The render `renderId` of assessment `id` when `caller` asked for it and may still read the report. */
async function ownRender(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  renderId: string,
): Promise<ReportRender> {
  await reportableAssessment(ctx, caller, id);
  const r = await getRender(ctx.db, renderId);
  if (!r || r.assessmentId !== id || r.userId !== caller.user.id) throw notFound('render');
  return r;
}

export async function getRenderStatus(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  renderId: string,
): Promise<RenderStatus> {
  return statusOf(await ownRender(ctx, caller, id, renderId));
}

export interface RenderedFile {
  buffer: Buffer;
  mime: string;
  /** For the download's name. */
  enterprise: string;
  extension: 'docx' | 'pdf' | 'png';
}

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  png: 'image/png',
} as const;

function notReady(r: ReportRender): ServiceError {
  return new ServiceError('INVALID_TRANSITION', `the render is ${r.state}`, {
    params: { rule: 'render_not_done', state: r.state },
  });
}

/** A done render's file (the PDF of a preview), or one of its preview pages. */
export async function renderedFile(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  renderId: string,
  page?: number,
): Promise<RenderedFile> {
  const r = await ownRender(ctx, caller, id, renderId);
  if (r.state !== 'done') throw notReady(r);
  if (page !== undefined && r.format !== 'preview')
    throw new ServiceError('INVALID_TRANSITION', `a ${r.format} render has no preview pages`, {
      params: { rule: 'render_not_preview', format: r.format },
    });
  if (page !== undefined && page > (r.previewPages ?? 0)) throw notFound('page');
  const part = page === undefined ? partOf(r.format) : `page-${page}`;
  const buffer = await kept(ctx, r.contentHash, part);
  if (!buffer) throw notFound('file');
  const orgs = await loadDoc(ctx.db, id).then((d) =>
    d ? organisationNames(ctx.db, [d.assessment.enterpriseOrgId]) : new Map<string, string>(),
  );
  const extension = page === undefined ? (partOf(r.format) === 'docx' ? 'docx' : 'pdf') : 'png';
  if (page === undefined)
    await auditReportDownload(ctx, caller, id, { format: extension === 'docx' ? 'docx' : 'pdf', renderId });
  return { buffer, mime: MIME[extension], enterprise: [...orgs.values()][0] ?? '', extension };
}

/** The job type (src/service/jobs.ts). */
export const reportRenderJob = {
  definition: (ctx: ServiceContext) => ({
    name: REPORT_RENDER_JOB,
    // A failure is recorded by the handler; a retry only runs when an attempt died (process killed, expired).
    retryLimit: 1,
    retryDelaySeconds: 5,
    retryBackoff: false,
    expireInSeconds: 600,
    concurrency: 1,
    handler: async (job: { data: { renderId: string } }) => {
      await runRender(ctx, job.data.renderId);
      return { renderId: job.data.renderId };
    },
  }),
};

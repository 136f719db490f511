/**
 * One entry for every report file: the request (an assessment of the process, a report source, or ready report
 * data) → report data → DOCX / XLSX / JSON bytes. Runs in whatever thread calls it; render-pool.ts runs it in a
 * worker thread, and adds the PDF (the DOCX through the warm LibreOffice of the calling thread).
 */
import { loadModel } from '../model/load.js';
import type { StandardModel } from '../model/types.js';
import { gradeKeyOf } from '../planning/build.js';
import type { EnterpriseProfile } from '../planning/level-plan.js';
import type { GradeKey } from '../planning/types.js';
import type { Assessment } from '../process/types.js';
import { compileScoring, score } from '../scoring/index.js';
import {
  buildAssessmentReport,
  buildReportData,
  isoDateChina,
  type ReportNames,
  type ReportOptions,
  type ReportSource,
} from './assessment-report.js';
import type { RequirementNote } from './common.js';
import { renderReportDocx } from './docx-report.js';
import type { ReportComparison, ReportData } from './report-data.js';
import { resultWorkbookBuffer } from './xlsx-export.js';

export const REPORT_FILE_FORMATS = ['docx', 'pdf', 'xlsx', 'json'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** What to report on: plain data (structured-cloneable), so it can cross into a worker thread. */
export type ReportRequest =
  | {
      assessment: Assessment;
      names: ReportNames;
      profile?: EnterpriseProfile;
      options?: ReportOptions;
      /** A re-assessment: the comparison with the previous published result. */
      comparison?: ReportComparison;
    }
  | { source: ReportSource; options?: ReportOptions }
  | { data: ReportData };

function sourceOf(req: ReportRequest): { model: StandardModel; source: ReportSource } | undefined {
  if ('source' in req) return { model: loadModel(req.source.modelId), source: req.source };
  if ('assessment' in req) {
    const a = req.assessment;
    if (!a.result) throw new Error(`report: assessment ${a.id} has no frozen result`);
    return {
      model: loadModel(a.result.modelId),
      source: {
        modelId: a.result.modelId,
        industry: a.industry,
        scores: a.result.teamScores,
        enterprise: req.names.enterprise,
        notes: Object.fromEntries(
          Object.entries(a.consensus)
            .filter(([, e]) => e.rationale)
            .map(([id, e]) => [id, { rationale: e.rationale }]),
        ),
        reportDate: isoDateChina(a.seal?.at ?? a.report?.issuedAt ?? a.result.frozenAt),
      },
    };
  }
  return undefined;
}

/** The report data of a request (loads the model version it names). */
export function reportDataOf(req: ReportRequest): ReportData {
  if ('data' in req) return req.data;
  if ('assessment' in req) {
    const model = loadModel(req.assessment.result?.modelId ?? req.assessment.modelId);
    const data = buildAssessmentReport({
      assessment: req.assessment,
      model,
      names: req.names,
      ...(req.profile ? { profile: req.profile } : {}),
      ...(req.options ? { options: req.options } : {}),
    });
    return req.comparison ? { ...data, comparison: req.comparison } : data;
  }
  return buildReportData(loadModel(req.source.modelId), req.source, req.options);
}

/** The result workbook (总览 + 评分明细) of a request with scores. */
export async function resultWorkbookOf(req: ReportRequest): Promise<Buffer> {
  const s = sourceOf(req);
  if (!s) throw new Error('report: an xlsx needs the scores (an assessment or a source, not report data)');
  const { model, source } = s;
  const compiled = compileScoring(model, source.industry);
  const result = score(compiled, source.scores, { partial: source.partial ?? false });
  const grades = new Map<string, GradeKey>();
  for (const [id, v] of Object.entries(source.scores)) {
    const k = v === null || v === undefined ? undefined : gradeKeyOf(model.satisfaction, v);
    if (k) grades.set(id, k);
  }
  const notes = new Map<string, RequirementNote>(Object.entries(source.notes ?? {}));
  return resultWorkbookBuffer({
    model,
    compiled,
    result,
    grades,
    notes,
    info: {
      enterprise: source.enterprise,
      industry: source.industry,
      modelId: model.meta.id,
      modelTitle: model.meta.title,
      ...(source.reportDate ? { reportDate: source.reportDate } : {}),
    },
  });
}

/** DOCX, XLSX or JSON bytes of a request, in this thread. */
export async function renderInThisThread(
  req: ReportRequest,
  format: Exclude<ReportFileFormat, 'pdf'>,
): Promise<Buffer> {
  if (format === 'xlsx') return resultWorkbookOf(req);
  const data = reportDataOf(req);
  if (format === 'json') return Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8');
  return renderReportDocx(data);
}

/** The English of reports.ts (its own chunk with messages-en.ts: loaded only when a user picks English). */
import type { reportMessages } from './reports';

export const reportMessagesEn: Record<keyof typeof reportMessages, string> = {
  'render.title': 'Generate the report',
  'render.format': 'Format',
  'render.docx': 'Word (DOCX)',
  'render.pdf': 'PDF',
  'render.preview': 'PDF with page preview',
  'render.start': 'Generate',
  'render.again': 'Generate again',
  'render.queued': 'Queued',
  'render.rendering': 'Generating',
  'render.done': 'Done',
  'render.failed': 'Failed',
  'render.step.data': 'Collecting the assessment data',
  'render.step.docx': 'Writing the Word document',
  'render.step.pdf': 'Converting to PDF',
  'render.step.pages': 'Drawing the preview pages',
  'render.size': 'File size: {size}',
  'render.cached': 'The report has not changed: the file generated before is used',
  'render.download': 'Download {f}',
  'render.pages': '{pages} pages; the first {shown} are shown',
  'render.page': 'Page {n}',
  'render.hint':
    'The report is generated in the background; you may leave this page. Word takes a few seconds, PDF and the preview a little longer.',
  'render.retry': 'Retry',
  'rule.INVALID_TRANSITION.render_not_done': 'The report is not ready yet; download it once it is done.',
  'rule.INVALID_TRANSITION.render_not_preview':
    'This report was generated without preview pages; choose “PDF with page preview”.',
  'rule.INVALID_TRANSITION.result_not_frozen': 'The report can be generated once the result is frozen.',
  'rule.NOT_IMPLEMENTED.tool':
    '{tool} is not installed on the server; download the Word version or ask the platform administrator.',
  'rule.VALIDATION.idempotencyKey': 'The upload’s retry key is not valid; reload the page and upload again.',
};

/** The worker of render-pool.ts: renders one report file per task, off the main thread. */
import { renderInThisThread, type ReportFileFormat, type ReportRequest } from './render.js';

export default async function render(task: {
  request: ReportRequest;
  format: Exclude<ReportFileFormat, 'pdf'>;
}): Promise<Uint8Array> {
  const buf = await renderInThisThread(task.request, task.format);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

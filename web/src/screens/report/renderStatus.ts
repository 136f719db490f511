/** Pure helpers of the 生成报告 panel (tested without a browser). */
import type { RenderStatus } from '@engine/contract/index';

/** Bytes as the user reads them (KB / MB, one decimal). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The index of the progress steps (queued, rendering, done) a render is at. */
export function stepIndex(s: Pick<RenderStatus, 'state'>): number {
  return s.state === 'queued' ? 0 : s.state === 'rendering' ? 1 : 2;
}

/** Still to be polled: queued or rendering. */
export function isRunning(s: Pick<RenderStatus, 'state'>): boolean {
  return s.state === 'queued' || s.state === 'rendering';
}

/** Process stages (src/process) as the UI shows them: the main path, and progress along it. */
import { MAIN_PATH } from '@engine/process/types';
import type { Stage } from '@engine/contract/index';

export { MAIN_PATH };

/** Index on the main path (terminal side exits map to where they left it). */
export function stageIndex(stage: Stage): number {
  if (stage === 'withdrawn' || stage === 'rejected') return 1;
  return MAIN_PATH.indexOf(stage);
}

/** Percent of the process done, 0..100. */
export function stagePercent(stage: Stage): number {
  if (stage === 'published') return 100;
  return Math.round((stageIndex(stage) / (MAIN_PATH.length - 1)) * 100);
}

export function isTerminal(stage: Stage): boolean {
  return stage === 'withdrawn' || stage === 'rejected' || stage === 'published';
}

/** Process stages (src/process) as the UI shows them: the main path, and progress along it. */
import type { Stage } from '../api/contract';

export const MAIN_PATH: readonly Stage[] = [
  'application',
  'submitted',
  'team_formation',
  'planning',
  'evidence_collection',
  'scoring',
  'consensus',
  'result_frozen',
  'report_draft',
  'communication',
  'final_meeting',
  'published',
];

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

/** The English of exports.ts (in the home screen's chunk with the Chinese: a few lines, loaded with the screen). */
import type { exportMessages } from './exports';

export const exportMessagesEn: Record<keyof typeof exportMessages, string> = {
  'export.button': 'Export to Excel',
  'export.buttonN': 'Export to Excel ({n})',
  'export.hint':
    'Exports all {n} assessments of the current filters (no paging) with a sheet naming the filters; results only where you may see them.',
  'export.tooMany': '{n} assessments match; one export holds at most {max}. Narrow the filters first.',
  'export.none': 'No assessments match the filters.',
};

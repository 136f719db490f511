/**
 * The assessment list's Excel export (issue 12): loaded with the home screen (a lazy chunk), never with the first
 * script; read with `useFeatureText(exportMessages)` (./useFeatureText.ts).
 */
import { defineLazyMessages } from './useFeatureText';

export const exportMessages = defineLazyMessages(
  {
    'export.button': '导出 Excel',
    'export.buttonN': '导出 Excel（{n} 项）',
    'export.hint':
      '按当前筛选条件导出全部 {n} 项评估（不分页），含筛选条件说明；评估结果只在您可查看时列出。',
    'export.tooMany': '符合条件的评估有 {n} 项，单次最多导出 {max} 项，请先缩小筛选范围。',
    'export.none': '没有符合条件的评估可导出。',
  },
  {
    'export.button': 'Export to Excel',
    'export.buttonN': 'Export to Excel ({n})',
    'export.hint':
      'Exports all {n} assessments of the current filters (no paging) with a sheet naming the filters; results only where you may see them.',
    'export.tooMany': '{n} assessments match; one export holds at most {max}. Narrow the filters first.',
    'export.none': 'No assessments match the filters.',
  },
);

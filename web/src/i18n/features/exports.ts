/**
 * The assessment list's Excel export (issue 12). Loaded with the home screen (a lazy chunk), not registered in
 * messages.ts: looked up with `useFeatureText` (../lazy.ts); the English beside it in exports.en.ts.
 */
import { defineMessages } from '../define';

export const exportMessages = defineMessages({
  'export.button': '导出 Excel',
  'export.buttonN': '导出 Excel（{n} 项）',
  'export.hint': '按当前筛选条件导出全部 {n} 项评估（不分页），含筛选条件说明；评估结果只在您可查看时列出。',
  'export.tooMany': '符合条件的评估有 {n} 项，单次最多导出 {max} 项，请先缩小筛选范围。',
  'export.none': '没有符合条件的评估可导出。',
});

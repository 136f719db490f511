/** The Word report of a re-assessment: the section comparing with the previous published result (issue 14). */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { zipEntry } from '../testing/zip.js';
import { buildAssessmentReport } from './assessment-report.js';
import { COMPARISON_HEADING, REPORT_HEADINGS, renderReportDocx } from './docx-report.js';
import type { ReportComparison } from './report-data.js';
import { SAMPLE_SPECS, sampleAssessment } from './sample-assessment.js';

const model = loadModel('nfm-dtmm-2024-draft');
const data = buildAssessmentReport({ model, ...sampleAssessment(model, SAMPLE_SPECS.mining) });
const plain = async (d: typeof data) =>
  zipEntry(await renderReportDocx(d), 'word/document.xml')!
    .toString('utf8')
    .replace(/<[^>]+>/g, '');

const comparison: ReportComparison = {
  previousDateZh: '2025年11月20日',
  previous: { total: '3.05', conclusion: '三级 领域级' },
  current: { total: '4.06', conclusion: '四级 平台级' },
  total: { name: '总分', before: '3.05', after: '4.06', delta: '+1.01' },
  levels: [{ name: 'S4 等级得分', before: '0.41', after: '0.70', delta: '+0.29' }],
  domains: [{ name: '能力域：数据', before: '2.89', after: '3.71', delta: '+0.82' }],
  unitsUp: [{ name: '工艺设计', before: '2.40', after: '4.57', delta: '+2.17' }],
  unitsDown: [{ name: '服务运行', before: '3.10', after: '2.90', delta: '-0.20' }],
  requirements: { improved: 283, fell: 2 },
  plan: { target: '五级', steps: 156, achieved: 59, improved: 60, notAchieved: 37 },
};

describe('the comparison section of a re-assessment report', () => {
  it('is printed after the plan, with the previous result, the changes and the previous plan’s steps', async () => {
    const text = await plain({ ...data, comparison });
    const at = text.indexOf(COMPARISON_HEADING);
    expect(at).toBeGreaterThan(text.indexOf(REPORT_HEADINGS.suggestions));
    expect(at).toBeLessThan(text.lastIndexOf(REPORT_HEADINGS.signature));
    const section = text.slice(at, text.lastIndexOf(REPORT_HEADINGS.signature));
    for (const s of [
      '2025年11月20日',
      '三级 领域级',
      '四级 平台级',
      '+1.01',
      '能力域：数据',
      '工艺设计',
      '服务运行',
      '283',
      '共 156 条改进步骤',
      '已达到目标满足程度 59 条',
    ])
      expect(section).toContain(s);
  });

  it('is absent from a first assessment’s report', async () => {
    expect(await plain(data)).not.toContain(COMPARISON_HEADING);
  });
});

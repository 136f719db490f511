/** 4.5.3: the findings (评估发现) of the pre-assessment and the formal assessment in the Word report. */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { zipEntry } from '../testing/zip.js';
import { buildAssessmentReport } from './assessment-report.js';
import { findingsHeading, REPORT_HEADINGS, renderReportDocx } from './docx-report.js';
import { SAMPLE_SPECS, sampleAssessment } from './sample-assessment.js';

const model = loadModel('nfm-dtmm-2024-draft');
const data = buildAssessmentReport({ model, ...sampleAssessment(model, SAMPLE_SPECS.mining) });
const plain = async (d: typeof data) =>
  zipEntry(await renderReportDocx(d), 'word/document.xml')!
    .toString('utf8')
    .replace(/<[^>]+>/g, '');

describe('4.5.3 findings in the report', () => {
  it('the report data lists each finding with its stage, severity, requirements, rectification and status', () => {
    expect(data.findings).toHaveLength(2);
    expect(data.findings[0]).toMatchObject({
      no: 1,
      kind: '现场预评估',
      severity: '一般',
      status: '已整改',
      text: expect.stringContaining('设备编码不一致'),
      rectification: expect.stringContaining('已按主数据管理规范统一设备编码'),
    });
    expect(data.findings[0]!.requirements[0]).toMatch(/\S/);
    expect(data.findings[1]).toMatchObject({ severity: '观察项', status: '待整改', rectification: '—' });
  });

  it('the Word report prints the findings table in 一、基本情况, before 二、总体评估', async () => {
    const text = await plain(data);
    const heading = findingsHeading(data);
    expect(heading).toBe('（四）评估发现及整改情况');
    const at = text.indexOf(
      heading,
      text.indexOf(REPORT_HEADINGS.basic, text.indexOf(REPORT_HEADINGS.toc) + 10),
    );
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(text.lastIndexOf(REPORT_HEADINGS.overall));
    const section = text.slice(at, text.lastIndexOf(REPORT_HEADINGS.overall));
    for (const s of [
      '共 2 项（其中现场预评估 2 项）',
      '设备编码不一致',
      '完成两系统接口改造',
      '待整改',
      '观察项',
    ])
      expect(section).toContain(s);
  });

  it('a report without findings has no such section', async () => {
    expect(await plain({ ...data, findings: [] })).not.toContain('评估发现及整改情况');
  });
});

import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { REPORT_SECTIONS } from '../process/types.js';
import {
  buildAssessmentReport,
  buildReportData,
  reportNumberOf,
  verificationCodeOf,
  zhDate,
} from './assessment-report.js';
import { SAMPLE_SPECS, sampleAssessment } from './sample-assessment.js';

const model = loadModel('nfm-dtmm-2024-draft');
const mining = sampleAssessment(model, SAMPLE_SPECS.mining);
const data = buildAssessmentReport({ model, ...mining });

describe('report data of the published demo-like mining assessment (issue 11)', () => {
  it('has the published demo’s result: S = 3.93, 四级, S1–S3 met and S4 not', () => {
    expect(data.result.total).toBe('3.93');
    expect(data.result.conclusionText).toBe('四级（平台级）');
    expect(data.result.levels.map((l) => l.met)).toEqual([true, true, true, false, false]);
    expect(data.result.consistentLevel).toBe(3);
  });

  it('defect 1: strengths come from the levels met, naming sub-domains and their met requirements', () => {
    expect(data.strengths.intro).toContain('S1、S2、S3 等级得分达到满足线');
    expect(data.strengths.intro).not.toContain('暂无');
    expect(data.strengths.findings.length).toBeGreaterThan(0);
    const f = data.strengths.findings[0]!;
    expect(f.summary).toMatch(/^S1–S\d 各等级得分均达到满足线/);
    expect(f.requirements.length).toBeGreaterThan(0);
    expect(f.requirements.every((r) => r.grade === '全部满足' || r.grade === '大部分满足')).toBe(true);
  });

  it('defect 1: weaknesses start at the lowest unmet level (S4 of a 四级 conclusion), with the unmet requirements', () => {
    expect(data.weaknesses.intro).toMatch(/^企业 S4（0\.57）、S5（0\.36） 等级得分未达到满足线/);
    expect(data.weaknesses.findings[0]!.level).toBe('S4');
    expect(data.weaknesses.findings.flatMap((f) => f.requirements).every((r) => r.grade !== '全部满足')).toBe(
      true,
    );
  });

  it('defect 1: one sentence explains a conclusion whose own level is not met (Table 3 counts the sum)', () => {
    const note = data.result.consistencyNote!;
    expect(note).toContain('S4 等级得分 0.57 未达到满足线 0.8');
    expect(note).toContain('故结论为四级（平台级）');
    expect(note.match(/。/g)).toHaveLength(1);
  });

  it('defect 2: the team’s six §4.6.4 sections, team with disciplines, plans, meetings and evidence are in the data', () => {
    expect(data.sections.map((s) => s.key)).toEqual([...REPORT_SECTIONS]);
    expect(data.sections.every((s) => s.text && s.text.length > 10)).toBe(true);
    expect(data.team).toHaveLength(7);
    expect(data.team[0]).toEqual({ name: '王建国', role: '组长', disciplines: ['有色金属'] });
    expect(data.plans.map((p) => p.kindName)).toEqual(['现场预评估计划', '正式评估计划']);
    expect(data.meetings.map((m) => m.kindName)).toEqual(['首次会议', '末次会议']);
    expect(data.evidence.map((e) => e.kind)).toEqual([
      '企业提交',
      '企业提交',
      '企业提交',
      '现场采集',
      '现场采集',
      '现场采集',
      '现场采集',
      '现场采集',
    ]);
    expect(data.evidence[3]!.by).toBe('李明华');
  });

  it('defect 2: 评估日期 is the formal plan’s period and the report date is the seal’s, not today', () => {
    expect(data.dates.periodZh).toBe('2026年3月2日至2026年3月5日');
    expect(data.dates.reportZh).toBe(zhDate(mining.assessment.seal!.at));
    expect(data.dates.sealedZh).toBe(data.dates.reportZh);
    expect(data.draft).toBe(false);
  });

  it('report number from body, year and assessment id; verification code from the seal hash', () => {
    const a = mining.assessment;
    expect(data.reportNumber).toBe(reportNumberOf(a.bodyOrgId, a.id, a.seal!.at));
    expect(data.reportNumber).toMatch(/^DTMA-2026-[0-9A-F]{8}$/);
    expect(reportNumberOf(a.bodyOrgId, 'other', a.seal!.at)).not.toBe(data.reportNumber);
    expect(data.verificationCode).toBe(verificationCodeOf(a.seal!.hash));
    expect(data.verificationCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(a.seal!.hash.toUpperCase().startsWith(data.verificationCode!.replace(/-/g, ''))).toBe(true);
  });

  it('defect 3: the standard by its title, and no raw fraction outside the appendix of calculations', () => {
    expect(data.standard.citation).toBe('《有色金属行业 数字化转型成熟度模型及评估方法》（草案）');
    const { appendix, plan, ...body } = data;
    const { steps, ...planBody } = plan;
    const text = JSON.stringify({ body, planBody, steps: steps.map(({ totalAfterExact: _x, ...s }) => s) });
    expect(text).not.toMatch(/\d+\/\d{2,}/);
    expect(JSON.stringify(appendix)).toContain('10128079/2580000');
  });

  it('defect 4: requirement texts are the display form (e.g. no space inside 算法模型)', () => {
    const texts = [...data.strengths.findings, ...data.weaknesses.findings]
      .flatMap((f) => f.requirements.map((r) => r.text))
      .concat(data.plan.steps.map((s) => s.text));
    expect(texts.some((t) => /[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(t))).toBe(false);
  });

  it('defect 5: the plan is level-consistent, with ≤ 15 headline measures and the formula plan only as a labelled reference', () => {
    expect(data.plan.mode).toBe('level');
    expect(data.plan.terms.map((t) => t.levels)).toEqual(['S4', 'S5']);
    expect(data.plan.measures.filter((m) => m.headline).length).toBeLessThanOrEqual(15);
    expect(data.plan.steps.length).toBeGreaterThan(data.plan.measures.filter((m) => m.headline).length);
    expect(data.plan.formulaAlternative.join('')).toMatch(/^达到五级/);
  });

  it('a result not sealed yet is a draft dated by its freeze, without a verification code', () => {
    const { seal: _seal, ...unsealed } = mining.assessment;
    const d = buildAssessmentReport({ model, assessment: unsealed, names: mining.names });
    expect(d.draft).toBe(true);
    expect(d.verificationCode).toBeNull();
    expect(d.dates.reportZh).toBe(zhDate(mining.assessment.report!.issuedAt!));
  });

  it('a score file without a process needs a date, and says what it lacks', () => {
    const scores = mining.assessment.result!.teamScores;
    expect(() =>
      buildReportData(model, { modelId: model.meta.id, industry: 'mining', scores, enterprise: 'x' }),
    ).toThrow(/no report date/);
    const d = buildReportData(model, {
      modelId: model.meta.id,
      industry: 'mining',
      scores,
      enterprise: '某矿',
      reportDate: '2026-05-01',
    });
    expect(d.dates.reportZh).toBe('2026年5月1日');
    expect(d.team).toEqual([]);
    expect(d.sections.every((s) => s.text === null)).toBe(true);
  });
});

/**
 * The demo's on-site work before formal scoring (made through the use cases): the team reviews the enterprise's
 * material, asks for more on named requirements, the enterprise answers; pre-assessment findings (评估发现) and
 * the enterprise's rectifications (4.5.2, 4.5.3, 4.6.2). Some requests and findings stay open, so each role finds
 * work waiting.
 */
import type { Caller, ServiceContext } from './context.js';
import { parts } from './drive.js';
import { listEvidence, uploadEvidence } from './evidence.js';
import { answerEvidenceRequest, requestEvidence, reviewEvidence } from './evidence-review.js';
import { recordFinding, rectifyFinding, updateFinding } from './findings.js';

const inDays = (ctx: ServiceContext, n: number) =>
  new Date(ctx.options.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * `answered`: whether the enterprise answers the request and rectifies the findings (false leaves them open, as
 * for an assessment still on site).
 */
export async function demoOnSite(
  ctx: ServiceContext,
  id: string,
  rids: string[],
  who: { enterprise: Caller; leader: Caller; expert: Caller; enterpriseName: string },
  answered = true,
): Promise<void> {
  const { enterprise, leader, expert } = who;
  // 4.6.2 the team reviews what the enterprise submitted with the application.
  const submitted = (await listEvidence(ctx, leader, id, { kind: 'submitted', limit: 4 })).items;
  for (const [i, e] of submitted.entries())
    await reviewEvidence(
      ctx,
      i === 3 ? leader : expert,
      id,
      e.id,
      i === 3
        ? { outcome: 'needs_more', reason: '规划文件未附年度资金安排和考核指标，请补充经董事会审议的版本。' }
        : { outcome: 'accepted' },
    );
  // 4.6.2 a request for more material on named requirements, with a due date.
  const rq = await requestEvidence(ctx, leader, id, {
    requirementIds: [rids[3]!, rids[7]!],
    message:
      '请补充近三个月生产管控系统（MES）运行日志及设备点检记录，并提供数据采集点位清单，以核实关键工序数据自动采集情况。',
    dueDate: inDays(ctx, 7),
  });
  if (answered) {
    const up = await uploadEvidence(
      ctx,
      enterprise,
      id,
      parts(
        { requirementId: rids[3]!, kind: 'submitted', note: 'MES 运行日志（近三个月）及数据采集点位清单' },
        { name: `${who.enterpriseName}MES运行日志.txt`, content: 'MES 运行日志（摘录）\n' },
      ),
    );
    await answerEvidenceRequest(ctx, enterprise, id, rq.id, {
      note: '已上传 MES 近三个月运行日志及数据采集点位清单；设备点检记录已纳入设备管理系统，可现场演示。',
      evidenceIds: [up.id],
    });
  }
  // 4.5.3 pre-assessment findings and rectifications.
  const major = await recordFinding(ctx, expert, id, {
    kind: 'pre_assessment',
    requirementIds: [rids[5]!],
    evidenceIds: [],
    text: '设备管理系统与生产管控系统的设备编码不一致，关键设备运行数据无法自动关联到点检和维修记录。',
    severity: 'major',
  });
  await recordFinding(ctx, leader, id, {
    kind: 'pre_assessment',
    requirementIds: [rids[9]!],
    evidenceIds: [],
    text: '质量检验数据仍以纸质台账为主，未纳入质量管理系统统一管理，建议在正式评估前完成电子化录入。',
    severity: 'observation',
  });
  if (answered) {
    const fixed = await rectifyFinding(ctx, enterprise, id, major.id, {
      text: '已按主数据管理规范统一两系统设备编码，完成接口改造并试运行两周，关键设备运行数据已自动关联点检记录。',
      evidenceIds: [],
    });
    await updateFinding(ctx, leader, id, major.id, { status: 'closed', expectedVersion: fixed.version });
  }
}

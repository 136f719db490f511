/** The daily work screens: shortcuts and savers on the sheets, the enterprise's self-grade for the team,
 * confirmations of the process steps, the history's labels, the results' charts. */
import { defineMessages } from '../define';

export const workflowMessages = defineMessages(
  {
    'self.unit': '能力子域',
    'self.shortcuts':
      '快捷键：1–4 打分并跳到下一条 · j/↓ 下一条 · k/↑ 上一条 · PageDown/PageUp 下一/上一子域 · r 填写说明 · Esc 退出输入',
    'self.sameAsAbove': '同上',
    'expert.sameAsAbove': '同上',
    'expert.sameAsAboveHint': '沿用上一条评分理由：{text}',
    'expert.template': '常用理由',
    'expert.tpl.docs': '查阅了相关制度文件与运行记录，内容完整并已落实。',
    'expert.tpl.system': '现场查看了信息系统演示，功能覆盖该要求且在日常使用。',
    'expert.tpl.interview': '经人员座谈确认，该要求已在日常工作中执行。',
    'expert.tpl.partial': '仅部分业务或部分产线实现，覆盖范围不足。',
    'expert.tpl.none': '未提供证明材料，现场也未能核实。',
    'expert.selfTitle': '企业自评',
    'expert.selfNone': '企业未对此项自评',
    'expert.gradeDefs': '评分等级（表 2）',
    'expert.gradeDef': '{label} = {score} 分',
    'expert.examples': '示例',

    'confirm.title': '确认{command}？',
    'confirm.ok': '确认',
    'confirm.cancel': '取消',
    'confirm.application.submit': '提交后申请进入受理审查，自评估和证明材料将不能再修改。',
    'confirm.application.accept': '受理后将进入组建评估组阶段。',
    'confirm.result.freeze': '冻结后评估组结论锁定，评估结果以此为准编制报告。',
    'confirm.publish': '发布后评估结果对外公布并生成封存记录，只能由评估方说明理由后重新打开。',
    'confirm.contest.waive': '放弃后将不能再对本次评估结果提出申诉。',
    'confirm.scoring.open': '开始后评估组专家将独立打分。',
    'confirm.consensus.open': '开始后各专家评分表对组长可见，进入组内合议。',
    'confirm.communication.open': '通报后受评估方可查看评估结果与报告，申诉期开始计算。',
    'confirm.score.submit': '提交后评分表将锁定，不可修改。',
    'confirm.generic': '此操作将推进评估流程，请确认。',

    'history.entry': '{at} · {command} → {stage}',
    'history.by': '{name}',

    'consensus.acceptUnanimous': '一键采纳全部一致项（{n} 条）',
    'consensus.acceptUnanimousConfirm':
      '将 {n} 条专家评分完全一致的要求按一致意见记为评估组结论，合议理由为“专家评分一致”。确认？',
    'consensus.unanimousRationale': '专家评分一致',
    'consensus.accepted': '已采纳 {n} 条一致项',

    'contest.currentGrade': '当前评估组结论',
    'contest.enterpriseEvidence': '企业提交的证据',
    'contest.noEvidence': '未附材料',
    'contest.higherOnly': '只能申请提高评分',

    'plan.readOnlyNote': '计划由评估组长编制，受评估方确认。',
    'plan.none': '尚未编制',
    'plan.day': '{date}',

    'result.exactHint': '精确值 {exact}',
    'result.scaleNote': '刻度从 {min} 起，便于区分相近得分',

    'report.readOnly': '报告正文',
    'report.empty': '（未填写）',
  },
  {
    'self.unit': 'Sub-domain',
    'self.shortcuts':
      'Keys: 1–4 grade and move on · j/↓ next · k/↑ previous · PageDown/PageUp next/previous sub-domain · r note · Esc leave field',
    'self.sameAsAbove': 'Same as above',
    'expert.sameAsAbove': 'Same as above',
    'expert.sameAsAboveHint': 'Reuse the previous rationale: {text}',
    'expert.template': 'Common rationales',
    'expert.tpl.docs': 'Reviewed the policies and operating records; complete and in force.',
    'expert.tpl.system':
      'Saw the system demonstrated on site; it covers the requirement and is in daily use.',
    'expert.tpl.interview': 'Interviews confirmed the requirement is carried out in daily work.',
    'expert.tpl.partial': 'Only some businesses or production lines achieve it; coverage is insufficient.',
    'expert.tpl.none': 'No evidence was provided and nothing could be verified on site.',
    'expert.selfTitle': 'Enterprise self-assessment',
    'expert.selfNone': 'The enterprise did not grade this item',
    'expert.gradeDefs': 'Grades (Table 2)',
    'expert.gradeDef': '{label} = {score}',
    'expert.examples': 'Examples',

    'confirm.title': '{command}?',
    'confirm.ok': 'Confirm',
    'confirm.cancel': 'Cancel',
    'confirm.application.submit':
      'The application goes to review; the self-assessment and evidence can no longer be changed.',
    'confirm.application.accept': 'The assessment moves on to team formation.',
    'confirm.result.freeze': 'The team scores are locked; the report is written from this result.',
    'confirm.publish': 'The result is published and sealed; only the body can reopen it, with a reason.',
    'confirm.contest.waive': 'No further contest can be filed on this result.',
    'confirm.scoring.open': 'The experts start scoring independently.',
    'confirm.consensus.open': 'The sheets become visible to the leader for consensus.',
    'confirm.communication.open': 'The enterprise sees the result and the report; the contest period starts.',
    'confirm.score.submit': 'The sheet is locked after submission.',
    'confirm.generic': 'This moves the assessment on. Confirm?',

    'history.entry': '{at} · {command} → {stage}',
    'history.by': '{name}',

    'consensus.acceptUnanimous': 'Accept all unanimous items ({n})',
    'consensus.acceptUnanimousConfirm':
      'Record the experts’ unanimous grade as the team score for {n} requirement(s), with the rationale “experts unanimous”. Confirm?',
    'consensus.unanimousRationale': 'Experts unanimous',
    'consensus.accepted': '{n} unanimous item(s) accepted',

    'contest.currentGrade': 'Current team score',
    'contest.enterpriseEvidence': 'Evidence from the enterprise',
    'contest.noEvidence': 'No files attached',
    'contest.higherOnly': 'Only a higher grade can be requested',

    'plan.readOnlyNote': 'Written by the team leader, confirmed by the enterprise.',
    'plan.none': 'Not written yet',
    'plan.day': '{date}',

    'result.exactHint': 'Exact value {exact}',
    'result.scaleNote': 'The scale starts at {min} to separate close scores',

    'report.readOnly': 'Report',
    'report.empty': '(empty)',
  },
);

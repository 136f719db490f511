import type { AssessmentTab } from '../../app/router';
import type { Stage } from '@engine/contract/index';
import type { MyRole } from './context';
import { reached as at, resultVisibleToEnterprise } from '@engine/process/visibility';

/** Tabs of an assessment the role sees at the stage (pure; tested). */
export function tabsFor(role: MyRole, stage: Stage): AssessmentTab[] {
  const tabs: AssessmentTab[] = ['overview'];
  switch (role) {
    case 'enterprise':
      tabs.push('self');
      if (at(stage, 'planning')) tabs.push('plans');
      // 4.6.2 / 4.5.3: requests for material and findings the enterprise answers.
      if (at(stage, 'evidence_collection')) tabs.push('onsite');
      // 4.7.1: the result, the report and contests once the result is communicated (src/process/visibility).
      if (resultVisibleToEnterprise(stage)) tabs.push('result', 'report', 'contests');
      // Certificate, comparison over time, benchmark: once published.
      if (stage === 'published') tabs.push('outcomes');
      break;
    case 'body':
      if (stage === 'submitted') tabs.push('review');
      tabs.push('team');
      if (at(stage, 'planning')) tabs.push('plans');
      if (at(stage, 'evidence_collection')) tabs.push('onsite');
      if (at(stage, 'result_frozen')) tabs.push('result');
      if (at(stage, 'communication')) tabs.push('report', 'contests');
      if (at(stage, 'result_frozen')) tabs.push('outcomes');
      break;
    case 'leader':
      tabs.push('plans');
      if (at(stage, 'evidence_collection')) tabs.push('evidence');
      // 4.5.2 the briefing is recorded from the planning stage on.
      if (at(stage, 'planning')) tabs.push('onsite');
      if (at(stage, 'scoring')) tabs.push('score');
      if (at(stage, 'consensus')) tabs.push('consensus', 'result');
      if (at(stage, 'result_frozen')) tabs.push('report');
      if (at(stage, 'communication')) tabs.push('contests');
      if (at(stage, 'result_frozen')) tabs.push('outcomes');
      break;
    case 'member':
      if (at(stage, 'evidence_collection')) tabs.push('evidence', 'onsite');
      if (at(stage, 'scoring')) tabs.push('score');
      if (at(stage, 'result_frozen')) tabs.push('result');
      break;
    case 'observer':
      break;
  }
  return tabs;
}

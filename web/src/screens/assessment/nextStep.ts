/** "下一步": what the current user has to do on this assessment now, and where (pure; tested). */
import type { Stage } from '@engine/contract/index';
import type { AssessmentTab } from '../../app/router';
import type { MyRole } from './context';

export type NextStepKey =
  | 'next.ent.apply'
  | 'next.ent.waitReview'
  | 'next.ent.confirmPlan'
  | 'next.ent.waitTeam'
  | 'next.ent.contest'
  | 'next.ent.waitPublish'
  | 'next.ent.published'
  | 'next.body.review'
  | 'next.body.team'
  | 'next.body.publish'
  | 'next.body.follow'
  | 'next.leader.plan'
  | 'next.leader.evidence'
  | 'next.leader.score'
  | 'next.leader.consensus'
  | 'next.leader.report'
  | 'next.leader.contests'
  | 'next.leader.publish'
  | 'next.member.evidence'
  | 'next.member.score'
  | 'next.wait'
  | 'next.published'
  | 'next.closed';

export interface NextStep {
  key: NextStepKey;
  tab?: AssessmentTab;
}

export function nextStep(role: MyRole, stage: Stage, opts: { planToConfirm?: boolean } = {}): NextStep {
  if (stage === 'withdrawn' || stage === 'rejected') return { key: 'next.closed' };
  if (stage === 'published' && role !== 'enterprise') return { key: 'next.published' };
  switch (role) {
    case 'enterprise':
      if (stage === 'application') return { key: 'next.ent.apply', tab: 'self' };
      if (stage === 'submitted' || stage === 'team_formation') return { key: 'next.ent.waitReview' };
      if (stage === 'planning')
        return opts.planToConfirm
          ? { key: 'next.ent.confirmPlan', tab: 'plans' }
          : { key: 'next.ent.waitTeam' };
      if (stage === 'communication') return { key: 'next.ent.contest', tab: 'contests' };
      if (stage === 'final_meeting') return { key: 'next.ent.waitPublish' };
      if (stage === 'published') return { key: 'next.ent.published', tab: 'result' };
      return { key: 'next.ent.waitTeam' };
    case 'body':
      if (stage === 'submitted') return { key: 'next.body.review', tab: 'review' };
      if (stage === 'team_formation') return { key: 'next.body.team', tab: 'team' };
      if (stage === 'final_meeting') return { key: 'next.body.publish' };
      return { key: 'next.body.follow' };
    case 'leader':
      if (stage === 'planning') return { key: 'next.leader.plan', tab: 'plans' };
      if (stage === 'evidence_collection') return { key: 'next.leader.evidence', tab: 'evidence' };
      if (stage === 'scoring') return { key: 'next.leader.score', tab: 'score' };
      if (stage === 'consensus') return { key: 'next.leader.consensus', tab: 'consensus' };
      if (stage === 'result_frozen' || stage === 'report_draft')
        return { key: 'next.leader.report', tab: 'report' };
      if (stage === 'communication') return { key: 'next.leader.contests', tab: 'contests' };
      if (stage === 'final_meeting') return { key: 'next.leader.publish' };
      return { key: 'next.wait' };
    case 'member':
      if (stage === 'evidence_collection') return { key: 'next.member.evidence', tab: 'evidence' };
      if (stage === 'scoring') return { key: 'next.member.score', tab: 'score' };
      return { key: 'next.wait' };
    case 'observer':
      return { key: 'next.wait' };
  }
}

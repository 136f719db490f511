import { createContext, useContext } from 'react';
import type { AssessmentView, SessionUser } from '@engine/contract/index';
import type { EngineState } from '../../engine/modelCache';

/** The current user's part in one assessment. */
export type MyRole = 'enterprise' | 'body' | 'leader' | 'member' | 'observer';

export function myRoleIn(a: AssessmentView, user: SessionUser): MyRole {
  const m = a.team?.members.find((x) => x.expert.userId === user.id);
  if (m) return m.role === 'leader' ? 'leader' : 'member';
  if (user.roles.includes('enterprise_user') && user.orgId === a.enterpriseOrgId) return 'enterprise';
  if (user.roles.includes('body_admin')) return 'body';
  return 'observer';
}

export interface AssessmentCtx {
  assessment: AssessmentView;
  setAssessment: (a: AssessmentView) => void;
  reload: () => void;
  role: MyRole;
  engine: EngineState;
}

export const AssessmentContext = createContext<AssessmentCtx | null>(null);

export function useAssessment(): AssessmentCtx {
  const v = useContext(AssessmentContext);
  if (!v) throw new Error('useAssessment outside AssessmentScreen');
  return v;
}

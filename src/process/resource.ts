import type { AccessResource } from '../access/types.js';
import type { Assessment } from './types.js';

/** The team's user ids, the leader included (empty before assignment). */
export function teamMemberIds(a: Pick<Assessment, 'team'>): string[] {
  return a.team?.members.map((m) => m.expert.userId) ?? [];
}

export function teamLeaderId(a: Pick<Assessment, 'team'>): string | undefined {
  return a.team?.members.find((m) => m.role === 'leader')?.expert.userId;
}

/** The assessment as an access-control resource. */
export function assessmentResource(
  a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId' | 'team'>,
): AccessResource & { kind: 'assessment' } {
  const leaderId = teamLeaderId(a);
  return {
    kind: 'assessment',
    enterpriseOrgId: a.enterpriseOrgId,
    bodyOrgId: a.bodyOrgId,
    teamMemberIds: teamMemberIds(a),
    ...(leaderId === undefined ? {} : { leaderId }),
  };
}

/** 4.6.2: an open evidence request is a deadline the reminders job watches (src/service/deadlines.ts). */
import { describe, expect, it } from 'vitest';
import { transition } from '../process/state-machine.js';
import { REQS, driveTo, enterpriseUser, leader, minutes } from '../process/test-fixtures.js';
import { evidenceRequests } from './deadlines.js';

describe('4.6.2 evidence requests are deadlines', () => {
  it('an open request is a deadline of its own until answered', () => {
    const a = driveTo('evidence_collection');
    const r = transition(
      a,
      {
        type: 'evidence.request',
        id: 'rq-2',
        requirementIds: [REQS[0]!],
        message: 'm',
        dueDate: '2025-03-21',
      },
      leader,
      minutes(1),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(evidenceRequests(r.assessment).map((d) => [d.kind, d.deadline])).toEqual([
      ['evidence_request', '2025-03-21'],
    ]);
    const answered = transition(
      r.assessment,
      { type: 'evidence.answer', requestId: 'rq-2', note: 'n', evidenceIds: [] },
      enterpriseUser,
      minutes(2),
    );
    if (!answered.ok) throw new Error(answered.error.message);
    expect(evidenceRequests(answered.assessment)).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createApplication, resubmitAsNew } from './application.js';
import { contestWindowStatus, teamScoresAfterContest } from './contest.js';
import { evidenceStateByRequirement } from './evidence-review.js';
import { GROUP_REVIEW_SPREAD_TENTHS, requirementsNeedingGroupReview } from './group-review.js';
import { readiness } from './readiness.js';
import { sealContent } from './report.js';
import {
  COMMAND_TYPES,
  TERMINAL_STAGES,
  TRANSITIONS,
  allowedCommands,
  availableCommands,
  transition as rawTransition,
} from './state-machine.js';
import {
  BODY,
  ELIGIBLE,
  ENT,
  ENV,
  NOW,
  attachmentInputs,
  briefingInput,
  ORDER,
  REQS,
  bodyAdmin,
  days,
  deepFreeze,
  driveTo,
  enterpriseUser,
  evidenceInput,
  expert,
  expertActor,
  finalMeetingInput,
  firstMeetingInput,
  leader,
  minutes,
  newApplication,
  otherBodyAdmin,
  otherEnterpriseUser,
  outsiderExpert,
  planInput,
  platformAdmin,
  validTeam,
  groupReviewCommand,
} from './test-fixtures.js';
import type {
  Assessment,
  Command,
  MeetingInput,
  PlanInput,
  ProcessActor,
  ProcessEnv,
  Stage,
  TransitionResult,
} from './types.js';
import { STAGES } from './types.js';
import { canonicalJson, sha256 } from './util.js';

/** Every (from, command) that succeeded in this file: afterAll checks that each table row was exercised. */
const exercised = new Set<string>();
function transition(
  a: Assessment,
  cmd: Command,
  actor: ProcessActor,
  now: Date = NOW,
  env: ProcessEnv = ENV,
): TransitionResult {
  const r = rawTransition(deepFreeze(a), cmd, actor, now, env);
  if (r.ok) exercised.add(`${a.stage} ${cmd.type}`);
  return r;
}
function must(
  a: Assessment,
  cmd: Command,
  actor: ProcessActor,
  now: Date = NOW,
  env: ProcessEnv = ENV,
): Assessment {
  const r = transition(a, cmd, actor, now, env);
  if (!r.ok) throw new Error(`${cmd.type}: ${r.error.code}: ${r.error.message}`);
  return r.assessment;
}
function error(a: Assessment, cmd: Command, actor: ProcessActor, now: Date = NOW, env: ProcessEnv = ENV) {
  const r = transition(a, cmd, actor, now, env);
  if (r.ok) throw new Error(`${cmd.type} unexpectedly succeeded`);
  return r.error;
}

afterAll(() => {
  const missing = TRANSITIONS.map((r) => `${r.from} ${r.command}`).filter((k) => !exercised.has(k));
  expect(missing).toEqual([]);
});

/** A syntactically complete command of each type (guards may still refuse it). */
const SAMPLE: Record<(typeof COMMAND_TYPES)[number], Command> = {
  'application.update': { type: 'application.update', eligibility: ELIGIBLE },
  'evidence.upload': { type: 'evidence.upload', item: evidenceInput('ev-s') },
  'evidence.remove': { type: 'evidence.remove', itemId: 'ev-1' },
  'evidence.confirm': { type: 'evidence.confirm' },
  'application.submit': { type: 'application.submit' },
  'application.withdraw': { type: 'application.withdraw' },
  'application.accept': { type: 'application.accept' },
  'application.reject': { type: 'application.reject', reason: 'r' },
  'team.assign': { type: 'team.assign', members: validTeam() },
  'plan.write': { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 },
  'plan.confirm': { type: 'plan.confirm', kind: 'pre', version: 1 },
  'meeting.record_first': { type: 'meeting.record_first', meeting: firstMeetingInput() },
  'evidence.collect': {
    type: 'evidence.collect',
    item: evidenceInput('ev-s', REQS[0], { method: 'interview' }),
  },
  'scoring.open': { type: 'scoring.open' },
  'score.write': {
    type: 'score.write',
    write: { requirementId: REQS[0]!, value: '1', rationale: 'r', expectedVersion: 0 },
  },
  'score.submit': { type: 'score.submit' },
  'consensus.open': { type: 'consensus.open' },
  'group_review.record': {
    type: 'group_review.record',
    requirementId: REQS[0]!,
    outcome: '组内评审结论',
    participants: ['x1', 'x2'],
  },
  'consensus.record': {
    type: 'consensus.record',
    requirementId: REQS[0]!,
    value: '1',
    rationale: 'r',
    expectedVersion: 0,
  },
  'result.freeze': { type: 'result.freeze', modelId: 'nfm-dtmm-2024-draft', result: {} },
  'report.write': { type: 'report.write', sections: {}, expectedVersion: 0 },
  'communication.open': { type: 'communication.open' },
  'contest.file': {
    type: 'contest.file',
    id: 'c',
    requirementId: REQS[0]!,
    claim: 'c',
    evidence: [evidenceInput('ev-c')],
  },
  'contest.waive': { type: 'contest.waive' },
  'contest.answer': { type: 'contest.answer', contestId: 'c', decision: 'rejected', reason: 'r' },
  'meeting.record_final': { type: 'meeting.record_final', meeting: finalMeetingInput() },
  publish: { type: 'publish' },
  reopen: { type: 'reopen', reason: 'r' },
  'evidence.review': { type: 'evidence.review', evidenceId: 'ev-1', outcome: 'accepted' },
  'evidence.request': {
    type: 'evidence.request',
    id: 'rq',
    requirementIds: [REQS[0]!],
    message: 'm',
    dueDate: '2025-03-20',
  },
  'evidence.answer': { type: 'evidence.answer', requestId: 'rq', note: 'n', evidenceIds: [] },
  'briefing.record': { type: 'briefing.record', briefing: briefingInput() },
  'finding.record': {
    type: 'finding.record',
    finding: {
      id: 'f',
      kind: 'formal',
      requirementIds: [REQS[0]!],
      evidenceIds: [],
      text: 't',
      severity: 'minor',
    },
  },
  'finding.update': {
    type: 'finding.update',
    findingId: 'f',
    changes: { status: 'closed' },
    expectedVersion: 1,
  },
  'finding.rectify': { type: 'finding.rectify', findingId: 'f', text: 't', evidenceIds: [] },
};

/** An actor that may read the assessment in every stage (so refusals are about the stage). */
const reader = (a: Assessment): ProcessActor => (a.team ? leader : enterpriseUser);

describe('the transition table', () => {
  it('the happy path runs application → published through the legal transitions, history recorded', () => {
    const a = driveTo('published');
    expect(a.stage).toBe('published');
    expect(a.history.map((h) => h.to).filter((s, i, xs) => s !== xs[i - 1])).toEqual(ORDER);
    expect(a.seal?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.version).toBe(a.history.length + 1);
  });

  it('has at most one row per (stage, command); withdrawn and rejected are terminal, published is not', () => {
    const keys = TRANSITIONS.map((r) => `${r.from} ${r.command}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...TERMINAL_STAGES].sort()).toEqual(['rejected', 'withdrawn']);
    expect(allowedCommands('published')).toEqual(['reopen']);
  });

  it('every stage is reachable from application', () => {
    const seen = new Set<Stage>(['application']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of TRANSITIONS) {
        if (seen.has(r.from) && !seen.has(r.to)) {
          seen.add(r.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...STAGES].sort());
  });

  describe('illegal transitions: every command not in the table for a stage is refused, naming the allowed ones', () => {
    for (const stage of STAGES) {
      const illegal = COMMAND_TYPES.filter((c) => !allowedCommands(stage).includes(c));
      it(`${stage}: ${illegal.length} illegal commands`, () => {
        const a = driveTo(stage);
        for (const c of illegal) {
          const e = error(a, SAMPLE[c], reader(a));
          expect(e.code).toBe('illegal_transition');
          expect(e.details).toMatchObject({ stage, command: c, allowed: allowedCommands(stage) });
          expect(e.message).toContain(stage);
        }
      });
    }
  });

  it('an unknown command is a validation error; an invalid now too', () => {
    const a = driveTo('application');
    expect(error(a, { type: 'nope' } as unknown as Command, enterpriseUser).code).toBe('validation');
    expect(error(a, SAMPLE['application.submit'], enterpriseUser, new Date('x')).field).toBe('now');
  });

  it('deny by default: an actor who cannot read the assessment learns nothing about its stage', () => {
    const a = driveTo('submitted');
    for (const actor of [otherEnterpriseUser, otherBodyAdmin, platformAdmin, outsiderExpert]) {
      const e = error(a, SAMPLE['application.accept'], actor);
      expect(e.code).toBe('forbidden');
      expect(e.details).toBeUndefined();
    }
  });

  it('a legal command by a role without the action is forbidden, with the explanation', () => {
    const e = error(driveTo('submitted'), SAMPLE['application.accept'], enterpriseUser);
    expect(e).toMatchObject({ code: 'forbidden', details: { action: 'application.review' } });
    expect(e.message).toMatch(/as enterprise_user \(deny\)/);
    expect(error(driveTo('consensus'), SAMPLE['consensus.record'], expertActor('x2')).code).toBe('forbidden');
  });

  it('availableCommands lists what the actor may do now', () => {
    expect(availableCommands(driveTo('submitted'), bodyAdmin).sort()).toEqual([
      'application.accept',
      'application.reject',
    ]);
    expect(availableCommands(driveTo('submitted'), enterpriseUser)).toEqual(['application.withdraw']);
    expect(availableCommands(driveTo('scoring'), expertActor('x3')).sort()).toEqual([
      'evidence.collect',
      'evidence.request',
      'evidence.review',
      'finding.record',
      'finding.update',
      'score.submit',
      'score.write',
    ]);
  });

  it('transitions are pure: input untouched (deep-frozen), version +1, events stamped', () => {
    const a = deepFreeze(driveTo('submitted'));
    const r = transition(a, SAMPLE['application.accept'], bodyAdmin, minutes(5));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(a.stage).toBe('submitted');
    expect(r.assessment.version).toBe(a.version + 1);
    expect(r.events.map((e) => e.type)).toEqual(['application.accepted', 'stage.changed']);
    expect(r.events[0]).toMatchObject({
      assessmentId: 'a-1',
      actorId: 'u-body',
      at: minutes(5).toISOString(),
    });
    expect(r.assessment.history.at(-1)).toMatchObject({
      command: 'application.accept',
      from: 'submitted',
      to: 'team_formation',
    });
  });
});

describe('4.4 企业申请 and 4.2.1 受评估方', () => {
  it('the enterprise picks its industry and model version; the scope must be of that industry', () => {
    const base = {
      id: 'a',
      enterpriseOrgId: ENT,
      bodyOrgId: BODY,
      industry: 'mining' as const,
      modelId: 'm',
      requirementIds: REQS,
    };
    expect(createApplication(base, enterpriseUser, NOW, ENV).ok).toBe(true);
    expect(createApplication({ ...base, industry: 'gold' as never }, enterpriseUser, NOW, ENV)).toMatchObject(
      { ok: false, error: { field: 'industry' } },
    );
    expect(createApplication({ ...base, industry: 'smelting' }, enterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { field: 'requirementIds' },
    });
    expect(createApplication({ ...base, requirementIds: [] }, enterpriseUser, NOW, ENV).ok).toBe(false);
    expect(
      createApplication({ ...base, requirementIds: [REQS[0]!, REQS[0]!] }, enterpriseUser, NOW, ENV).ok,
    ).toBe(false);
    expect(createApplication({ ...base, modelId: ' ' }, enterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { field: 'modelId' },
    });
    expect(createApplication(base, otherEnterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(createApplication(base, bodyAdmin, NOW, ENV)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('re-assessment: carried-over evidence stays marked until the enterprise confirms it (all, or the ones named)', () => {
    const base = newApplication();
    const carried = (id: string) => ({
      ...evidenceInput(id),
      kind: 'submitted' as const,
      by: enterpriseUser.userId,
      carriedFrom: 'old-1',
    });
    let a: Assessment = { ...base, evidence: [carried('c-1'), carried('c-2'), carried('c-3')] };
    expect(error(a, { type: 'evidence.confirm', itemIds: ['nope'] }, enterpriseUser).code).toBe('not_found');
    expect(error(a, { type: 'evidence.confirm' }, bodyAdmin).code).toBe('forbidden');
    a = must(a, { type: 'evidence.confirm', itemIds: ['c-2'] }, enterpriseUser);
    expect(a.evidence.map((e) => e.carriedFrom ?? null)).toEqual(['old-1', null, 'old-1']);
    a = must(a, { type: 'evidence.confirm' }, enterpriseUser);
    expect(a.evidence.every((e) => e.carriedFrom === undefined)).toBe(true);
  });

  it('changing the industry needs the new scope, and evidence outside it blocks the change', () => {
    let a = must(newApplication(), SAMPLE['evidence.upload'], enterpriseUser);
    expect(error(a, { type: 'application.update', industry: 'smelting' }, enterpriseUser).field).toBe(
      'requirementIds',
    );
    expect(
      error(
        a,
        { type: 'application.update', industry: 'smelting', requirementIds: ['smelting.x.S1.1'] },
        enterpriseUser,
      ).code,
    ).toBe('conflict');
    a = must(a, { type: 'evidence.remove', itemId: 'ev-s' }, enterpriseUser);
    a = must(
      a,
      {
        type: 'application.update',
        industry: 'smelting',
        requirementIds: ['smelting.x.S1.1'],
        modelId: 'm2',
      },
      enterpriseUser,
    );
    expect(a).toMatchObject({ industry: 'smelting', requirementIds: ['smelting.x.S1.1'], modelId: 'm2' });
  });

  it('eligibility answers must all be booleans', () => {
    const e = error(
      newApplication(),
      { type: 'application.update', eligibility: { ...ELIGIBLE, compliesWithLaws: undefined as never } },
      enterpriseUser,
    );
    expect(e.field).toBe('eligibility.compliesWithLaws');
  });

  const submittable = () => {
    let a = must(newApplication(), SAMPLE['evidence.upload'], enterpriseUser);
    for (const item of attachmentInputs()) a = must(a, { type: 'evidence.upload', item }, enterpriseUser);
    a = must(a, { type: 'application.update', eligibility: ELIGIBLE }, enterpriseUser);
    return a;
  };

  it.each([
    ['noMajorSafetyAccident', '参评当年和上一年度未发生重大及以上生产安全事故'],
    ['noMajorEnvironmentalIncident', '未发生重大及以上突发环境事件'],
    ['hasTransformationPlan', '中长期规划及年度目标和实施方案'],
    ['compliesWithLaws', '遵守有关法律、法规、政策和标准'],
    ['truthfulnessCommitment', '对数字化转型项目的真实性负责'],
  ] as const)('4.2.1 %s (%s) must hold to submit', (key, _rule) => {
    const a = must(
      submittable(),
      { type: 'application.update', eligibility: { ...ELIGIBLE, [key]: false } },
      enterpriseUser,
    );
    expect(error(a, SAMPLE['application.submit'], enterpriseUser)).toMatchObject({
      code: 'validation',
      field: `application.eligibility.${key}`,
    });
  });

  it('4.2.1 the declaration covers this year and the last: a declaration of last year must be renewed', () => {
    const a = submittable();
    expect(a.application.eligibility?.years).toEqual([2024, 2025]);
    const e = error(a, SAMPLE['application.submit'], enterpriseUser, new Date('2026-01-05T00:00:00Z'));
    expect(e).toMatchObject({ field: 'application.eligibility.years', details: { required: [2025, 2026] } });
    // New Year in China (UTC+8) comes 8 hours before UTC's.
    expect(
      error(a, SAMPLE['application.submit'], enterpriseUser, new Date('2025-12-31T16:30:00Z')).field,
    ).toBe('application.eligibility.years');
  });

  it('submitting needs the eligibility declaration and evidence', () => {
    expect(error(newApplication(), SAMPLE['application.submit'], enterpriseUser).field).toBe(
      'application.eligibility',
    );
    const noEvidence = must(
      newApplication(),
      { type: 'application.update', eligibility: ELIGIBLE },
      enterpriseUser,
    );
    expect(error(noEvidence, SAMPLE['application.submit'], enterpriseUser).field).toBe('evidence');
    const ok = must(submittable(), SAMPLE['application.submit'], enterpriseUser);
    expect(ok.application.submittedAt).toBe(NOW.toISOString());
  });

  it('evidence uploaded with the application must concern a requirement of the industry, once per id', () => {
    const a = newApplication();
    expect(
      error(a, { type: 'evidence.upload', item: evidenceInput('e', 'smelting.x.S1.1') }, enterpriseUser)
        .field,
    ).toBe('item.requirementId');
    const b = must(a, SAMPLE['evidence.upload'], enterpriseUser);
    expect(error(b, SAMPLE['evidence.upload'], enterpriseUser).code).toBe('conflict');
    expect(error(b, { type: 'evidence.remove', itemId: 'nope' }, enterpriseUser).code).toBe('not_found');
  });

  it('the enterprise may withdraw before acceptance (application or submitted), not after', () => {
    expect(
      must(newApplication(), { type: 'application.withdraw', reason: '推迟' }, enterpriseUser),
    ).toMatchObject({
      stage: 'withdrawn',
      application: { withdrawal: { reason: '推迟', by: 'u-ent' } },
    });
    expect(must(driveTo('submitted'), SAMPLE['application.withdraw'], enterpriseUser).stage).toBe(
      'withdrawn',
    );
    expect(error(driveTo('team_formation'), SAMPLE['application.withdraw'], enterpriseUser).code).toBe(
      'illegal_transition',
    );
  });
});

describe('4.5.1 受理评估申请', () => {
  it('acceptance by the body admin of the application’s body', () => {
    const a = must(driveTo('submitted'), SAMPLE['application.accept'], bodyAdmin);
    expect(a).toMatchObject({
      stage: 'team_formation',
      application: { review: { decision: 'accepted', by: 'u-body' } },
    });
  });

  it('a rejection needs a reason', () => {
    expect(error(driveTo('submitted'), { type: 'application.reject', reason: '  ' }, bodyAdmin).field).toBe(
      'reason',
    );
    const a = must(driveTo('submitted'), { type: 'application.reject', reason: '不符合受理条件' }, bodyAdmin);
    expect(a.application.review).toMatchObject({ decision: 'rejected', reason: '不符合受理条件' });
  });

  it('a rejected application can be resubmitted as a new application (eligibility declared again)', () => {
    const rejected = driveTo('rejected');
    const r = resubmitAsNew(rejected, 'a-2', enterpriseUser, days(3), ENV);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.assessment).toMatchObject({
      id: 'a-2',
      stage: 'application',
      application: { previousAssessmentId: 'a-1' },
    });
    expect(r.assessment.application.eligibility).toBeUndefined();
    expect(r.assessment.evidence.map((e) => e.id)).toEqual(['ev-1', ...attachmentInputs().map((e) => e.id)]);
    expect(resubmitAsNew(driveTo('submitted'), 'a-2', enterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { code: 'illegal_transition' },
    });
    expect(resubmitAsNew(rejected, 'a-1', enterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { field: 'id' },
    });
    expect(resubmitAsNew(rejected, 'a-2', otherEnterpriseUser, NOW, ENV)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('4.5.2 组建评估组', () => {
  it('the team must pass every check; failing rules are listed', () => {
    const even = [...validTeam(), { expert: expert('x8'), role: 'member' as const }];
    const e = error(driveTo('team_formation'), { type: 'team.assign', members: even }, bodyAdmin);
    expect(e).toMatchObject({ code: 'validation', field: 'members', details: { rule: 'odd_size' } });
  });

  it('4.2.2 a declared conflict of interest blocks the assignment', () => {
    const team = validTeam();
    team[3] = {
      role: 'member',
      expert: expert('x4', {
        conflicts: [
          { enterpriseOrgId: ENT, kind: 'design', description: '设计院', declaredAt: NOW.toISOString() },
        ],
      }),
    };
    expect(
      error(driveTo('team_formation'), { type: 'team.assign', members: team }, bodyAdmin).details,
    ).toMatchObject({ rule: 'no_conflict_of_interest' });
  });

  it('the conflict lookback is configurable: an old, ended relation may be allowed', () => {
    const team = validTeam();
    team[3] = {
      role: 'member',
      expert: expert('x4', {
        conflicts: [
          {
            enterpriseOrgId: ENT,
            kind: 'sales',
            description: 'd',
            declaredAt: '2015-01-01T00:00:00Z',
            endedOn: '2016-01-01',
          },
        ],
      }),
    };
    const a = driveTo('team_formation');
    expect(error(a, { type: 'team.assign', members: team }, bodyAdmin).code).toBe('validation');
    expect(
      must(a, { type: 'team.assign', members: team }, bodyAdmin, NOW, {
        ...ENV,
        options: { conflictLookbackDays: 3 * 365 },
      }).stage,
    ).toBe('planning');
  });

  it('only the body admin of the assessment’s body forms the team', () => {
    expect(error(driveTo('team_formation'), SAMPLE['team.assign'], enterpriseUser).code).toBe('forbidden');
  });

  it('re-assignment during planning voids the enterprise’s plan confirmations', () => {
    let a = driveTo('planning');
    a = must(a, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 }, leader);
    a = must(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser);
    const swapped = validTeam().map((m) =>
      m.expert.userId === 'x7' ? { ...m, expert: expert('x8', { disciplines: ['safety'] }) } : m,
    );
    a = must(a, { type: 'team.assign', members: swapped }, bodyAdmin);
    expect(a.team?.version).toBe(2);
    expect(a.plans.pre?.confirmed).toBeUndefined();
  });
});

describe('4.5.3 编制评估计划 and 4.6.1 首次会议', () => {
  it.each([
    ['purpose', { purpose: '' }],
    ['scope', { scope: ' ' }],
    ['tasks', { tasks: [] }],
    ['methods', { methods: ['guessing' as never] }],
    ['startDate', { startDate: '2025-02-30' }],
    ['endDate', { endDate: '2025-03-31' }],
    ['people', { people: ['x99'] }],
    ['schedule', { schedule: [] }],
    ['schedule.0.date', { schedule: [{ date: '2025-05-01', activity: 'a' }] }],
    ['schedule.0.activity', { schedule: [{ date: '2025-04-01', activity: '' }] }],
  ] as const)('a plan needs %s (4.5.3 至少包括…)', (field, over) => {
    const e = error(
      driveTo('planning'),
      { type: 'plan.write', plan: planInput('pre', over as Partial<PlanInput>), expectedVersion: 0 },
      leader,
    );
    expect(e).toMatchObject({ code: 'validation', field: `plan.${field}` });
  });

  it('the pre-assessment comes before the formal assessment', () => {
    const a = must(
      driveTo('planning'),
      { type: 'plan.write', plan: planInput('formal'), expectedVersion: 0 },
      leader,
    );
    const late = planInput('pre', {
      startDate: '2025-04-11',
      endDate: '2025-04-12',
      schedule: [{ date: '2025-04-11', activity: 'a' }],
    });
    expect(error(a, { type: 'plan.write', plan: late, expectedVersion: 0 }, leader).field).toBe(
      'plan.startDate',
    );
  });

  it('plans are versioned: a stale write and a confirmation of an old version are conflicts', () => {
    let a = must(
      driveTo('planning'),
      { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 },
      leader,
    );
    expect(error(a, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 }, leader).code).toBe(
      'conflict',
    );
    a = must(
      a,
      { type: 'plan.write', plan: planInput('pre', { purpose: '新目的' }), expectedVersion: 1 },
      leader,
    );
    expect(error(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser).code).toBe('conflict');
    expect(error(a, { type: 'plan.confirm', kind: 'formal', version: 1 }, enterpriseUser).code).toBe(
      'not_found',
    );
    a = must(a, { type: 'plan.confirm', kind: 'pre', version: 2 }, enterpriseUser);
    expect(error(a, { type: 'plan.confirm', kind: 'pre', version: 2 }, enterpriseUser).code).toBe('conflict');
    // a new version voids the confirmation
    a = must(a, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 2 }, leader);
    expect(a.plans.pre?.confirmed).toBeUndefined();
  });

  it('only the leader writes plans; only the enterprise confirms them', () => {
    expect(error(driveTo('planning'), SAMPLE['plan.write'], expertActor('x2')).code).toBe('forbidden');
    const a = must(driveTo('planning'), SAMPLE['plan.write'], leader);
    expect(error(a, SAMPLE['plan.confirm'], bodyAdmin).code).toBe('forbidden');
  });

  const planned = () => {
    let a = driveTo('planning');
    a = must(a, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 }, leader);
    a = must(a, { type: 'plan.write', plan: planInput('formal'), expectedVersion: 0 }, leader);
    return a;
  };

  it('the first meeting needs both plans confirmed with the enterprise', () => {
    let a = planned();
    expect(error(a, SAMPLE['meeting.record_first'], leader).field).toBe('plans.pre.confirmed');
    a = must(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser);
    expect(error(a, SAMPLE['meeting.record_first'], leader).field).toBe('plans.formal.confirmed');
    a = must(a, { type: 'plan.confirm', kind: 'formal', version: 1 }, enterpriseUser);
    expect(error(a, SAMPLE['meeting.record_first'], expertActor('x2')).code).toBe('forbidden');
    a = must(a, SAMPLE['meeting.record_first'], leader);
    expect(a).toMatchObject({
      stage: 'evidence_collection',
      meetings: { first: { planAgreed: true, recordedBy: 'x1' } },
    });
    expect(error(driveTo('planning'), SAMPLE['meeting.record_first'], leader).field).toBe('plans.pre');
  });

  it.each([
    ['meeting.minutes', { minutes: '' }],
    ['meeting.heldAt', { heldAt: minutes(60).toISOString() }],
    ['meeting.attendees', { attendees: [{ name: '企业代表', side: 'enterprise' as const }] }],
    ['meeting.attendees', { attendees: [{ name: 'L', userId: 'x1', side: 'team' as const }] }],
    ['meeting.topics', { topics: ['purpose', 'methods'] }],
    ['meeting.planAgreed', { planAgreed: false }],
  ] as const)('4.6.1 first meeting: %s', (field, over) => {
    let a = planned();
    a = must(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser);
    a = must(a, { type: 'plan.confirm', kind: 'formal', version: 1 }, enterpriseUser);
    expect(
      error(
        a,
        { type: 'meeting.record_first', meeting: firstMeetingInput(over as Partial<MeetingInput>) },
        leader,
      ).field,
    ).toBe(field);
  });
});

describe('4.6.2 现场采集证据 and 4.6.3 评估分析打分', () => {
  it('evidence is collected by team members, with a method; the enterprise may supply more', () => {
    let a = driveTo('evidence_collection');
    expect(
      error(a, { type: 'evidence.collect', item: evidenceInput('c', REQS[0]) }, expertActor('x2')).field,
    ).toBe('item.method');
    expect(error(a, SAMPLE['evidence.collect'], enterpriseUser).code).toBe('forbidden');
    a = must(a, { type: 'evidence.upload', item: evidenceInput('ev-u') }, enterpriseUser);
    expect(a.evidence.find((e) => e.id === 'ev-u')).toMatchObject({ kind: 'submitted', by: 'u-ent' });
    expect(error(a, SAMPLE['scoring.open'], leader).field).toBe('evidence');
    a = must(a, SAMPLE['evidence.collect'], expertActor('x5'));
    expect(a.evidence.find((e) => e.id === 'ev-s')).toMatchObject({
      kind: 'collected',
      method: 'interview',
      by: 'x5',
    });
    expect(error(a, SAMPLE['scoring.open'], expertActor('x5')).code).toBe('forbidden');
    a = must(a, { type: 'briefing.record', briefing: briefingInput() }, leader);
    expect(must(a, SAMPLE['scoring.open'], leader).stage).toBe('scoring');
  });

  it('scoring opens with an empty sheet per expert; evidence can still be collected', () => {
    const a = driveTo('scoring');
    expect(Object.keys(a.sheets).sort()).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(
      must(
        a,
        { type: 'evidence.collect', item: evidenceInput('late', REQS[1], { method: 'data_check' }) },
        expertActor('x4'),
      ).evidence,
    ).toHaveLength(a.evidence.length + 1);
  });

  it('each expert writes only their own sheet, on requirements in scope, with versions', () => {
    let a = driveTo('scoring');
    a = must(a, SAMPLE['score.write'], expertActor('x4'));
    expect(a.sheets['x4']?.scores[REQS[0]!]?.version).toBe(1);
    expect(a.sheets['x5']?.scores).toEqual({});
    expect(error(a, SAMPLE['score.write'], expertActor('x4')).code).toBe('conflict');
    expect(
      error(
        a,
        {
          type: 'score.write',
          write: { requirementId: 'common.other.S1.1', value: '1', rationale: 'r', expectedVersion: 0 },
        },
        expertActor('x4'),
      ).field,
    ).toBe('write.requirementId');
    expect(error(a, SAMPLE['score.write'], bodyAdmin).code).toBe('forbidden');
    expect(error(a, SAMPLE['score.write'], outsiderExpert).code).toBe('forbidden');
  });

  it('an expert submits a full set only, once; the sheet is then locked', () => {
    let a = must(driveTo('scoring'), SAMPLE['score.write'], expertActor('x4'));
    expect(error(a, SAMPLE['score.submit'], expertActor('x4'))).toMatchObject({
      field: 'sheet',
      details: { missing: REQS.slice(1) },
    });
    for (const r of REQS.slice(1))
      a = must(
        a,
        { type: 'score.write', write: { requirementId: r, value: '0', rationale: 'r', expectedVersion: 0 } },
        expertActor('x4'),
      );
    a = must(a, SAMPLE['score.submit'], expertActor('x4'));
    expect(error(a, SAMPLE['score.submit'], expertActor('x4')).code).toBe('locked');
    expect(
      error(
        a,
        {
          type: 'score.write',
          write: { requirementId: REQS[0]!, value: '0', rationale: 'r', expectedVersion: 1 },
        },
        expertActor('x4'),
      ).code,
    ).toBe('locked');
  });

  it('consensus opens only when every expert has submitted', () => {
    let a = driveTo('scoring');
    expect(error(a, SAMPLE['consensus.open'], leader).details?.['pending']).toHaveLength(7);
    for (const x of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']) {
      for (const r of REQS) {
        a = must(
          a,
          {
            type: 'score.write',
            write: { requirementId: r, value: '1', rationale: 'r', expectedVersion: 0 },
          },
          expertActor(x),
        );
      }
      if (x !== 'x7') a = must(a, SAMPLE['score.submit'], expertActor(x));
    }
    expect(error(a, SAMPLE['consensus.open'], leader).details?.['pending']).toEqual(['x7']);
    a = must(a, SAMPLE['score.submit'], expertActor('x7'));
    expect(must(a, SAMPLE['consensus.open'], leader).stage).toBe('consensus');
  });

  it('the leader records the team score, the dissent is computed, notes attached', () => {
    let a = driveTo('consensus');
    a = must(a, groupReviewCommand(REQS[0]!), leader);
    a = must(
      a,
      {
        type: 'consensus.record',
        requirementId: REQS[0]!,
        value: '1',
        rationale: '证据充分',
        dissentNotes: { x3: '缺少数据' },
        expectedVersion: 0,
      },
      leader,
    );
    expect(a.consensus[REQS[0]!]).toMatchObject({
      value: '1',
      version: 1,
      dissent: [
        { expertId: 'x2', value: '0.8' },
        { expertId: 'x3', value: '0.5', note: '缺少数据' },
      ],
    });
    expect(
      error(
        a,
        {
          type: 'consensus.record',
          requirementId: REQS[0]!,
          value: '0.8',
          rationale: 'r',
          expectedVersion: 0,
        },
        leader,
      ).code,
    ).toBe('conflict');
    expect(
      error(
        a,
        {
          type: 'consensus.record',
          requirementId: REQS[1]!,
          value: '0.8',
          rationale: '',
          expectedVersion: 0,
        },
        leader,
      ).field,
    ).toBe('rationale');
    expect(
      error(
        a,
        {
          type: 'consensus.record',
          requirementId: REQS[1]!,
          value: '0.7' as never,
          rationale: 'r',
          expectedVersion: 0,
        },
        leader,
      ).field,
    ).toBe('value');
    expect(
      error(
        a,
        { type: 'consensus.record', requirementId: 'x', value: '1', rationale: 'r', expectedVersion: 0 },
        leader,
      ).field,
    ).toBe('requirementId');
    expect(
      error(
        a,
        {
          type: 'consensus.record',
          requirementId: REQS[1]!,
          value: '1',
          rationale: 'r',
          dissentNotes: { z: 'n' },
          expectedVersion: 0,
        },
        leader,
      ).field,
    ).toBe('dissentNotes');
  });

  it('the result is frozen with the model version only when consensus is complete', () => {
    let a = driveTo('consensus');
    expect(error(a, SAMPLE['result.freeze'], leader)).toMatchObject({
      field: 'consensus',
      details: { missing: REQS },
    });
    a = must(a, groupReviewCommand(REQS[0]!), leader);
    for (const r of REQS)
      a = must(
        a,
        { type: 'consensus.record', requirementId: r, value: '0.5', rationale: 'r', expectedVersion: 0 },
        leader,
      );
    expect(error(a, { type: 'result.freeze', modelId: 'other-model', result: {} }, leader).code).toBe(
      'conflict',
    );
    a = must(a, { type: 'result.freeze', modelId: a.modelId, result: { total: '50' } }, leader);
    expect(a.result).toMatchObject({
      revision: 1,
      modelId: 'nfm-dtmm-2024-draft',
      value: { total: '50' },
      cause: 'consensus',
    });
    expect(a.result?.teamScores).toEqual(Object.fromEntries(REQS.map((r) => [r, '0.5'])));
  });
});

describe('4.6.4 报告 and 4.7 结果发布', () => {
  it('the report is versioned; communication needs every section of 4.6.4', () => {
    let a = must(
      driveTo('result_frozen'),
      { type: 'report.write', sections: { basic_situation: '概况' }, expectedVersion: 0 },
      expertActor('x3'),
    );
    expect(a.stage).toBe('report_draft');
    expect(error(a, { type: 'report.write', sections: {}, expectedVersion: 0 }, leader).code).toBe(
      'conflict',
    );
    expect(
      error(a, { type: 'report.write', sections: { bogus: 'x' } as never, expectedVersion: 1 }, leader).field,
    ).toBe('sections');
    const e = error(a, SAMPLE['communication.open'], leader);
    expect(e.details?.['missing']).toEqual([
      'overall_assessment',
      'analysis',
      'strengths',
      'weaknesses',
      'recommendations',
    ]);
    a = must(
      a,
      { type: 'report.write', sections: { basic_situation: '概况 2' }, expectedVersion: 1 },
      leader,
    );
    expect(a.report).toMatchObject({ version: 2, sections: { basic_situation: '概况 2' } });
    expect(error(a, SAMPLE['communication.open'], expertActor('x3')).code).toBe('forbidden');
  });

  it('communication opens the contest window of N days (configurable)', () => {
    const a = must(driveTo('report_draft'), SAMPLE['communication.open'], leader, NOW, {
      ...ENV,
      options: { contestWindowDays: 5 },
    });
    expect(a.contestWindow).toEqual({ openedAt: NOW.toISOString(), deadline: days(5).toISOString() });
    expect(a.report?.issuedAt).toBe(NOW.toISOString());
    expect(driveTo('communication').contestWindow?.deadline).toBe(days(10).toISOString());
    expect(
      error(driveTo('report_draft'), SAMPLE['communication.open'], leader, NOW, {
        options: { contestWindowDays: -1 },
      }).field,
    ).toBe('options.contestWindowDays');
  });

  it('the report may still be revised during communication', () => {
    const a = driveTo('communication');
    expect(
      must(a, { type: 'report.write', sections: { strengths: '更新' }, expectedVersion: 1 }, leader).stage,
    ).toBe('communication');
  });

  it('4.7.2 the final meeting waits for the window to close and every contest to be answered', () => {
    const a = driveTo('communication');
    expect(error(a, SAMPLE['meeting.record_final'], leader).field).toBe('contestWindow');
    // after the deadline the window is closed without a waiver
    const later = days(11);
    const meeting = finalMeetingInput({ heldAt: later.toISOString() });
    expect(must(a, { type: 'meeting.record_final', meeting }, leader, later).stage).toBe('final_meeting');
    // an unanswered contest blocks it
    const filed = must(a, SAMPLE['contest.file'], enterpriseUser);
    expect(error(filed, { type: 'meeting.record_final', meeting }, leader, later).field).toBe('contests');
    expect(
      error(
        a,
        {
          type: 'meeting.record_final',
          meeting: finalMeetingInput({ heldAt: later.toISOString(), topics: ['summary'] }),
        },
        leader,
        later,
      ).field,
    ).toBe('meeting.topics');
  });

  it('publishing seals the result: the hash covers result, report and contests', () => {
    const a = driveTo('published');
    const { seal: _seal, ...unsealed } = a;
    expect(a.seal).toMatchObject({
      by: 'u-body',
      resultRevision: 1,
      hash: sha256(canonicalJson(sealContent(unsealed as Assessment))),
    });
    const tampered = { ...a, result: { ...a.result!, value: { score: '99' } } };
    expect(sha256(canonicalJson(sealContent(tampered)))).not.toBe(a.seal?.hash);
    expect(error(driveTo('final_meeting'), SAMPLE.publish, expertActor('x2')).code).toBe('forbidden');
    expect(must(driveTo('final_meeting'), SAMPLE.publish, leader).stage).toBe('published');
  });

  it('re-opening needs a reason, goes back to consensus, keeps the seal in the record', () => {
    const a = driveTo('published');
    expect(error(a, { type: 'reopen', reason: '' }, bodyAdmin).field).toBe('reason');
    expect(error(a, { type: 'reopen', reason: '复核' }, leader).code).toBe('forbidden');
    const b = must(a, { type: 'reopen', reason: '复核数据' }, bodyAdmin);
    expect(b.stage).toBe('consensus');
    expect(b.seal).toBeUndefined();
    expect(b.result).toBeUndefined();
    expect(b.resultHistory).toHaveLength(1);
    expect(b.meetings.final).toBeUndefined();
    expect(b.contestWindow).toBeUndefined();
    expect(b.reopenings[0]).toMatchObject({ reason: '复核数据', previousSeal: a.seal });
    // the team can change a score and freeze again: a new revision
    let c = must(
      b,
      {
        type: 'consensus.record',
        requirementId: REQS[2]!,
        value: '0.5',
        rationale: '复核',
        expectedVersion: 1,
      },
      leader,
    );
    c = must(c, { type: 'result.freeze', modelId: c.modelId, result: { score: '65' } }, leader);
    expect(c.result?.revision).toBe(2);
    c = must(c, { type: 'report.write', sections: { analysis: '复核后' }, expectedVersion: 1 }, leader);
    c = must(c, SAMPLE['communication.open'], leader, days(1));
    expect(contestWindowStatus(c, days(2)).state).toBe('open');
  });
});

describe('4.7.1 contests', () => {
  const c0 = driveTo('communication');
  const file = (over: Partial<Extract<Command, { type: 'contest.file' }>> = {}): Command => ({
    type: 'contest.file',
    id: 'c1',
    requirementId: REQS[2]!,
    claim: '系统已上线',
    requestedValue: '0.5',
    evidence: [evidenceInput('ev-new', REQS[2])],
    ...over,
  });

  it('the enterprise files a contest on a requirement score with new evidence, within the deadline', () => {
    const a = must(c0, file(), enterpriseUser, days(10));
    expect(a.contests[0]).toMatchObject({
      id: 'c1',
      requirementId: REQS[2],
      requestedValue: '0.5',
      filedBy: 'u-ent',
    });
    expect(a.evidence.find((e) => e.id === 'ev-new')).toMatchObject({ kind: 'submitted', contestId: 'c1' });
    expect(error(c0, file(), enterpriseUser, new Date(days(10).getTime() + 1))).toMatchObject({
      code: 'deadline_passed',
    });
  });

  it.each([
    ['evidence', { evidence: [] }, 'validation'],
    ['claim', { claim: '' }, 'validation'],
    ['requirementId', { requirementId: 'common.zz.S1.1' }, 'validation'],
    ['requestedValue', { requestedValue: '0' as const }, 'validation'],
    ['evidence.0.requirementId', { evidence: [evidenceInput('ev-new', REQS[1])] }, 'validation'],
    ['evidence.0.id', { evidence: [evidenceInput('ev-1', REQS[2])] }, 'conflict'],
  ] as const)('a contest is refused on %s', (field, over, code) => {
    expect(
      error(c0, file(over as Partial<Extract<Command, { type: 'contest.file' }>>), enterpriseUser),
    ).toMatchObject({ field, code });
  });

  it('4.7.1 a contest may not lower a grade: a requested grade not above the team score is refused', () => {
    // REQS[0] is at 1 (全部满足): asking for 0.8 would lower the result (issue 12, defect 4).
    for (const requestedValue of ['0.8', '0.5', '0', '1'] as const) {
      expect(
        error(c0, file({ requirementId: REQS[0]!, requestedValue }), enterpriseUser),
        requestedValue,
      ).toMatchObject({
        code: 'validation',
        field: 'requestedValue',
        details: { rule: 'contest.requestedValue.notAbove', teamValue: '1' },
      });
    }
    // REQS[1] is at 0.5: 0.5 and below are refused, 0.8 and 1 are contests.
    expect(error(c0, file({ requirementId: REQS[1]!, requestedValue: '0.5' }), enterpriseUser).field).toBe(
      'requestedValue',
    );
    expect(
      must(
        c0,
        file({
          requirementId: REQS[1]!,
          requestedValue: '0.8',
          evidence: [evidenceInput('ev-new', REQS[1])],
        }),
        enterpriseUser,
      ).contests,
    ).toHaveLength(1);
    // Without a requested grade the contest stands, but an upheld answer cannot lower the score either.
    const a = must(
      c0,
      file({
        requirementId: REQS[1]!,
        requestedValue: undefined,
        evidence: [evidenceInput('ev-new', REQS[1])],
      }),
      enterpriseUser,
    );
    const answer = {
      type: 'contest.answer',
      contestId: 'c1',
      decision: 'upheld',
      reason: 'r',
      recomputedResult: {},
    } as const;
    expect(error(a, { ...answer, newValue: '0' }, leader)).toMatchObject({
      field: 'newValue',
      details: { rule: 'contest.newValue.lower', teamValue: '0.5' },
    });
    expect(must(a, { ...answer, newValue: '0.8' }, leader).consensus[REQS[1]!]?.value).toBe('0.8');
  });

  it('one open contest per requirement; ids unique; experts cannot file', () => {
    const a = must(c0, file(), enterpriseUser);
    expect(
      error(a, file({ id: 'c2', evidence: [evidenceInput('ev-2', REQS[2])] }), enterpriseUser),
    ).toMatchObject({ code: 'conflict', field: 'requirementId' });
    expect(error(a, file({ requirementId: REQS[1]! }), enterpriseUser)).toMatchObject({
      code: 'conflict',
      field: 'id',
    });
    expect(error(c0, file(), leader).code).toBe('forbidden');
  });

  it('waiving closes the window early; once', () => {
    const a = must(c0, SAMPLE['contest.waive'], enterpriseUser);
    expect(contestWindowStatus(a, NOW).state).toBe('waived');
    expect(error(a, file(), enterpriseUser).code).toBe('deadline_passed');
    expect(error(a, SAMPLE['contest.waive'], enterpriseUser).code).toBe('conflict');
  });

  it('one answer per contest; a rejection needs its reason and keeps the score', () => {
    const a = must(c0, file(), enterpriseUser);
    expect(
      error(a, { type: 'contest.answer', contestId: 'c1', decision: 'rejected', reason: '' }, leader).field,
    ).toBe('reason');
    expect(
      error(a, { type: 'contest.answer', contestId: 'zz', decision: 'rejected', reason: 'r' }, leader).code,
    ).toBe('not_found');
    expect(
      error(
        a,
        { type: 'contest.answer', contestId: 'c1', decision: 'rejected', reason: 'r' },
        expertActor('x2'),
      ).code,
    ).toBe('forbidden');
    const b = must(
      a,
      { type: 'contest.answer', contestId: 'c1', decision: 'rejected', reason: '证据不足' },
      leader,
    );
    expect(b.contests[0]?.answer).toMatchObject({
      decision: 'rejected',
      previousValue: '0',
      reason: '证据不足',
    });
    expect(b.consensus[REQS[2]!]?.value).toBe('0');
    expect(b.result?.revision).toBe(1);
    expect(
      error(
        b,
        {
          type: 'contest.answer',
          contestId: 'c1',
          decision: 'upheld',
          reason: 'r',
          newValue: '0.5',
          recomputedResult: {},
        },
        leader,
      ).code,
    ).toBe('conflict');
    // after an answer, a new contest on the same requirement may be filed
    expect(
      must(b, file({ id: 'c2', evidence: [evidenceInput('ev-3', REQS[2])] }), enterpriseUser).contests,
    ).toHaveLength(2);
  });

  it('an upheld contest changes the team score and the result is recomputed (new revision)', () => {
    const a = must(c0, file(), enterpriseUser);
    const answer = {
      type: 'contest.answer',
      contestId: 'c1',
      decision: 'upheld',
      reason: '新证据成立',
    } as const;
    expect(error(a, { ...answer, newValue: '0', recomputedResult: {} }, leader).field).toBe('newValue');
    expect(error(a, { ...answer, newValue: '0.5' }, leader).field).toBe('recomputedResult');
    expect(error(a, { ...answer, decision: 'rejected', newValue: '0.5' }, leader).field).toBe('newValue');
    expect(teamScoresAfterContest(a, REQS[2]!, '0.5')).toEqual({
      [REQS[0]!]: '1',
      [REQS[1]!]: '0.5',
      [REQS[2]!]: '0.5',
    });
    const b = must(a, { ...answer, newValue: '0.5', recomputedResult: { score: '66' } }, leader);
    expect(b.consensus[REQS[2]!]).toMatchObject({ value: '0.5', version: 2, source: { contestId: 'c1' } });
    expect(b.consensus[REQS[2]!]?.dissent.map((d) => d.expertId)).toEqual([
      'x1',
      'x2',
      'x3',
      'x4',
      'x5',
      'x6',
      'x7',
    ]);
    expect(b.result).toMatchObject({ revision: 2, value: { score: '66' }, cause: { contestId: 'c1' } });
    expect(b.result?.teamScores[REQS[2]!]).toBe('0.5');
    expect(b.resultHistory.map((r) => r.revision)).toEqual([1, 2]);
    expect(b.contests[0]?.answer).toMatchObject({ decision: 'upheld', previousValue: '0', newValue: '0.5' });
  });
});

describe('4.4 / 4.2.1 required material before submitting', () => {
  const declared = () =>
    must(
      must(newApplication(), SAMPLE['evidence.upload'], enterpriseUser),
      { type: 'application.update', eligibility: ELIGIBLE },
      enterpriseUser,
    );

  it('submit refuses without the 中长期规划, 年度目标 and 实施方案 attachments, listing what is missing', () => {
    let a = declared();
    expect(error(a, SAMPLE['application.submit'], enterpriseUser)).toMatchObject({
      field: 'evidence',
      details: {
        rule: 'application.readiness',
        missingAttachments: ['mid_long_term_plan', 'annual_goals', 'implementation_plan'],
      },
    });
    a = must(a, { type: 'evidence.upload', item: attachmentInputs()[0]! }, enterpriseUser);
    expect(readiness(a, [], NOW)).toMatchObject({
      ready: false,
      missingAttachments: ['annual_goals', 'implementation_plan'],
    });
    for (const item of attachmentInputs().slice(1))
      a = must(a, { type: 'evidence.upload', item }, enterpriseUser);
    expect(readiness(a, [], NOW).ready).toBe(true);
  });

  it('every requirement the self-assessment claims needs submitted evidence', () => {
    let a = declared();
    for (const item of attachmentInputs()) a = must(a, { type: 'evidence.upload', item }, enterpriseUser);
    const claimed = [REQS[1]!, REQS[2]!];
    expect(
      error(a, { type: 'application.submit', claimedRequirementIds: claimed }, enterpriseUser).details,
    ).toMatchObject({ requirementsWithoutEvidence: claimed, missingAttachments: [] });
    a = must(a, { type: 'evidence.upload', item: evidenceInput('ev-2', REQS[1]) }, enterpriseUser);
    a = must(
      a,
      { type: 'evidence.upload', item: { ...evidenceInput('ev-3', REQS[2]), file: undefined, note: '说明' } },
      enterpriseUser,
    );
    expect(readiness(a, claimed, NOW).ready).toBe(true);
    expect(
      must(a, { type: 'application.submit', claimedRequirementIds: claimed }, enterpriseUser).stage,
    ).toBe('submitted');
  });

  it('an attachment kind outside the list is refused', () => {
    const e = error(
      newApplication(),
      { type: 'evidence.upload', item: evidenceInput('x', REQS[0], { attachmentKind: 'nope' as never }) },
      enterpriseUser,
    );
    expect(e.field).toBe('item.attachmentKind');
  });
});

describe('4.5.2 briefing before formal scoring', () => {
  it('scoring.open refuses until every member attended the briefing or is excused with a reason', () => {
    let a = driveTo('planning');
    a = must(
      a,
      { type: 'briefing.record', briefing: { ...briefingInput(), attendees: ['x1', 'x2'], excused: [] } },
      leader,
    );
    a = driveFrom(a);
    expect(error(a, SAMPLE['scoring.open'], leader)).toMatchObject({
      field: 'briefing',
      details: { rule: 'scoring.briefing.members', missing: ['x3', 'x4', 'x5', 'x6', 'x7'] },
    });
    a = must(a, { type: 'briefing.record', briefing: briefingInput() }, leader);
    expect(a.briefing).toMatchObject({ version: 2, excused: [{ userId: 'x7' }] });
    expect(must(a, SAMPLE['scoring.open'], leader).stage).toBe('scoring');
  });

  it('without a briefing formal scoring stays closed', () => {
    let a = driveTo('evidence_collection');
    a = must(a, SAMPLE['evidence.collect'], expertActor('x2'));
    expect(error(a, SAMPLE['scoring.open'], leader).details).toMatchObject({ rule: 'scoring.briefing' });
  });

  it('the briefing: excused members need a reason, everyone is on the team, not held in the future; the leader records it', () => {
    const a = driveTo('evidence_collection');
    const b = briefingInput();
    const bad = (over: object) => error(a, { type: 'briefing.record', briefing: { ...b, ...over } }, leader);
    expect(bad({ excused: [{ userId: 'x7', reason: ' ' }] }).field).toBe('briefing.excused.0.reason');
    expect(bad({ attendees: ['x1', 'x99'] }).details).toMatchObject({
      rule: 'briefing.team',
      notOnTeam: ['x99'],
    });
    expect(bad({ attendees: [...b.attendees, 'x7'] }).details).toMatchObject({ rule: 'briefing.both' });
    expect(bad({ heldOn: '2025-03-12' }).details).toMatchObject({ rule: 'briefing.heldOn.future' });
    expect(bad({ content: '' }).field).toBe('briefing.content');
    expect(error(a, SAMPLE['briefing.record'], expertActor('x2')).code).toBe('forbidden');
  });
});

/** Plans confirmed and the first meeting held, from a planning-stage assessment, with collected evidence. */
function driveFrom(planning: Assessment): Assessment {
  let a = must(planning, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 }, leader);
  a = must(a, { type: 'plan.write', plan: planInput('formal'), expectedVersion: 0 }, leader);
  a = must(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser);
  a = must(a, { type: 'plan.confirm', kind: 'formal', version: 1 }, enterpriseUser);
  a = must(a, { type: 'meeting.record_first', meeting: firstMeetingInput() }, leader);
  return must(a, SAMPLE['evidence.collect'], expertActor('x2'));
}

describe('4.5.2 / 4.6.2 evidence review and requests', () => {
  for (const stage of ['evidence_collection', 'scoring', 'consensus'] as const) {
    it(`${stage}: the team reviews evidence, asks for more by a date; the enterprise answers, closing the request`, () => {
      let a = driveTo(stage);
      expect(
        error(a, { ...SAMPLE['evidence.review'], outcome: 'rejected' } as Command, expertActor('x2')),
      ).toMatchObject({
        field: 'reason',
        details: { rule: 'evidence.review.reason' },
      });
      expect(error(a, SAMPLE['evidence.review'], enterpriseUser).code).toBe('forbidden');
      const r1 = transition(
        a,
        { type: 'evidence.review', evidenceId: 'ev-1', outcome: 'needs_more', reason: '缺少运行记录' },
        expertActor('x2'),
      );
      if (!r1.ok) throw new Error(r1.error.message);
      expect(r1.events[0]).toMatchObject({
        type: 'evidence.review',
        data: { evidenceId: 'ev-1', requirementIds: [REQS[0]], outcome: 'needs_more' },
      });
      a = r1.assessment;
      expect(a.evidenceReviews?.['ev-1']).toMatchObject({
        outcome: 'needs_more',
        reason: '缺少运行记录',
        by: 'x2',
        version: 1,
      });
      // the request: named requirements in scope, a message, a due date not past
      expect(
        error(a, { ...SAMPLE['evidence.request'], requirementIds: [] } as Command, leader).details,
      ).toMatchObject({
        rule: 'evidence.request.requirements',
      });
      expect(
        error(a, { ...SAMPLE['evidence.request'], dueDate: '2025-03-09' } as Command, leader).details,
      ).toMatchObject({
        rule: 'evidence.request.dueDate',
      });
      expect(
        error(a, { ...SAMPLE['evidence.request'], requirementIds: ['common.x'] } as Command, leader).details,
      ).toMatchObject({
        rule: 'evidence.request.scope',
      });
      const r2 = transition(a, SAMPLE['evidence.request'], leader);
      if (!r2.ok) throw new Error(r2.error.message);
      expect(r2.events[0]).toMatchObject({
        type: 'evidence.request',
        data: { requestId: 'rq', requirementIds: [REQS[0]], dueDate: '2025-03-20', to: 'enterprise' },
      });
      a = r2.assessment;
      if (stage !== 'evidence_collection') {
        // After collection the enterprise uploads only on an open request naming the requirement.
        expect(
          error(a, { type: 'evidence.upload', item: evidenceInput('ev-x', REQS[1]) }, enterpriseUser).details,
        ).toMatchObject({ rule: 'evidence.upload.request' });
      }
      a = must(a, { type: 'evidence.upload', item: evidenceInput('ev-ans', REQS[0]) }, enterpriseUser);
      expect(
        error(a, { type: 'evidence.answer', requestId: 'rq', evidenceIds: [] }, enterpriseUser).details,
      ).toMatchObject({
        rule: 'evidence.answer.empty',
      });
      expect(error(a, SAMPLE['evidence.answer'], leader).code).toBe('forbidden');
      const r3 = transition(
        a,
        { type: 'evidence.answer', requestId: 'rq', note: '已补充', evidenceIds: ['ev-ans'] },
        enterpriseUser,
      );
      if (!r3.ok) throw new Error(r3.error.message);
      expect(r3.events[0]).toMatchObject({ type: 'evidence.answer', data: { requestId: 'rq', to: 'x1' } });
      a = r3.assessment;
      expect(a.evidenceRequests?.[0]?.answer).toMatchObject({ evidenceIds: ['ev-ans'], by: 'u-ent' });
      expect(a.evidence.find((e) => e.id === 'ev-ans')?.requestId).toBe('rq');
      expect(error(a, SAMPLE['evidence.answer'], enterpriseUser).code).toBe('locked');
      expect(evidenceStateByRequirement(a)[REQS[0]!]).toMatchObject({ needsMore: 1, openRequestIds: [] });
    });
  }
});

describe('4.5.3 pre-assessment findings and rectification', () => {
  for (const stage of [
    'evidence_collection',
    'scoring',
    'consensus',
    'result_frozen',
    'report_draft',
  ] as const) {
    it(`${stage}: the team records a finding, the enterprise states its rectification, the team closes it`, () => {
      let a = driveTo(stage);
      const finding = {
        id: 'f1',
        kind: 'pre_assessment' as const,
        requirementIds: [REQS[0]!],
        evidenceIds: ['ev-1'],
        text: '生产调度系统与MES数据未打通',
        severity: 'major' as const,
      };
      expect(
        error(a, { type: 'finding.record', finding: { ...finding, requirementIds: [] } }, expertActor('x3'))
          .details,
      ).toMatchObject({
        rule: 'finding.requirements',
      });
      expect(
        error(
          a,
          { type: 'finding.record', finding: { ...finding, evidenceIds: ['nope'] } },
          expertActor('x3'),
        ).details,
      ).toMatchObject({
        rule: 'finding.evidence',
      });
      expect(error(a, { type: 'finding.record', finding }, enterpriseUser).code).toBe('forbidden');
      a = must(a, { type: 'finding.record', finding }, expertActor('x3'));
      expect(a.findings?.[0]).toMatchObject({ id: 'f1', status: 'open', version: 1, recordedBy: 'x3' });
      expect(
        error(
          a,
          { type: 'finding.update', findingId: 'f1', changes: { text: '新' }, expectedVersion: 0 },
          leader,
        ).code,
      ).toBe('conflict');
      expect(
        error(
          a,
          { type: 'finding.update', findingId: 'f1', changes: { status: 'rectified' }, expectedVersion: 1 },
          leader,
        ).details,
      ).toMatchObject({ rule: 'finding.status.rectified' });
      a = must(
        a,
        { type: 'finding.update', findingId: 'f1', changes: { severity: 'minor' }, expectedVersion: 1 },
        leader,
      );
      const r = transition(
        a,
        { type: 'finding.rectify', findingId: 'f1', text: '已完成接口开发', evidenceIds: ['ev-1'] },
        enterpriseUser,
      );
      if (!r.ok) throw new Error(r.error.message);
      expect(r.events[0]).toMatchObject({ type: 'finding.rectify', data: { findingId: 'f1', to: 'x3' } });
      a = r.assessment;
      expect(a.findings?.[0]).toMatchObject({
        status: 'rectified',
        version: 3,
        rectification: { text: '已完成接口开发' },
      });
      a = must(
        a,
        { type: 'finding.update', findingId: 'f1', changes: { status: 'closed' }, expectedVersion: 3 },
        leader,
      );
      expect(
        error(a, { type: 'finding.rectify', findingId: 'f1', text: 'x', evidenceIds: [] }, enterpriseUser)
          .code,
      ).toBe('locked');
    });
  }
});

describe('4.6.3 组内评审 (group review when necessary)', () => {
  const record = (requirementId: string) =>
    ({ type: 'consensus.record', requirementId, value: '1', rationale: '合议', expectedVersion: 0 }) as const;

  it('4.6.3 组内评审 needed when the submitted grades spread by the threshold (0.5) or more', () => {
    const a = driveTo('consensus');
    expect(GROUP_REVIEW_SPREAD_TENTHS).toBe(5);
    // REQS[0]: 1 / 0.8 / 0.5 → spread 0.5; REQS[1] and REQS[2] unanimous.
    expect(requirementsNeedingGroupReview(a)).toEqual([REQS[0]]);
  });

  it('4.6.3 组内评审 consensus.record refuses a widely spread requirement until its review is recorded', () => {
    let a = driveTo('consensus');
    expect(error(a, record(REQS[0]!), leader)).toMatchObject({
      code: 'validation',
      details: { rule: 'consensus.group_review', requirementId: REQS[0] },
    });
    // Unanimous requirements never need a review.
    a = must(a, record(REQS[1]!), leader);
    a = must(
      a,
      {
        ...groupReviewCommand(REQS[0]!),
        note: '  x3 保留意见  ',
        participants: ['x1', 'x2', 'x2', 'x3'],
      } as Command,
      leader,
    );
    expect(a.groupReviews?.[REQS[0]!]).toMatchObject({
      requirementId: REQS[0],
      participants: ['x1', 'x2', 'x3'],
      note: 'x3 保留意见',
      spreadTenths: 5,
      recordedBy: 'x1',
      version: 1,
    });
    expect(a.history.at(-1)).toMatchObject({ command: 'group_review.record' });
    a = must(a, record(REQS[0]!), leader);
    expect(a.consensus[REQS[0]!]?.value).toBe('1');
    // A second recording revises the review (version 2).
    a = must(a, groupReviewCommand(REQS[0]!), leader);
    expect(a.groupReviews?.[REQS[0]!]?.version).toBe(2);
  });

  it('4.6.3 组内评审 the leader only, in consensus, on a requirement that needs it, with outcome and team participants', () => {
    const a = driveTo('consensus');
    expect(error(a, groupReviewCommand(REQS[0]!), expertActor('x2')).code).toBe('forbidden');
    expect(error(driveTo('scoring'), groupReviewCommand(REQS[0]!), leader).code).toBe('illegal_transition');
    expect(error(a, groupReviewCommand(REQS[1]!), leader).details).toMatchObject({
      rule: 'group_review.not_needed',
    });
    expect(error(a, { ...groupReviewCommand(REQS[0]!), outcome: ' ' } as Command, leader).field).toBe(
      'outcome',
    );
    expect(
      error(a, { ...groupReviewCommand(REQS[0]!), participants: ['x1', 'zz'] } as Command, leader).details,
    ).toMatchObject({ rule: 'group_review.team', notOnTeam: ['zz'] });
    expect(
      error(a, { ...groupReviewCommand(REQS[0]!), participants: ['x1'] } as Command, leader).details,
    ).toMatchObject({ rule: 'group_review.participants' });
    expect(error(a, groupReviewCommand('nope'), leader).field).toBe('requirementId');
  });
});

/**
 * Fixtures for the process tests: actors, a valid team, and `driveTo(stage)`, which reaches a stage through
 * the real, legal transitions (so every fixture state is one the machine can actually produce).
 */
import { createApplication } from './application.js';
import { needsGroupReview } from './group-review.js';
import { transition } from './state-machine.js';
import type {
  Assessment,
  Command,
  EvidenceInput,
  Expert,
  MeetingInput,
  PlanInput,
  ProcessActor,
  ProcessEnv,
  ScoreValue,
  Stage,
  TeamMember,
} from './types.js';
import { ATTACHMENT_KINDS, DISCIPLINES, REPORT_SECTIONS } from './types.js';

export const ENT = 'ent-1';
export const OTHER_ENT = 'ent-2';
export const BODY = 'body-1';
export const OTHER_BODY = 'body-2';
export const REQS = ['common.org.S1.1', 'common.org.S1.2', 'mining.ore.S2.1'];
export const NOW = new Date('2025-03-10T02:00:00.000Z');

export const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);
export const days = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);

export const enterpriseUser: ProcessActor = { userId: 'u-ent', orgId: ENT, roles: ['enterprise_user'] };
export const otherEnterpriseUser: ProcessActor = {
  userId: 'u-ent2',
  orgId: OTHER_ENT,
  roles: ['enterprise_user'],
};
export const bodyAdmin: ProcessActor = { userId: 'u-body', orgId: BODY, roles: ['body_admin'] };
export const otherBodyAdmin: ProcessActor = { userId: 'u-body2', orgId: OTHER_BODY, roles: ['body_admin'] };
export const platformAdmin: ProcessActor = { userId: 'u-platform', roles: ['platform_admin'] };

export const EXPERT_IDS = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
export const LEADER_ID = 'x1';
export const expertActor = (id: string): ProcessActor => ({ userId: id, orgId: BODY, roles: ['expert'] });
export const leader = expertActor(LEADER_ID);
export const outsiderExpert = expertActor('x99');

export function expert(id: string, over: Partial<Expert> = {}): Expert {
  const i = EXPERT_IDS.indexOf(id);
  return {
    userId: id,
    name: `Expert ${id}`,
    orgId: BODY,
    // x1..x6 each cover one discipline, x7 two of them.
    disciplines: i >= 0 && i < DISCIPLINES.length ? [DISCIPLINES[i]!] : ['informatization', 'safety'],
    trainingValidUntil: '2026-12-31',
    conflicts: [],
    ...over,
  };
}

export function validTeam(): TeamMember[] {
  return EXPERT_IDS.map((id) => ({ expert: expert(id), role: id === LEADER_ID ? 'leader' : 'member' }));
}

export function evidenceInput(
  id: string,
  requirementId = REQS[0]!,
  over: Partial<EvidenceInput> = {},
): EvidenceInput {
  return {
    id,
    requirementId,
    at: NOW.toISOString(),
    file: { name: `${id}.pdf`, ref: `blob/${id}` },
    ...over,
  };
}

/** 4.2.1 / 4.4: the three required documents, as typed evidence items. */
export const attachmentInputs = (): EvidenceInput[] =>
  ATTACHMENT_KINDS.map((k) => evidenceInput(`att-${k}`, REQS[0], { attachmentKind: k }));

/** 4.5.2: every member attended the leader's briefing, x7 excused. */
export function briefingInput() {
  return {
    heldOn: '2025-03-10',
    attendees: EXPERT_IDS.filter((x) => x !== 'x7'),
    content: '讲解评估标准、打分规则与现场纪律',
    excused: [{ userId: 'x7', reason: '出差，会后由组长单独讲解' }],
  };
}

export function planInput(kind: 'pre' | 'formal', over: Partial<PlanInput> = {}): PlanInput {
  const [start, end] = kind === 'pre' ? ['2025-04-01', '2025-04-03'] : ['2025-04-10', '2025-04-14'];
  return {
    kind,
    purpose: '评估企业数字化转型成熟度',
    scope: '采选业务全流程',
    tasks: ['文件审查', '现场核查'],
    methods: ['interview', 'site_visit', 'document_review'],
    startDate: start!,
    endDate: end!,
    people: [...EXPERT_IDS],
    schedule: [{ date: start!, activity: '首次会议' }],
    ...over,
  };
}

export function firstMeetingInput(over: Partial<MeetingInput> = {}): MeetingInput {
  return {
    heldAt: NOW.toISOString(),
    minutes: '说明评估目的、介绍评估方法、确定评估日程',
    attendees: [
      { name: 'Leader', userId: LEADER_ID, side: 'team' },
      { name: '企业代表', side: 'enterprise' },
    ],
    topics: ['purpose', 'methods', 'schedule', 'team_introduction'],
    planAgreed: true,
    ...over,
  };
}

export function finalMeetingInput(over: Partial<MeetingInput> = {}): MeetingInput {
  return {
    ...firstMeetingInput(),
    minutes: '发布最终评估结论',
    topics: ['summary', 'results', 'strengths', 'weaknesses'],
    ...over,
  };
}

export const ELIGIBLE = {
  noMajorSafetyAccident: true,
  noMajorEnvironmentalIncident: true,
  hasTransformationPlan: true,
  compliesWithLaws: true,
  truthfulnessCommitment: true,
};

export const ENV: ProcessEnv = {
  isRequirementOf: (industry, id) => id.startsWith('common.') || id.startsWith(`${industry}.`),
};

/** The experts' scores: x2 and x3 disagree on REQS[0]. */
export function expertValue(expertId: string, requirementId: string): ScoreValue {
  if (requirementId === REQS[0]) return expertId === 'x2' ? '0.8' : expertId === 'x3' ? '0.5' : '1';
  if (requirementId === REQS[1]) return '0.5';
  return '0';
}

/** 4.6.3: a group review of `requirementId` by the leader and two experts. */
export function groupReviewCommand(requirementId: string): Command {
  return {
    type: 'group_review.record',
    requirementId,
    outcome: '组内评审：复核现场证据后统一为满足',
    participants: ['x1', 'x2', 'x3'],
  };
}

/** Apply a command that must succeed. */
export function must(
  a: Assessment,
  cmd: Command,
  actor: ProcessActor,
  now: Date = NOW,
  env: ProcessEnv = ENV,
): Assessment {
  const r = transition(a, cmd, actor, now, env);
  if (!r.ok)
    throw new Error(`${cmd.type} by ${actor.userId} in ${a.stage}: ${r.error.code}: ${r.error.message}`);
  return r.assessment;
}

export function newApplication(): Assessment {
  const r = createApplication(
    {
      id: 'a-1',
      enterpriseOrgId: ENT,
      bodyOrgId: BODY,
      industry: 'mining',
      modelId: 'nfm-dtmm-2024-draft',
      requirementIds: REQS,
    },
    enterpriseUser,
    NOW,
    ENV,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.assessment;
}

export const ORDER: Stage[] = [
  'application',
  'submitted',
  'team_formation',
  'planning',
  'evidence_collection',
  'scoring',
  'consensus',
  'result_frozen',
  'report_draft',
  'communication',
  'final_meeting',
  'published',
];

const fullReport = Object.fromEntries(REPORT_SECTIONS.map((s) => [s, `${s} text`]));

/** Reach `stage` by the legal path; `withdrawn`/`rejected` branch off `submitted`. */
export function driveTo(stage: Stage): Assessment {
  let a = newApplication();
  if (stage === 'application') return a;
  a = must(a, { type: 'application.update', eligibility: ELIGIBLE }, enterpriseUser);
  a = must(a, { type: 'evidence.upload', item: evidenceInput('ev-1') }, enterpriseUser);
  for (const item of attachmentInputs()) a = must(a, { type: 'evidence.upload', item }, enterpriseUser);
  a = must(a, { type: 'application.submit' }, enterpriseUser);
  if (stage === 'submitted') return a;
  if (stage === 'withdrawn') return must(a, { type: 'application.withdraw' }, enterpriseUser);
  if (stage === 'rejected') return must(a, { type: 'application.reject', reason: '材料不全' }, bodyAdmin);
  a = must(a, { type: 'application.accept' }, bodyAdmin);
  if (stage === 'team_formation') return a;
  a = must(a, { type: 'team.assign', members: validTeam() }, bodyAdmin);
  if (stage === 'planning') return a;
  a = must(a, { type: 'plan.write', plan: planInput('pre'), expectedVersion: 0 }, leader);
  a = must(a, { type: 'plan.write', plan: planInput('formal'), expectedVersion: 0 }, leader);
  a = must(a, { type: 'plan.confirm', kind: 'pre', version: 1 }, enterpriseUser);
  a = must(a, { type: 'plan.confirm', kind: 'formal', version: 1 }, enterpriseUser);
  a = must(a, { type: 'meeting.record_first', meeting: firstMeetingInput() }, leader);
  if (stage === 'evidence_collection') return a;
  a = must(
    a,
    { type: 'evidence.collect', item: evidenceInput('ev-c1', REQS[0], { method: 'site_visit' }) },
    expertActor('x2'),
  );
  a = must(a, { type: 'briefing.record', briefing: briefingInput() }, leader);
  a = must(a, { type: 'scoring.open' }, leader);
  if (stage === 'scoring') return a;
  for (const x of EXPERT_IDS) {
    for (const req of REQS) {
      a = must(
        a,
        {
          type: 'score.write',
          write: {
            requirementId: req,
            value: expertValue(x, req),
            rationale: `${x} on ${req}`,
            expectedVersion: 0,
          },
        },
        expertActor(x),
      );
    }
    a = must(a, { type: 'score.submit' }, expertActor(x));
  }
  a = must(a, { type: 'consensus.open' }, leader);
  if (stage === 'consensus') return a;
  for (const req of REQS) {
    // 4.6.3: a requirement whose grades spread widely is reviewed by the group first.
    if (needsGroupReview(a, req)) a = must(a, groupReviewCommand(req), leader);
    a = must(
      a,
      {
        type: 'consensus.record',
        requirementId: req,
        value: expertValue('x1', req),
        rationale: 'agreed',
        expectedVersion: 0,
      },
      leader,
    );
  }
  a = must(a, { type: 'result.freeze', modelId: a.modelId, result: { score: '61.5', level: 3 } }, leader);
  if (stage === 'result_frozen') return a;
  a = must(a, { type: 'report.write', sections: fullReport, expectedVersion: 0 }, leader);
  if (stage === 'report_draft') return a;
  a = must(a, { type: 'communication.open' }, leader);
  if (stage === 'communication') return a;
  a = must(a, { type: 'contest.waive' }, enterpriseUser);
  a = must(a, { type: 'meeting.record_final', meeting: finalMeetingInput() }, leader);
  if (stage === 'final_meeting') return a;
  return must(a, { type: 'publish' }, bodyAdmin);
}

/** Deep-freeze, to prove transitions never mutate their input. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

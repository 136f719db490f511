/** Issue 13: the notification rules (one data table) and their templates, pure. */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, NOTIFICATION_RULES, notificationsFor, ruleMatches } from './notifications.js';
import { formatDate, renderNotification, NOTIFICATION_LANGS } from './notification-text.js';
import { COMMAND_TYPES, transition } from './state-machine.js';
import {
  BODY,
  ENT,
  EXPERT_IDS,
  LEADER_ID,
  OTHER_ENT,
  bodyAdmin,
  driveTo,
  enterpriseUser,
  leader,
  minutes,
} from './test-fixtures.js';
import { REQS } from './test-fixtures.js';
import type { Assessment, Command, TransitionResult } from './types.js';

describe('issue 13 notification rules: one table keyed by command and stage', () => {
  it('every row names a command of the process (or one a merge adds), a kind with templates, an audience', () => {
    for (const r of NOTIFICATION_RULES) {
      expect(COMMAND_TYPES as readonly string[], r.kind).toContain(r.command);
      expect(NOTIFICATION_KINDS).toContain(r.kind);
      expect(r.audience.length).toBeGreaterThan(0);
    }
  });

  it('a rule with `to` needs a stage change; a rule for a command from another branch matches that command', () => {
    const base = {
      from: 'planning',
      to: 'planning',
      events: [],
      actorId: 'u',
      at: '2026-12-01T00:00:00Z',
    } as const;
    const rule = {
      command: 'evidence.request',
      kind: 'evidence_requested',
      audience: ['enterprise'],
      screen: 'evidence',
      deadline: { event: 'evidence.requested', field: 'dueDate' },
      clause: '4.6.2',
    } as const;
    const a = {
      id: 'A',
      stage: 'evidence_collection',
      enterpriseOrgId: 'E',
      bodyOrgId: 'B',
      industry: 'mining',
      plans: {},
      sheets: {},
      history: [],
      application: {},
    } as never;
    expect(ruleMatches(rule, { ...base, command: 'evidence.request' }, a)).toBe(true);
    expect(ruleMatches({ ...rule, to: 'planning' }, { ...base, command: 'evidence.request' }, a)).toBe(false);
    const drafts = notificationsFor(
      [
        {
          ...base,
          command: 'evidence.request',
          events: [{ type: 'evidence.requested', data: { dueDate: '2026-12-05', note: '请补充' } }],
        },
      ],
      a,
      [
        { userId: 'e1', orgId: 'E', roles: ['enterprise_user'] },
        { userId: 'e2', orgId: 'OTHER', roles: ['enterprise_user'] },
      ],
      [rule],
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      recipientId: 'e1',
      kind: 'evidence_requested',
      deadline: '2026-12-05',
      link: '/a/A/evidence',
    });
    expect(drafts[0]!.params.note).toBeUndefined();
    expect(drafts[0]!.params.dueDate).toBe('2026-12-05');
  });
});

describe('issue 13 templates: Chinese and English, one per kind, enterprise, stage and deadline in Chinese date form', () => {
  it('every kind renders in both languages', () => {
    for (const kind of NOTIFICATION_KINDS)
      for (const lang of NOTIFICATION_LANGS) {
        const t = renderNotification(
          kind,
          {
            enterpriseName: '甲铜业',
            stage: 'communication',
            deadlineKind: 'contest_window',
            days: 3,
            validUntil: '2029-03-16',
          },
          '2026-12-05T15:59:59.999Z',
          lang,
        );
        expect(t.title.length, `${kind} ${lang}`).toBeGreaterThan(0);
        expect(t.body, `${kind} ${lang}`).toContain('甲铜业');
      }
  });

  it('dates: 2026年12月5日 (China time) and 5 Dec 2026', () => {
    expect(formatDate('2026-12-05T15:59:59.999Z', 'zh')).toBe('2026年12月5日');
    expect(formatDate('2026-12-04T16:00:00.000Z', 'zh')).toBe('2026年12月5日');
    expect(formatDate('2026-12-05', 'en')).toBe('5 Dec 2026');
    expect(
      renderNotification(
        'evidence_requested',
        { enterpriseName: '甲铜业', stage: 'evidence_collection' },
        '2026-12-05',
        'zh',
      ).body,
    ).toBe('评估组请求甲铜业补充证据材料，请在2026年12月5日前提交（当前阶段：现场采集证据）。');
    expect(
      renderNotification(
        'evidence_answered',
        { enterpriseName: '甲铜业', stage: 'evidence_collection' },
        null,
        'zh',
      ).title,
    ).toBe('甲铜业已补充证据');
  });
});

describe('4.6.2 / 4.5.3 hand-overs of the on-site records reach the one told to act', () => {
  const people = [
    { userId: enterpriseUser.userId, orgId: ENT, roles: enterpriseUser.roles },
    { userId: 'u-elsewhere', orgId: OTHER_ENT, roles: ['enterprise_user'] as const },
    ...EXPERT_IDS.map((id) => ({ userId: id, orgId: BODY, roles: ['expert'] as const })),
    { userId: bodyAdmin.userId, orgId: BODY, roles: bodyAdmin.roles },
  ];
  const applied = (before: Assessment, r: TransitionResult, actorId: string) => {
    if (!r.ok) throw new Error(r.error.message);
    return notificationsFor(
      [
        {
          command: r.assessment.history.at(-1)!.command,
          from: before.stage,
          to: r.assessment.stage,
          events: r.events,
          actorId,
          at: minutes(1).toISOString(),
        },
      ],
      r.assessment,
      people,
    );
  };

  it('evidence.request tells the enterprise (not another tenant), due on the request’s date; the answer tells the leader', () => {
    const a = driveTo('evidence_collection');
    const request: Command = {
      type: 'evidence.request',
      id: 'rq-1',
      requirementIds: [REQS[0]!],
      message: '请补充选矿车间DCS系统运行记录',
      dueDate: '2025-03-20',
    };
    const r1 = transition(a, request, leader, minutes(1));
    const told = applied(a, r1, leader.userId);
    expect(told.map((d) => [d.recipientId, d.kind, d.deadline, d.link])).toEqual([
      [enterpriseUser.userId, 'evidence_requested', '2025-03-20', `/a/${a.id}/onsite`],
    ]);
    expect(JSON.stringify(told)).not.toContain('DCS'); // the message stays on the screen, not in mail
    if (!r1.ok) return;
    const r2 = transition(
      r1.assessment,
      { type: 'evidence.answer', requestId: 'rq-1', note: '运行记录已上传', evidenceIds: [] },
      enterpriseUser,
      minutes(2),
    );
    expect(applied(r1.assessment, r2, enterpriseUser.userId).map((d) => [d.recipientId, d.kind])).toEqual([
      [LEADER_ID, 'evidence_answered'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { blockingConflicts, checkTeam, isTrained } from './team.js';
import { ENT, NOW, expert, validTeam } from './test-fixtures.js';
import type { TeamMember } from './types.js';
import { DISCIPLINES } from './types.js';

const ent = { orgId: ENT };
const failing = (members: TeamMember[], now = NOW, lookback: number | null = null) =>
  checkTeam({ members }, ent, now, { conflictLookbackDays: lookback })
    .rules.filter((r) => !r.pass)
    .map((r) => (r.discipline ? `${r.rule}:${r.discipline}` : r.rule));

describe('checkTeam (4.5.2, 4.2.2)', () => {
  it('a valid team passes every rule, each reported', () => {
    const c = checkTeam({ members: validTeam() }, ent, NOW);
    expect(c.ok).toBe(true);
    expect(c.rules.map((r) => r.rule)).toEqual([
      'odd_size',
      'min_size',
      'one_leader',
      'distinct_members',
      ...DISCIPLINES.map(() => 'discipline_covered'),
      'trained',
      'no_conflict_of_interest',
    ]);
  });

  it('专家人数应为奇数: an even team fails odd_size', () => {
    const team = [...validTeam(), { expert: expert('x8'), role: 'member' as const }];
    expect(failing(team)).toEqual(['odd_size']);
  });

  it('且不少于7人: five experts covering every discipline fail min_size only (five is odd)', () => {
    const five: TeamMember[] = [
      { expert: expert('x1', { disciplines: ['nonferrous_metals', 'informatization'] }), role: 'leader' },
      { expert: expert('x2', { disciplines: ['safety'] }), role: 'member' },
      { expert: expert('x3', { disciplines: ['environmental_protection'] }), role: 'member' },
      { expert: expert('x4', { disciplines: ['computer_science'] }), role: 'member' },
      { expert: expert('x5', { disciplines: ['management_science'] }), role: 'member' },
    ];
    expect(failing(five)).toEqual(['min_size']);
    expect(failing(validTeam().slice(0, 6))).toContain('odd_size');
  });

  it('一名组长: no leader or two leaders fail one_leader', () => {
    const none = validTeam().map((m) => ({ ...m, role: 'member' as const }));
    expect(failing(none)).toEqual(['one_leader']);
    const two = validTeam().map((m, i) => (i < 2 ? { ...m, role: 'leader' as const } : m));
    const c = checkTeam({ members: two }, ent, NOW);
    expect(c.rules.find((r) => r.rule === 'one_leader')).toMatchObject({
      pass: false,
      experts: ['x1', 'x2'],
    });
  });

  it('an expert listed twice fails distinct_members', () => {
    const team = validTeam();
    team[6] = { expert: expert('x6'), role: 'member' };
    expect(failing(team)).toContain('distinct_members');
  });

  it.each(DISCIPLINES)('评估组应覆盖 %s: a team without it fails discipline_covered', (d) => {
    const team = validTeam().map((m) => ({
      ...m,
      expert: { ...m.expert, disciplines: m.expert.disciplines.filter((x) => x !== d) },
    }));
    expect(failing(team)).toEqual([`discipline_covered:${d}`]);
  });

  it('经过培训、具备评估能力: expired or missing training fails trained', () => {
    const team = validTeam();
    team[2] = { expert: expert('x3', { trainingValidUntil: '2025-03-09' }), role: 'member' };
    team[3] = { expert: expert('x4', { trainingValidUntil: undefined }), role: 'member' };
    const c = checkTeam({ members: team }, ent, NOW);
    expect(c.rules.find((r) => r.rule === 'trained')).toMatchObject({ pass: false, experts: ['x3', 'x4'] });
    // valid through its last day, China time: 2025-03-10T02:00Z is 10:00 on 2025-03-10 in Beijing
    expect(isTrained(expert('x3', { trainingValidUntil: '2025-03-10' }), NOW)).toBe(true);
    expect(
      isTrained(expert('x3', { trainingValidUntil: '2025-03-09' }), new Date('2025-03-09T17:00:00Z')),
    ).toBe(false);
  });

  it.each(['consulting', 'design', 'production', 'sales'] as const)(
    '4.2.2 不能与受评估企业存在%s利益关系: a declared conflict blocks assignment',
    (kind) => {
      const team = validTeam();
      team[4] = {
        expert: expert('x5', {
          conflicts: [{ enterpriseOrgId: ENT, kind, description: 'd', declaredAt: NOW.toISOString() }],
        }),
        role: 'member',
      };
      const c = checkTeam({ members: team }, ent, NOW);
      expect(c.ok).toBe(false);
      expect(c.rules.find((r) => r.rule === 'no_conflict_of_interest')).toMatchObject({
        pass: false,
        experts: ['x5'],
      });
    },
  );

  it('a conflict with another enterprise does not block', () => {
    const team = validTeam();
    team[4] = {
      expert: expert('x5', {
        conflicts: [
          { enterpriseOrgId: 'ent-9', kind: 'sales', description: 'd', declaredAt: NOW.toISOString() },
        ],
      }),
      role: 'member',
    };
    expect(checkTeam({ members: team }, ent, NOW).ok).toBe(true);
  });

  it('an expert belonging to the enterprise itself is a conflict (employment)', () => {
    expect(blockingConflicts(expert('x5', { orgId: ENT }), ent, NOW).map((c) => c.kind)).toEqual([
      'employment',
    ]);
  });

  it('an ended relation blocks by default; with a lookback it blocks only if it ended within it', () => {
    const x = expert('x5', {
      conflicts: [
        {
          enterpriseOrgId: ENT,
          kind: 'consulting',
          description: 'd',
          declaredAt: '2020-01-01T00:00:00Z',
          endedOn: '2022-01-01',
        },
      ],
    });
    expect(blockingConflicts(x, ent, NOW)).toHaveLength(1);
    expect(blockingConflicts(x, ent, NOW, 365)).toHaveLength(0);
    expect(blockingConflicts(x, ent, NOW, 365 * 5)).toHaveLength(1);
    const garbled = expert('x5', {
      conflicts: [
        {
          enterpriseOrgId: ENT,
          kind: 'consulting',
          description: 'd',
          declaredAt: '2020-01-01T00:00:00Z',
          endedOn: 'long ago',
        },
      ],
    });
    expect(blockingConflicts(garbled, ent, NOW, 1)).toHaveLength(1);
  });

  it('an empty team fails size, leader and every discipline at once (live checks while building)', () => {
    const f = failing([]);
    expect(f).toContain('min_size');
    expect(f).toContain('one_leader');
    expect(f.filter((x) => x.startsWith('discipline_covered'))).toHaveLength(DISCIPLINES.length);
    expect(f).not.toContain('trained');
    expect(f).not.toContain('no_conflict_of_interest');
  });
});

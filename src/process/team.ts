/**
 * 4.5.2 组建评估组 and 4.2.2 评估方: the rules a team must pass, each reported separately so that the UI can
 * show them live while the team is being put together.
 */
import type { Effect, Guard } from './context.js';
import type {
  Assessment,
  ConflictDeclaration,
  Discipline,
  Expert,
  ProcessOptions,
  Team,
  TeamMember,
} from './types.js';
import { DISCIPLINES, DISCIPLINE_NAMES_ZH } from './types.js';
import { addDays, chinaDate, fail, isIsoDate } from './util.js';

export const MIN_TEAM_SIZE = 7;

export type TeamRuleId =
  | 'odd_size'
  | 'min_size'
  | 'one_leader'
  | 'distinct_members'
  | 'discipline_covered'
  | 'trained'
  | 'no_conflict_of_interest';

export interface TeamRuleResult {
  rule: TeamRuleId;
  /** For `discipline_covered`: which discipline. */
  discipline?: Discipline;
  pass: boolean;
  message: string;
  /** User ids of the experts at fault, where that makes sense. */
  experts?: string[];
}

export interface TeamCheck {
  ok: boolean;
  rules: TeamRuleResult[];
}

export interface EnterpriseRef {
  orgId: string;
}

/**
 * The conflicts of `expert` that block assignment to an assessment of `enterprise` at `now`: every declared
 * relation with the enterprise (4.2.2), unless it ended more than `lookbackDays` ago (when a lookback is set).
 * Working for the enterprise itself is a conflict too (reported as kind `employment`).
 */
export function blockingConflicts(
  expert: Expert,
  enterprise: EnterpriseRef,
  now: Date,
  lookbackDays: number | null = null,
): ConflictDeclaration[] {
  const cutoff = lookbackDays === null ? null : chinaDate(addDays(now, -lookbackDays));
  const declared = expert.conflicts.filter((c) => {
    if (c.enterpriseOrgId !== enterprise.orgId) return false;
    if (c.endedOn === undefined || cutoff === null) return true;
    // An end date that is not a valid date cannot prove the relation is over.
    if (!isIsoDate(c.endedOn)) return true;
    return c.endedOn >= cutoff;
  });
  if (expert.orgId !== undefined && expert.orgId === enterprise.orgId) {
    declared.push({
      enterpriseOrgId: enterprise.orgId,
      kind: 'employment',
      description: 'the expert belongs to the enterprise under assessment',
      declaredAt: now.toISOString(),
    });
  }
  return declared;
}

/** Is the expert's training valid on `now`'s date (China time)? */
export function isTrained(expert: Expert, now: Date): boolean {
  return isIsoDate(expert.trainingValidUntil) && expert.trainingValidUntil >= chinaDate(now);
}

/** Check a (possibly incomplete) team against every rule; `ok` when all pass. */
export function checkTeam(
  team: { members: readonly TeamMember[] },
  enterprise: EnterpriseRef,
  now: Date,
  options: Pick<ProcessOptions, 'conflictLookbackDays'> = { conflictLookbackDays: null },
): TeamCheck {
  const members = team.members;
  const n = members.length;
  const rules: TeamRuleResult[] = [];

  rules.push({
    rule: 'odd_size',
    pass: n % 2 === 1,
    message: n % 2 === 1 ? `${n} experts: odd` : `${n} experts: the number of experts must be odd`,
  });
  rules.push({
    rule: 'min_size',
    pass: n >= MIN_TEAM_SIZE,
    message:
      n >= MIN_TEAM_SIZE
        ? `${n} experts (at least ${MIN_TEAM_SIZE})`
        : `${n} experts: at least ${MIN_TEAM_SIZE} are required`,
  });

  const leaders = members.filter((m) => m.role === 'leader').map((m) => m.expert.userId);
  rules.push({
    rule: 'one_leader',
    pass: leaders.length === 1,
    message:
      leaders.length === 1
        ? 'exactly one leader'
        : `${leaders.length} leaders: the team must have exactly one leader`,
    experts: leaders,
  });

  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const m of members) {
    if (seen.has(m.expert.userId)) dupes.add(m.expert.userId);
    seen.add(m.expert.userId);
  }
  rules.push({
    rule: 'distinct_members',
    pass: dupes.size === 0,
    message: dupes.size === 0 ? 'no expert listed twice' : 'an expert is listed more than once',
    experts: [...dupes],
  });

  for (const d of DISCIPLINES) {
    const covering = members.filter((m) => m.expert.disciplines.includes(d)).map((m) => m.expert.userId);
    rules.push({
      rule: 'discipline_covered',
      discipline: d,
      pass: covering.length > 0,
      message:
        covering.length > 0
          ? `${DISCIPLINE_NAMES_ZH[d]} covered`
          : `no expert covers ${DISCIPLINE_NAMES_ZH[d]} (${d})`,
      experts: covering,
    });
  }

  const untrained = members.filter((m) => !isTrained(m.expert, now)).map((m) => m.expert.userId);
  rules.push({
    rule: 'trained',
    pass: untrained.length === 0,
    message:
      untrained.length === 0
        ? 'every expert has valid assessment training'
        : `${untrained.length} expert(s) without valid assessment training (经过培训、具备评估能力)`,
    experts: untrained,
  });

  const conflicted = members
    .filter((m) => blockingConflicts(m.expert, enterprise, now, options.conflictLookbackDays).length > 0)
    .map((m) => m.expert.userId);
  rules.push({
    rule: 'no_conflict_of_interest',
    pass: conflicted.length === 0,
    message:
      conflicted.length === 0
        ? 'no declared conflict of interest with the enterprise'
        : `${conflicted.length} expert(s) declared an interest relation with the enterprise (4.2.2)`,
    experts: conflicted,
  });

  return { ok: rules.every((r) => r.pass), rules };
}

// --- team.assign -------------------------------------------------------------------------------------------

export const guardAssign: Guard<'team.assign'> = (a, cmd, ctx) => {
  const check = checkTeam({ members: cmd.members }, { orgId: a.enterpriseOrgId }, ctx.now, ctx.options);
  if (check.ok) return null;
  const failing = check.rules.filter((r) => !r.pass);
  const first = failing[0];
  return fail('validation', failing.map((r) => r.message).join('; '), 'members', {
    rule: first?.rule ?? null,
    failing: failing.map((r) => ({
      rule: r.rule,
      discipline: r.discipline ?? null,
      message: r.message,
      experts: r.experts ?? [],
    })),
  });
};

/** Assign (or, during planning, re-assign) the team. Re-assignment voids the enterprise's plan confirmations. */
export const effectAssign: Effect<'team.assign'> = (a, cmd, ctx) => {
  const team: Team = {
    members: cmd.members.map((m) => ({
      role: m.role,
      expert: {
        ...m.expert,
        disciplines: [...m.expert.disciplines],
        conflicts: m.expert.conflicts.map((c) => ({ ...c })),
      },
    })),
    assignedAt: ctx.at,
    assignedBy: ctx.actor.userId,
    version: (a.team?.version ?? 0) + 1,
  };
  const plans: Assessment['plans'] = {};
  for (const kind of ['pre', 'formal'] as const) {
    const p = a.plans[kind];
    if (p) {
      const { confirmed: _confirmed, ...rest } = p;
      plans[kind] = rest;
    }
  }
  return {
    assessment: { ...a, team, plans },
    events: [
      {
        type: a.team ? 'team.reassigned' : 'team.assigned',
        data: {
          members: team.members.map((m) => m.expert.userId),
          leader: team.members.find((m) => m.role === 'leader')?.expert.userId ?? null,
          version: team.version,
        },
      },
    ],
  };
};

/** 4.5.3 编制评估计划: the pre-assessment and the formal plan, confirmed with the enterprise. */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { teamMemberIds } from './resource.js';
import type { Assessment, PlanDoc, PlanInput, PlanKind, ProcessError } from './types.js';
import { EVIDENCE_METHODS, PLAN_KIND_NAMES_ZH } from './types.js';
import { fail, isBlank, isIsoDate } from './util.js';

/**
 * Every problem with a plan: purpose, scope, tasks, methods (4.6.2 methods), start and end dates, people
 * (team members), schedule entries dated within the plan's dates — 4.5.3 "至少包括评估目的、评估范围、评估任务、
 * 评估方法、评估时间、评估人员、评估日程安排".
 */
export function validatePlan(plan: PlanInput, teamIds: readonly string[]): ProcessError[] {
  const errors: ProcessError[] = [];
  const f = (name: string) => `plan.${name}`;
  if (plan.kind !== 'pre' && plan.kind !== 'formal') {
    errors.push(fail('validation', 'plan kind must be pre or formal', f('kind')));
  }
  if (isBlank(plan.purpose))
    errors.push(fail('validation', 'the plan needs a purpose (评估目的)', f('purpose')));
  if (isBlank(plan.scope)) errors.push(fail('validation', 'the plan needs a scope (评估范围)', f('scope')));
  if (!Array.isArray(plan.tasks) || plan.tasks.length === 0 || plan.tasks.some(isBlank)) {
    errors.push(fail('validation', 'the plan needs tasks (评估任务), none blank', f('tasks')));
  }
  if (
    !Array.isArray(plan.methods) ||
    plan.methods.length === 0 ||
    plan.methods.some((m) => !(EVIDENCE_METHODS as readonly string[]).includes(m))
  ) {
    errors.push(
      fail(
        'validation',
        `the plan needs methods (评估方法) among ${EVIDENCE_METHODS.join(', ')}`,
        f('methods'),
      ),
    );
  }
  const datesOk = isIsoDate(plan.startDate) && isIsoDate(plan.endDate);
  if (!isIsoDate(plan.startDate))
    errors.push(fail('validation', 'start date must be YYYY-MM-DD', f('startDate')));
  if (!isIsoDate(plan.endDate)) errors.push(fail('validation', 'end date must be YYYY-MM-DD', f('endDate')));
  if (datesOk && plan.startDate > plan.endDate) {
    errors.push(
      fail('validation', 'the plan ends before it starts', f('endDate'), { rule: 'plan.endBeforeStart' }),
    );
  }
  if (!Array.isArray(plan.people) || plan.people.length === 0) {
    errors.push(fail('validation', 'the plan needs people (评估人员)', f('people')));
  } else {
    const strangers = plan.people.filter((p) => !teamIds.includes(p));
    if (strangers.length > 0) {
      errors.push(
        fail('validation', 'plan people must be team members', f('people'), {
          rule: 'plan.people.team',
          notOnTeam: strangers,
        }),
      );
    }
  }
  if (!Array.isArray(plan.schedule) || plan.schedule.length === 0) {
    errors.push(fail('validation', 'the plan needs a schedule (评估日程安排)', f('schedule')));
  } else {
    plan.schedule.forEach((s, i) => {
      if (!isIsoDate(s.date)) {
        errors.push(fail('validation', 'schedule date must be YYYY-MM-DD', f(`schedule.${i}.date`)));
      } else if (datesOk && (s.date < plan.startDate || s.date > plan.endDate)) {
        errors.push(
          fail('validation', 'schedule entry outside the plan’s dates', f(`schedule.${i}.date`), {
            rule: 'plan.schedule.outside',
            startDate: plan.startDate,
            endDate: plan.endDate,
          }),
        );
      }
      if (isBlank(s.activity))
        errors.push(fail('validation', 'schedule entry needs an activity', f(`schedule.${i}.activity`)));
    });
  }
  return errors;
}

/** The pre-assessment (现场预评估) comes before the formal assessment (正式评估). */
export function planOrderProblem(
  pre: Pick<PlanDoc, 'endDate'> | undefined,
  formal: Pick<PlanDoc, 'startDate'> | undefined,
): ProcessError | null {
  if (!pre || !formal) return null;
  if (isIsoDate(pre.endDate) && isIsoDate(formal.startDate) && pre.endDate > formal.startDate) {
    return fail(
      'validation',
      'the pre-assessment must end before (or on the day) the formal assessment starts',
      'plan.startDate',
      {
        rule: 'plan.order',
        preEndDate: pre.endDate,
        formalStartDate: formal.startDate,
      },
    );
  }
  return null;
}

/** Both plans written and confirmed by the enterprise, in the right order: the problems, if any. */
export function plansReadyProblems(a: Assessment): ProcessError[] {
  const errors: ProcessError[] = [];
  for (const kind of ['pre', 'formal'] as const) {
    const p = a.plans[kind];
    if (!p) errors.push(fail('validation', `the ${PLAN_KIND_NAMES_ZH[kind]} is missing`, `plans.${kind}`));
    else if (!p.confirmed) {
      errors.push(
        fail(
          'validation',
          `the ${PLAN_KIND_NAMES_ZH[kind]} is not confirmed by the enterprise`,
          `plans.${kind}.confirmed`,
        ),
      );
    }
  }
  const order = planOrderProblem(a.plans.pre, a.plans.formal);
  if (order) errors.push(order);
  return errors;
}

export const guardPlanWrite: Guard<'plan.write'> = (a, cmd) => {
  const errors = validatePlan(cmd.plan, teamMemberIds(a));
  if (errors.length > 0) return firstOf(errors);
  const current = a.plans[cmd.plan.kind];
  const currentVersion = current?.version ?? 0;
  if (cmd.expectedVersion !== currentVersion) {
    return fail('conflict', `the ${cmd.plan.kind} plan is at version ${currentVersion}`, 'expectedVersion', {
      expectedVersion: cmd.expectedVersion,
      currentVersion,
    });
  }
  const other: PlanKind = cmd.plan.kind === 'pre' ? 'formal' : 'pre';
  const pre = cmd.plan.kind === 'pre' ? cmd.plan : a.plans[other];
  const formal = cmd.plan.kind === 'formal' ? cmd.plan : a.plans[other];
  return planOrderProblem(pre, formal);
};

/** Writing a plan makes a new version; any earlier confirmation is void. */
export const effectPlanWrite: Effect<'plan.write'> = (a, cmd, ctx) => {
  const p = cmd.plan;
  const plan: PlanDoc = {
    kind: p.kind,
    purpose: p.purpose.trim(),
    scope: p.scope.trim(),
    tasks: [...p.tasks],
    methods: [...p.methods],
    startDate: p.startDate,
    endDate: p.endDate,
    people: [...p.people],
    schedule: p.schedule.map((s) => ({ ...s })),
    version: (a.plans[p.kind]?.version ?? 0) + 1,
    writtenBy: ctx.actor.userId,
    writtenAt: ctx.at,
  };
  return {
    assessment: { ...a, plans: { ...a.plans, [p.kind]: plan } },
    events: [{ type: 'plan.written', data: { kind: p.kind, version: plan.version } }],
  };
};

/** The enterprise confirms the version it saw (与受评估方确认). */
export const guardPlanConfirm: Guard<'plan.confirm'> = (a, cmd) => {
  const p = a.plans[cmd.kind];
  if (!p) return fail('not_found', `no ${cmd.kind} plan to confirm`, 'kind');
  if (p.version !== cmd.version) {
    return fail('conflict', `the ${cmd.kind} plan changed: it is at version ${p.version}`, 'version', {
      expectedVersion: cmd.version,
      currentVersion: p.version,
    });
  }
  if (p.confirmed) return fail('conflict', `the ${cmd.kind} plan is already confirmed`, 'kind');
  return null;
};

export const effectPlanConfirm: Effect<'plan.confirm'> = (a, cmd, ctx) => {
  const p = a.plans[cmd.kind] as PlanDoc;
  return {
    assessment: {
      ...a,
      plans: { ...a.plans, [cmd.kind]: { ...p, confirmed: { by: ctx.actor.userId, at: ctx.at } } },
    },
    events: [{ type: 'plan.confirmed', data: { kind: cmd.kind, version: p.version } }],
  };
};

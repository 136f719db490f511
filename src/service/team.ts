/** 4.5.2 / 4.2.2: forming the expert team — candidates, a live check, the assignment. */
import type { AssessmentView, ExpertCandidate, PutTeamRequest, TeamCheck } from '../contract/assessments.js';
import { checkTeam } from '../process/team.js';
import {
  DISCIPLINES,
  type Command,
  type Discipline,
  type Expert,
  type TeamMember,
} from '../process/types.js';
import { expertLoads, getExpertProfile } from '../store/repos/expert-profiles.js';
import { organisationNames } from '../store/repos/organisations.js';
import { getUser, listUsers } from '../store/repos/users.js';
import type { Db } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { validation } from './errors.js';
import { runCommand } from './unit-of-work.js';
import { renderView } from './views.js';

type MemberInput = PutTeamRequest['members'];

/** The process `Expert` record of a user (profile: training validity, declared interest relations). */
export async function expertOf(db: Db, userId: string): Promise<Expert | undefined> {
  const u = await getUser(db, userId);
  if (!u || !u.active || !u.roles.includes('expert')) return undefined;
  const profile = await getExpertProfile(db, userId);
  const disciplines = u.disciplines.filter((d): d is Discipline =>
    (DISCIPLINES as readonly string[]).includes(d),
  );
  return {
    userId: u.id,
    name: u.displayName,
    ...(u.organisationId ? { orgId: u.organisationId } : {}),
    disciplines,
    ...(profile.trainingValidUntil ? { trainingValidUntil: profile.trainingValidUntil } : {}),
    conflicts: profile.conflicts,
  };
}

async function teamOf(db: Db, members: MemberInput): Promise<TeamMember[]> {
  const out: TeamMember[] = [];
  for (const [i, m] of members.entries()) {
    const expert = await expertOf(db, m.userId);
    if (!expert)
      throw validation(`user ${m.userId} is not an active expert`, `body.members.${i}.userId`, {
        userId: m.userId,
      });
    out.push({ expert, role: m.role });
  }
  return out;
}

/** Active experts with their disciplines, training and declared conflicts, and current load. */
export async function teamCandidates(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<ExpertCandidate[]> {
  await authorizeAssessment(ctx, caller, id, 'team.assign');
  const experts = (await listUsers(ctx.db)).filter((u) => u.active && u.roles.includes('expert'));
  const [load, names] = await Promise.all([
    expertLoads(ctx.db),
    organisationNames(ctx.db, experts.map((e) => e.organisationId ?? '').filter(Boolean)),
  ]);
  const out: ExpertCandidate[] = [];
  for (const u of experts) {
    const expert = await expertOf(ctx.db, u.id);
    if (expert)
      out.push({ expert, orgName: names.get(u.organisationId ?? '') ?? '', load: load.get(u.id) ?? 0 });
  }
  return out;
}

/** A live check of a (possibly incomplete) team against 4.5.2 / 4.2.2, without saving. */
export async function checkTeamDraft(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  members: MemberInput,
): Promise<TeamCheck> {
  const doc = await authorizeAssessment(ctx, caller, id, 'team.assign');
  const team = await teamOf(ctx.db, members);
  return checkTeam({ members: team }, { orgId: doc.assessment.enterpriseOrgId }, ctx.options.now(), {
    conflictLookbackDays: ctx.options.process.conflictLookbackDays ?? null,
  });
}

/** Assigns (or re-assigns during planning) the team; RULE_VIOLATION when the rules fail. */
export async function assignTeam(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: PutTeamRequest,
): Promise<AssessmentView> {
  await authorizeAssessment(ctx, caller, id, 'team.assign');
  const members = await teamOf(ctx.db, input.members);
  const command: Command = { type: 'team.assign', members };
  const doc = await runCommand(ctx, id, caller, () => command, { expectedVersion: input.expectedVersion });
  return renderView(ctx.db, doc, caller.actor);
}

/**
 * A world for use-case tests (no HTTP): an assessment body, enterprises, seven trained experts covering the
 * disciplines, and a service context whose clock the test sets — assessments are driven through the use cases
 * (src/service/drive.ts), as the demo data is.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IndustryId } from '../model/types.js';
import { DISCIPLINES } from '../process/types.js';
import { callerOf } from '../service/auth.js';
import { createServiceContext, type Caller, type ServiceContext } from '../service/context.js';
import { advance, startAssessment, type DriveSpec } from '../service/drive.js';
import { FsEvidenceStorage } from '../store/files.js';
import { hashPassword, PASSWORD_TEST_COST } from '../store/passwords.js';
import { saveExpertProfile } from '../store/repos/expert-profiles.js';
import { createOrganisation } from '../store/repos/organisations.js';
import { createUser } from '../store/repos/users.js';
import type { ScoreValue } from '../model/grades.js';
import type { TestDatabase } from './databases.js';

export const MODEL = 'nfm-dtmm-2024-draft';

export interface ServiceWorld {
  ctx: ServiceContext;
  /** Sets the clock of `ctx`. */
  setNow(iso: string): void;
  body: string;
  bodyAdmin: Caller;
  /** A platform admin (organisation null), made on first use. */
  platformAdmin(): Promise<Caller>;
  experts: Caller[];
  /** A new enterprise with one user. */
  enterprise(name: string, industry?: IndustryId): Promise<{ orgId: string; user: Caller }>;
  /** An assessment of `enterprise` driven to `published`, experts grading `grade(requirementId, index)`. */
  publish(
    enterprise: Caller,
    grade: (requirementId: string, index: number) => ScoreValue,
    industry?: IndustryId,
  ): Promise<string>;
  spec(
    enterprise: Caller,
    grade: (requirementId: string, index: number) => ScoreValue,
    industry?: IndustryId,
  ): DriveSpec;
}

export async function makeServiceWorld(t: TestDatabase): Promise<ServiceWorld> {
  const db = t.db;
  let now = new Date('2025-06-01T02:00:00.000Z');
  const evidenceDir = path.join(t.workDir, 'evidence');
  fs.mkdirSync(evidenceDir, { recursive: true });
  const ctx = createServiceContext({
    db,
    storage: new FsEvidenceStorage(evidenceDir),
    options: { passwordCost: PASSWORD_TEST_COST, now: () => now },
  });
  const sys = { userId: null, label: 'test' };
  const passwordHash = await hashPassword('test-password-1', PASSWORD_TEST_COST);
  let n = 0;
  const user = async (org: string | null, roles: string[], disciplines: string[] = []) =>
    callerOf(
      await createUser(db, sys, {
        email: `u${++n}@test.dtma`,
        displayName: `用户${n}`,
        organisationId: org,
        roles,
        disciplines,
        passwordHash,
      }),
    );
  const body = (await createOrganisation(db, sys, { kind: 'body', name: '测试评估中心' })).id;
  const bodyAdmin = await user(body, ['body_admin']);
  const experts: Caller[] = [];
  for (let i = 0; i < 7; i++) {
    const c = await user(body, ['expert'], [DISCIPLINES[i % DISCIPLINES.length]!]);
    await saveExpertProfile(db, sys, {
      userId: c.user.id,
      trainingValidUntil: '2099-12-31',
      conflicts: [],
      expectedVersion: 0,
    });
    experts.push(c);
  }
  const spec = (
    enterprise: Caller,
    grade: (rid: string, j: number) => ScoreValue,
    industry: IndustryId = 'mining',
  ): DriveSpec => ({
    modelId: MODEL,
    industry,
    bodyOrgId: body,
    enterprise,
    bodyAdmin,
    experts,
    grade: (_i, rid, j) => grade(rid, j),
    today: now.toISOString().slice(0, 10),
  });
  let platform: Promise<Caller> | undefined;
  return {
    ctx,
    platformAdmin: () => (platform ??= user(null, ['platform_admin'])),
    setNow: (iso) => {
      now = new Date(iso);
    },
    body,
    bodyAdmin,
    experts,
    async enterprise(name, industry = 'mining') {
      const orgId = (await createOrganisation(db, sys, { kind: 'enterprise', name, industry })).id;
      return { orgId, user: await user(orgId, ['enterprise_user']) };
    },
    async publish(enterprise, grade, industry = 'mining') {
      const s = spec(enterprise, grade, industry);
      const { id } = await startAssessment(ctx, s);
      await advance(ctx, s, id, 'application', 'published');
      return id;
    },
    spec,
  };
}

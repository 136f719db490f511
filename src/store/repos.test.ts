import { expect, it } from 'vitest';
import { listAudit, verifyAuditChain } from './audit.js';
import { DuplicateError } from './repos/common.js';
import {
  createAssessment,
  decideApplication,
  getAssessment,
  getLatestApplication,
  listAssessments,
  submitApplication,
  updateAssessment,
} from './repos/assessments.js';
import {
  addEvidenceFile,
  addEvidenceItem,
  deleteEvidenceFile,
  listEvidenceFiles,
  listEvidenceItems,
  safeFilename,
} from './repos/evidence.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './repos/organisations.js';
import { getPlan, listMeetings, recordMeeting, savePlan } from './repos/plans.js';
import {
  answerContest,
  createReport,
  freezeResult,
  getLatestResult,
  listContests,
  listResults,
  raiseContest,
  updateReport,
} from './repos/results.js';
import {
  countFailedLogins,
  createSession,
  deleteSession,
  getSession,
  purgeExpiredSessions,
  recordLoginAttempt,
  sessionIdOf,
  touchSession,
} from './repos/sessions.js';
import {
  addTeamMember,
  currentConflictDeclarations,
  declareConflict,
  listAssessmentIdsOfMember,
  listTeam,
  removeTeamMember,
} from './repos/team.js';
import {
  createUser,
  getLoginRecord,
  getUserByEmail,
  listUsers,
  setPasswordHash,
  updateUser,
} from './repos/users.js';
import { forEachDialect, seedWorld } from '../testing/databases.js';

const sys = { userId: null, label: 'system' };
const SHA = 'a'.repeat(64);

forEachDialect('repositories', (t) => {
  it('organisations: create, unique credit code, list, versioned update', async () => {
    const db = t().db;
    const a = await createOrganisation(db, sys, {
      kind: 'enterprise',
      name: ' 乙公司 ',
      creditCode: 'C1',
      industry: 'mining',
    });
    expect(a).toMatchObject({ name: '乙公司', creditCode: 'C1', version: 1 });
    await expect(
      createOrganisation(db, sys, { kind: 'enterprise', name: 'x', creditCode: 'C1' }),
    ).rejects.toThrow(DuplicateError);
    await createOrganisation(db, sys, { kind: 'body', name: '甲机构' });
    expect((await listOrganisations(db, { kind: 'body' })).map((o) => o.name)).toEqual(['甲机构']);
    const u = await updateOrganisation(db, sys, {
      id: a.id,
      expectedVersion: 1,
      patch: { name: '丙' },
      reason: 'renamed',
    });
    expect(u).toMatchObject({ ok: true, value: { name: '丙', version: 2, creditCode: 'C1' } });
    expect(
      await updateOrganisation(db, sys, { id: a.id, expectedVersion: 1, patch: { name: 'lost' } }),
    ).toMatchObject({
      ok: false,
      current: { name: '丙', version: 2 },
    });
    expect((await getOrganisation(db, a.id))?.name).toBe('丙');
    await expect(
      createOrganisation(db, sys, { kind: 'enterprise', name: 'x', industry: 'farming' }),
    ).rejects.toThrow();
  });

  it('users: emails are case-insensitive and unique; hash never in the user object nor the audit', async () => {
    const db = t().db;
    const u = await createUser(db, sys, {
      email: ' Alice@Example.COM ',
      displayName: 'Alice',
      passwordHash: '$argon2id$fake',
      roles: ['expert'],
      disciplines: ['it'],
    });
    expect(u).toMatchObject({
      email: 'alice@example.com',
      roles: ['expert'],
      disciplines: ['it'],
      active: true,
      hasPassword: true,
    });
    expect(u).not.toHaveProperty('passwordHash');
    await expect(createUser(db, sys, { email: 'ALICE@example.com', displayName: 'x' })).rejects.toThrow(
      DuplicateError,
    );
    await expect(createUser(db, sys, { email: 'not-an-email', displayName: 'x' })).rejects.toThrow(
      RangeError,
    );
    expect((await getUserByEmail(db, 'alice@EXAMPLE.com'))?.id).toBe(u.id);
    expect((await getLoginRecord(db, 'ALICE@example.com'))?.passwordHash).toBe('$argon2id$fake');
    await setPasswordHash(db, sys, { id: u.id, passwordHash: '$argon2id$other' });
    expect((await getLoginRecord(db, 'alice@example.com'))?.passwordHash).toBe('$argon2id$other');
    const upd = await updateUser(db, sys, {
      id: u.id,
      expectedVersion: 2,
      patch: { roles: ['admin'], active: false },
    });
    expect(upd).toMatchObject({ ok: true, value: { roles: ['admin'], active: false, version: 3 } });
    expect(await listUsers(db, { active: true })).toEqual([]);
    const audit = JSON.stringify(await listAudit(db));
    expect(audit).not.toContain('$argon2id');
    expect(audit).toContain('password-set');
  });

  it('sessions: token is not stored, expiry, inactive users, logout, purge; login attempts', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const now = new Date('2030-01-01T00:00:00.000Z');
    const { token, session } = await createSession(db, {
      userId: w.adminId,
      ttlMs: 60_000,
      ip: '10.0.0.1',
      now,
    });
    expect(session.id).toBe(sessionIdOf(token));
    expect(session.id).not.toBe(token);
    expect(JSON.stringify(await db.selectFrom('sessions').selectAll().execute())).not.toContain(token);
    const got = await getSession(db, token, new Date(now.getTime() + 1000));
    expect(got?.user.email).toBe('admin@body.test');
    expect(got?.session.csrfToken).toBe(session.csrfToken);
    expect(got?.session.expiresAt).toBe('2030-01-01T00:01:00.000Z');
    expect(await getSession(db, token, new Date(now.getTime() + 60_000))).toBeUndefined();
    expect(await getSession(db, 'wrong-token', now)).toBeUndefined();

    await touchSession(db, session.id, { now: new Date(now.getTime() + 30_000), extendTtlMs: 60_000 });
    expect((await getSession(db, token, new Date(now.getTime() + 80_000)))?.session.lastSeenAt).toBe(
      '2030-01-01T00:00:30.000Z',
    );

    const s2 = await createSession(db, { userId: w.expertIds[0], ttlMs: 1000, now });
    expect(await purgeExpiredSessions(db, new Date(now.getTime() + 2000))).toBe(1);
    expect(await getSession(db, s2.token, now)).toBeUndefined();

    expect(await deleteSession(db, token)).toBe(true);
    expect(await deleteSession(db, token)).toBe(false);
    expect(await getSession(db, token, now)).toBeUndefined();
    expect((await listAudit(db, { entity: 'session' })).map((a) => a.action)).toEqual([
      'login',
      'login',
      'logout',
    ]);

    // deactivating a user ends their sessions
    const s3 = await createSession(db, { userId: w.expertIds[1], ttlMs: 60_000 });
    const user = await getUserByEmail(db, 'expert2@body.test');
    await updateUser(db, sys, {
      id: w.expertIds[1],
      expectedVersion: user!.version,
      patch: { active: false },
    });
    expect(await getSession(db, s3.token)).toBeUndefined();

    const t0 = new Date('2030-01-01T00:00:00.000Z');
    for (let i = 0; i < 3; i++)
      await recordLoginAttempt(db, {
        email: 'X@y.z',
        ip: '1.2.3.4',
        success: false,
        at: new Date(t0.getTime() + i * 60_000),
      });
    await recordLoginAttempt(db, { email: 'x@y.z', ip: '5.6.7.8', success: false, at: t0 });
    await recordLoginAttempt(db, { email: 'x@y.z', ip: '1.2.3.4', success: true, at: t0 });
    expect(await countFailedLogins(db, { email: 'x@y.z', since: t0 })).toBe(4);
    expect(await countFailedLogins(db, { email: 'x@y.z', ip: '1.2.3.4', since: t0 })).toBe(3);
    expect(await countFailedLogins(db, { ip: '1.2.3.4', since: new Date(t0.getTime() + 60_000) })).toBe(2);
  });

  it('assessments: versioned transitions with reasons; applications decided once', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const a = await getAssessment(db, w.assessmentId);
    expect(a).toMatchObject({ stage: 'application', version: 1, createdBy: w.enterpriseUserId });
    const leader = { userId: w.adminId, label: 'admin' };
    const moved = await updateAssessment(db, leader, { id: a!.id, expectedVersion: 1, stage: 'submitted' });
    expect(moved).toMatchObject({ ok: true, value: { stage: 'submitted', version: 2 } });
    expect(
      await updateAssessment(db, leader, { id: a!.id, expectedVersion: 1, stage: 'accepted' }),
    ).toMatchObject({
      ok: false,
      current: { stage: 'submitted', version: 2 },
    });
    await updateAssessment(db, leader, {
      id: a!.id,
      expectedVersion: 2,
      stage: 'application',
      action: 'reopen',
      reason: '材料不全',
    });
    const log = await listAudit(db, { entity: 'assessment', entityId: a!.id });
    expect(log.map((l) => [l.action, l.reason])).toEqual([
      ['create', null],
      ['transition', null],
      ['reopen', '材料不全'],
    ]);
    expect((await listAssessments(db, { enterpriseId: w.enterpriseId })).map((x) => x.id)).toEqual([a!.id]);
    expect(await listAssessments(db, { stage: 'nope' })).toEqual([]);
    await expect(
      createAssessment(db, leader, { enterpriseId: 'missing', industry: 'mining', modelId: 'm', stage: 's' }),
    ).rejects.toThrow(); // foreign key

    const app = await submitApplication(
      db,
      { userId: w.enterpriseUserId, label: 'o' },
      { assessmentId: a!.id, eligibility: { yearsOperating: 3, noMajorAccidents: true } },
    );
    expect(app.eligibility).toEqual({ yearsOperating: 3, noMajorAccidents: true });
    const d1 = await decideApplication(db, leader, {
      applicationId: app.id,
      decision: 'accepted',
      reason: '符合',
    });
    expect(d1).toMatchObject({ ok: true, value: { decision: 'accepted', decidedBy: w.adminId } });
    const d2 = await decideApplication(db, leader, {
      applicationId: app.id,
      decision: 'rejected',
      reason: 'late',
    });
    expect(d2).toMatchObject({ ok: false, current: { decision: 'accepted' } });
    expect((await getLatestApplication(db, a!.id))?.decisionReason).toBe('符合');
  });

  it('team: one leader, no duplicate members, removal needs a reason; conflict declarations', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const admin = { userId: w.adminId, label: 'admin' };
    await addTeamMember(db, admin, {
      assessmentId: w.assessmentId,
      userId: w.expertIds[0],
      role: 'leader',
      disciplines: ['process'],
    });
    await expect(
      addTeamMember(db, admin, { assessmentId: w.assessmentId, userId: w.expertIds[1], role: 'leader' }),
    ).rejects.toThrow(DuplicateError);
    await addTeamMember(db, admin, { assessmentId: w.assessmentId, userId: w.expertIds[1], role: 'member' });
    await expect(
      addTeamMember(db, admin, { assessmentId: w.assessmentId, userId: w.expertIds[1], role: 'member' }),
    ).rejects.toThrow(DuplicateError);
    expect((await listTeam(db, w.assessmentId)).map((m) => [m.role, m.userId, m.disciplines])).toEqual([
      ['leader', w.expertIds[0], ['process']],
      ['member', w.expertIds[1], []],
    ]);
    expect(await listAssessmentIdsOfMember(db, w.expertIds[1])).toEqual([w.assessmentId]);
    expect(
      await removeTeamMember(db, admin, {
        assessmentId: w.assessmentId,
        userId: w.expertIds[1],
        reason: '回避',
      }),
    ).toBe(true);
    expect(
      await removeTeamMember(db, admin, {
        assessmentId: w.assessmentId,
        userId: w.expertIds[1],
        reason: '回避',
      }),
    ).toBe(false);
    expect(await listTeam(db, w.assessmentId)).toHaveLength(1);

    const e = { userId: w.expertIds[0], label: 'e1' };
    await declareConflict(db, e, {
      assessmentId: w.assessmentId,
      userId: w.expertIds[0],
      hasConflict: false,
      statement: '无利益冲突',
    });
    await declareConflict(db, e, {
      assessmentId: w.assessmentId,
      userId: w.expertIds[0],
      hasConflict: true,
      statement: '曾任顾问',
    });
    const current = await currentConflictDeclarations(db, w.assessmentId);
    expect(current.map((d) => [d.hasConflict, d.statement])).toEqual([[true, '曾任顾问']]);
  });

  it('plans (versioned) and meetings', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const admin = { userId: w.adminId, label: 'admin' };
    const p1 = await savePlan(db, admin, {
      assessmentId: w.assessmentId,
      kind: 'pre',
      content: { days: 2 },
      expectedVersion: 0,
    });
    expect(p1).toMatchObject({ ok: true, value: { version: 1, content: { days: 2 } } });
    expect(
      await savePlan(db, admin, {
        assessmentId: w.assessmentId,
        kind: 'pre',
        content: {},
        expectedVersion: 0,
      }),
    ).toMatchObject({ ok: false, current: { version: 1 } });
    expect(
      (
        await savePlan(db, admin, {
          assessmentId: w.assessmentId,
          kind: 'pre',
          content: { days: 3 },
          expectedVersion: 1,
        })
      ).ok,
    ).toBe(true);
    expect((await getPlan(db, w.assessmentId, 'pre'))?.content).toEqual({ days: 3 });
    expect(await getPlan(db, w.assessmentId, 'formal')).toBeUndefined();

    await recordMeeting(db, admin, {
      assessmentId: w.assessmentId,
      kind: 'first',
      heldAt: '2030-03-01T01:00:00Z',
      minutes: '首次会议纪要',
      attendees: [{ name: '张三', organisation: '某铜业' }],
    });
    const ms = await listMeetings(db, w.assessmentId, 'first');
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({
      heldAt: '2030-03-01T01:00:00.000Z',
      attendees: [{ name: '张三', organisation: '某铜业' }],
    });
    expect(await listMeetings(db, w.assessmentId, 'final')).toEqual([]);
  });

  it('evidence files and items', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const e = { userId: w.expertIds[0], label: 'e1' };
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\x\\报告\u0000.pdf')).toBe('报告.pdf');
    const f = await addEvidenceFile(db, e, {
      assessmentId: w.assessmentId,
      requirementId: 'r1',
      storageKey: '0123456789abcdef0123456789abcdef',
      filename: '制度文件.pdf',
      mime: 'application/pdf',
      size: 5_000_000_000,
      sha256: SHA,
    });
    expect(f).toMatchObject({ size: 5_000_000_000, uploadedBy: w.expertIds[0], deletedAt: null });
    await expect(
      addEvidenceFile(db, e, {
        assessmentId: w.assessmentId,
        storageKey: 'k',
        filename: 'x',
        mime: 'x',
        size: 1,
        sha256: 'bad',
      }),
    ).rejects.toThrow(RangeError);
    const item = await addEvidenceItem(db, e, {
      assessmentId: w.assessmentId,
      requirementId: 'r1',
      method: '文件审查',
      note: '见第3页',
      fileId: f.id,
    });
    expect(item).toMatchObject({ collectedBy: w.expertIds[0], fileId: f.id });
    expect(await listEvidenceItems(db, { assessmentId: w.assessmentId, requirementId: 'r1' })).toHaveLength(
      1,
    );
    expect(await listEvidenceItems(db, { assessmentId: w.assessmentId, requirementId: 'r2' })).toHaveLength(
      0,
    );

    const del = await deleteEvidenceFile(db, e, { id: f.id, reason: '上传错误' });
    expect(del.deletedAt).not.toBeNull();
    expect(await listEvidenceFiles(db, { assessmentId: w.assessmentId })).toEqual([]);
    expect(await listEvidenceFiles(db, { assessmentId: w.assessmentId, includeDeleted: true })).toHaveLength(
      1,
    );
    await expect(
      addEvidenceItem(db, e, {
        assessmentId: w.assessmentId,
        requirementId: 'r1',
        method: 'x',
        note: '',
        fileId: f.id,
      }),
    ).rejects.toThrow(/not found/);
  });

  it('results are immutable and sequenced; reports draft → published → sealed; contests answered once', async () => {
    const db = t().db;
    const w = await seedWorld(db);
    const leader = { userId: w.adminId, label: 'leader' };
    const output = { total: '2.35', levels: [{ level: 1, score: '0.9' }], z: 1.5 };
    const r1 = await freezeResult(db, leader, { assessmentId: w.assessmentId, modelId: 'm1', output });
    const r2 = await freezeResult(db, leader, {
      assessmentId: w.assessmentId,
      modelId: 'm1',
      output: { total: '2.40' },
    });
    expect([r1.seq, r2.seq]).toEqual([1, 2]);
    expect((await getLatestResult(db, w.assessmentId))?.id).toBe(r2.id);
    const all = await listResults(db, w.assessmentId);
    expect(all[0]!.output).toEqual(output);
    expect(all[0]!.outputJson).toBe('{"levels":[{"level":1,"score":"0.9"}],"total":"2.35","z":1.5}');

    const rep = await createReport(db, leader, {
      assessmentId: w.assessmentId,
      resultId: r2.id,
      content: { title: '报告' },
    });
    const e1 = await updateReport(db, leader, {
      id: rep.id,
      expectedVersion: 1,
      content: { title: '报告 v2' },
    });
    expect(e1).toMatchObject({ ok: true, value: { version: 2, status: 'draft' } });
    expect(await updateReport(db, leader, { id: rep.id, expectedVersion: 1, content: {} })).toMatchObject({
      ok: false,
    });
    const pub = await updateReport(db, leader, { id: rep.id, expectedVersion: 2, status: 'published' });
    expect(pub).toMatchObject({ ok: true, value: { status: 'published' } });
    await expect(
      updateReport(db, leader, { id: rep.id, expectedVersion: 3, content: { hack: 1 } }),
    ).rejects.toThrow(/published/);
    await expect(
      updateReport(db, leader, { id: rep.id, expectedVersion: 3, status: 'sealed' }),
    ).rejects.toThrow(/sha256/);
    const sealed = await updateReport(db, leader, {
      id: rep.id,
      expectedVersion: 3,
      status: 'sealed',
      sealedSha256: SHA,
    });
    expect(sealed).toMatchObject({ ok: true, value: { status: 'sealed', sealedSha256: SHA } });
    await expect(
      updateReport(db, leader, { id: rep.id, expectedVersion: 4, status: 'draft' }),
    ).rejects.toThrow(/sealed/);
    expect((await listAudit(db, { entity: 'report' })).map((a) => a.action)).toEqual([
      'create',
      'update',
      'publish',
      'seal',
    ]);

    const owner = { userId: w.enterpriseUserId, label: 'owner' };
    const c = await raiseContest(db, owner, {
      assessmentId: w.assessmentId,
      requirementId: 'r1',
      reason: '证据未采纳',
      deadline: '2030-04-01T00:00:00Z',
    });
    expect(c).toMatchObject({ upheld: null, answer: null, deadline: '2030-04-01T00:00:00.000Z' });
    expect(
      await answerContest(db, leader, { id: c.id, expectedVersion: 1, answer: '采纳', upheld: true }),
    ).toMatchObject({ ok: true, value: { upheld: true, version: 2 } });
    expect(
      await answerContest(db, leader, { id: c.id, expectedVersion: 2, answer: 'again', upheld: false }),
    ).toMatchObject({ ok: false, current: { answer: '采纳' } });
    expect(await listContests(db, w.assessmentId)).toHaveLength(1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

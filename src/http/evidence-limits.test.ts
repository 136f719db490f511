/**
 * Evidence limits through HTTP (issue 9, defect 6): quotas per assessment and per enterprise, empty files
 * refused, file names cleaned of control and bidirectional characters, and DELETE removing the stored file;
 * retried uploads (issue 12) create no second item.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { allItems, login, makeWorld, multipart, teamSpec, type Client } from '../testing/http-world.js';
import { createAssessment } from './driver.js';

/** Files under the evidence folder (the stored objects, not the temp folder). */
function storedFiles(workDir: string): string[] {
  const root = path.join(workDir, 'evidence');
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.endsWith('tmp'))
    .map((e) => path.join(e.parentPath, e.name));
}

function upload(
  c: Client,
  id: string,
  requirementId: string,
  name: string,
  content: Buffer | string,
  headers: Record<string, string> = {},
) {
  const m = multipart({ requirementId, kind: 'submitted', note: '证明材料' }, { name, content });
  return c.req('POST', `/api/assessments/${id}/evidence`, m.payload, { ...m.headers, ...headers });
}

forEachDialect('evidence limits', (t) => {
  it('refuses empty files and cleans control and bidirectional characters out of names', async () => {
    const w = await makeWorld(t());
    const ent = await login(w, 'ent1user');
    const d = await createAssessment(
      teamSpec(w, { ent1user: ent, body1admin: await login(w, 'body1admin') }),
    );
    const rid = d.requirementIds[0]!;

    const empty = await upload(ent, d.id, rid, '空文件.pdf', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'VALIDATION',
      field: 'file',
      params: { rule: 'empty' },
    });
    expect(storedFiles(t().workDir)).toEqual([]);

    for (const [sent, shown] of [
      ['\u202Egpj.exe', 'gpj.exe'], // RIGHT-TO-LEFT OVERRIDE: would show as "exe.jpg"
      ['报告\u2066.pdf\u2069.exe', '报告.pdf.exe'], // isolates
      ['a\u200Bb\u200D\uFEFFc.docx', 'abc.docx'], // zero-width characters
      ['line\u2028break\u0007\u0085 name.xlsx', 'linebreak name.xlsx'], // separators, C0 and C1 controls
      ['C:\\fakepath\\证明材料.pdf', '证明材料.pdf'],
      ['\u202E', 'file'],
    ] as const) {
      const r = await upload(ent, d.id, rid, sent, 'x');
      expect(r.statusCode, JSON.stringify(sent)).toBe(201);
      expect(r.json().file.name, JSON.stringify(sent)).toBe(shown);
      const file = await ent.req('GET', r.json().url);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(shown)}`);
    }
  });

  it('quotas per assessment and per enterprise: refused with the quota named, nothing kept', async () => {
    const w = await makeWorld(t(), { evidenceQuota: { assessmentBytes: 1000, organisationBytes: 1500 } });
    const ent = await login(w, 'ent1user');
    const clients = { ent1user: ent, body1admin: await login(w, 'body1admin') };
    const a = await createAssessment(teamSpec(w, clients));
    const b = await createAssessment(teamSpec(w, clients));
    const rid = a.requirementIds[0]!;
    const bytes = (n: number) => Buffer.alloc(n, 7);

    expect((await upload(ent, a.id, rid, 'a1.pdf', bytes(600))).statusCode).toBe(201);
    const overA = await upload(ent, a.id, rid, 'a2.pdf', bytes(500));
    expect(overA.statusCode).toBe(413);
    expect(overA.json().error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      params: { rule: 'quota', scope: 'assessment', limitBytes: 1000, usedBytes: 600 },
    });
    expect((await upload(ent, a.id, rid, 'a3.pdf', bytes(400))).statusCode).toBe(201); // exactly full
    const full = await upload(ent, a.id, rid, 'a4.pdf', bytes(1));
    expect(full.json().error.params).toMatchObject({ rule: 'quota', scope: 'assessment' });

    const overOrg = await upload(ent, b.id, rid, 'b1.pdf', bytes(600));
    expect(overOrg.statusCode).toBe(413);
    expect(overOrg.json().error.params).toMatchObject({
      rule: 'quota',
      scope: 'organisation',
      limitBytes: 1500,
      usedBytes: 1000,
    });
    expect((await upload(ent, b.id, rid, 'b2.pdf', bytes(500))).statusCode).toBe(201);
    expect(storedFiles(t().workDir)).toHaveLength(3);

    // Another enterprise has its own quota.
    const other = await login(w, 'ent2user');
    const c = await createAssessment({ ...teamSpec(w, clients), enterprise: other });
    expect((await upload(other, c.id, rid, 'c1.pdf', bytes(900))).statusCode).toBe(201);
  });

  it('DELETE removes the stored file once the removal has committed', async () => {
    const w = await makeWorld(t());
    const ent = await login(w, 'ent1user');
    const d = await createAssessment(
      teamSpec(w, { ent1user: ent, body1admin: await login(w, 'body1admin') }),
    );
    const kept = await upload(ent, d.id, d.requirementIds[0]!, '保留.pdf', 'keep');
    const gone = await upload(ent, d.id, d.requirementIds[0]!, '删除.pdf', 'remove me');
    expect(storedFiles(t().workDir)).toHaveLength(2);
    const del = await ent.req('DELETE', `/api/assessments/${d.id}/evidence/${gone.json().id}`);
    expect(del.statusCode).toBe(200);
    const left = storedFiles(t().workDir);
    expect(left).toHaveLength(1);
    expect(fs.readFileSync(left[0]!, 'utf8')).toBe('keep');
    expect((await ent.req('GET', gone.json().url)).statusCode).toBe(404);
    expect((await ent.req('GET', kept.json().url)).statusCode).toBe(200);
    // A removal the process refuses (unknown item) removes nothing.
    expect((await ent.req('DELETE', `/api/assessments/${d.id}/evidence/nothing`)).statusCode).toBe(404);
    expect(storedFiles(t().workDir)).toHaveLength(1);
  });

  it('issue 12: a retried upload (same Idempotency-Key, or the same file, requirement and name by the same user) creates no second item', async () => {
    const w = await makeWorld(t());
    const ent = await login(w, 'ent1user');
    const d = await createAssessment(
      teamSpec(w, { ent1user: ent, body1admin: await login(w, 'body1admin') }),
    );
    const [r1, r2] = [d.requirementIds[0]!, d.requirementIds[1]!];
    const items = async () =>
      (await allItems(ent, `/api/assessments/${d.id}/evidence?limit=200`)) as { id: string }[];
    const before = (await items()).length;

    // The same key: the first item again, whatever the retry carries; its stored copy is not kept.
    const key = { 'idempotency-key': '01a2b3c4-offline-queue-7' };
    const first = await upload(ent, d.id, r1, '巡检记录.jpg', 'photo-1', key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await upload(ent, d.id, r1, '巡检记录.jpg', 'photo-1', key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expect((await items()).length).toBe(before + 1);
    expect(storedFiles(t().workDir)).toHaveLength(1);

    // No key: the same content, requirement and name by the same user is the same upload.
    const a = await upload(ent, d.id, r2, '设备台账.xlsx', 'ledger');
    const again = await upload(ent, d.id, r2, '设备台账.xlsx', 'ledger');
    expect(again.json().id).toBe(a.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // …but another name, another requirement, or other content is a new item.
    const renamed = await upload(ent, d.id, r2, '设备台账-2025.xlsx', 'ledger');
    const elsewhere = await upload(ent, d.id, r1, '设备台账.xlsx', 'ledger');
    const changed = await upload(ent, d.id, r2, '设备台账.xlsx', 'ledger v2');
    const ids = new Set([a, renamed, elsewhere, changed].map((r) => r.json().id as string));
    expect(ids.size).toBe(4);
    expect((await items()).length).toBe(before + 5);
    expect(storedFiles(t().workDir)).toHaveLength(5);

    // A header that is no key is refused before anything is stored.
    const platformKey = await upload(ent, d.id, r1, '另一份.pdf', 'other', { 'idempotency-key': 'bad key!' });
    expect(platformKey.statusCode).toBe(400);
    expect(platformKey.json().error.params.rule).toBe('idempotencyKey');
    expect(storedFiles(t().workDir)).toHaveLength(5);

    // The item a key created was removed: the key then makes a new item (no stale answer, no error).
    expect((await ent.req('DELETE', `/api/assessments/${d.id}/evidence/${first.json().id}`)).statusCode).toBe(
      200,
    );
    const after = await upload(ent, d.id, r1, '巡检记录.jpg', 'photo-1', key);
    expect(after.statusCode).toBe(201);
    expect(after.json().id).not.toBe(first.json().id);
  });
});

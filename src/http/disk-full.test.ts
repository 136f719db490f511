/**
 * Defect 7 of issue 9: a full disk. Writes are refused with 503 UNAVAILABLE (rule disk_full, a message naming the
 * cause and that reading still works, the request id), reads keep working — the session's sliding expiry is a
 * write and is best effort — and an evidence upload is refused with nothing left in storage.
 *
 * The full disk is made by the database engines themselves:
 * - SQLite: `PRAGMA max_page_count` caps the file at its current size, and a trigger on every table makes each
 *   written row need new pages (a real disk that is full fails every write, even one that rewrites a page in
 *   place, because the WAL must grow), so every write fails with the engine's own SQLITE_FULL;
 * - PostgreSQL: a statement trigger on every table raises SQLSTATE 53100 (disk_full), the error the server gives
 *   when it cannot extend a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { fillTheDisk } from '../testing/disk-full.js';
import { login, makeWorld, multipart, teamSpec } from '../testing/http-world.js';
import { createAssessment } from './driver.js';

function storedFiles(workDir: string): string[] {
  const root = path.join(workDir, 'evidence');
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

forEachDialect('issue 9 defect 7: a full disk', (t) => {
  it('writes answer 503 disk_full, reads keep working (the session refresh is best effort), uploads leave nothing', async () => {
    // Every request slides the session's expiry (a write), so each read below tries one.
    const w = await makeWorld(t(), { sessionTouchMs: 0 });
    const ent = await login(w, 'ent1user');
    const d = await createAssessment(
      teamSpec(w, { ent1user: ent, body1admin: await login(w, 'body1admin') }),
    );
    const before = storedFiles(t().workDir);

    await fillTheDisk(t());

    for (const url of [
      '/api/me',
      '/api/assessments',
      `/api/assessments/${d.id}`,
      `/api/assessments/${d.id}/evidence`,
    ]) {
      const r = await ent.req('GET', url);
      expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
    }

    const m = multipart(
      { requirementId: d.requirementIds[0]!, kind: 'submitted', note: '证明材料' },
      { name: '制度文件.pdf', content: Buffer.alloc(4096, 1) },
    );
    const up = await ent.req('POST', `/api/assessments/${d.id}/evidence`, m.payload, m.headers);
    expect(up.statusCode, up.body).toBe(503);
    expect(up.json().error).toMatchObject({ code: 'UNAVAILABLE', params: { rule: 'disk_full' } });
    expect(up.json().error.message).toMatch(/storage is full.*reading still works/);
    expect(up.json().error.requestId).toBe(up.headers['x-request-id']);
    expect(storedFiles(t().workDir)).toEqual(before);

    // A JSON write and a login (it writes the attempt and the session): refused the same way, not a 500.
    const logout = await ent.req('POST', '/api/auth/logout');
    expect(logout.statusCode).toBe(503);
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ent2user@test.dtma', password: 'test-password-1' },
    });
    expect(again.statusCode).toBe(503);
    expect(again.json().error.params.rule).toBe('disk_full');

    // Health: the process is up and the database answers reads.
    expect((await w.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await w.app.close();
  });
});

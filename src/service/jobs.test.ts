/** The platform's job types run through the queue of the database (both dialects). */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { eventually, testJobQueue } from '../testing/jobs.js';
import { FsEvidenceStorage } from '../store/files.js';
import { createSession, getSession } from '../store/repos/sessions.js';
import { createUser } from '../store/repos/users.js';
import { createServiceContext } from './context.js';
import { startJobs } from './jobs.js';

forEachDialect('platform jobs', (t) => {
  it('sessions_purge removes expired sessions and keeps live ones', async () => {
    const { db, workDir } = t();
    const user = await createUser(
      db,
      { userId: null, label: 'test' },
      { email: 'a@test.dtma', displayName: 'A' },
    );
    const old = await createSession(db, {
      userId: user.id,
      ttlMs: 1000,
      now: new Date(Date.now() - 3600_000),
    });
    const live = await createSession(db, { userId: user.id, ttlMs: 3600_000 });
    const jobs = await testJobQueue(t());
    const ctx = createServiceContext({ db, storage: new FsEvidenceStorage(`${workDir}/evidence`), jobs });
    try {
      await startJobs(ctx);
      const id = (await jobs.send('sessions_purge', {}))!;
      const done = await eventually('purged', async () => {
        const j = await jobs.getJob('sessions_purge', id);
        return j?.state === 'completed' && j;
      });
      expect(done.output).toMatchObject({ sessions: 1 });
      expect(await getSession(db, old.token, new Date(Date.now() - 3600_000))).toBeUndefined();
      expect(await getSession(db, live.token)).toBeDefined();
    } finally {
      await jobs.stop();
    }
  });
});

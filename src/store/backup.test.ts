import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { verifyAuditChain } from './audit.js';
import { backupSqlite, BackupError, restoreSqlite } from './backup.js';
import { openDatabase } from './db.js';
import { createOrganisation, listOrganisations } from './repos/organisations.js';
import { forEachDialect } from '../testing/databases.js';

const sys = { userId: null, label: 'system' };

forEachDialect('backup', (t, dialect) => {
  if (dialect === 'postgres') {
    it('refuses with the pg_dump instruction', async () => {
      await expect(backupSqlite(t(), path.join(t().workDir, 'x.sqlite'))).rejects.toThrow(/pg_dump/);
    });
    return;
  }

  it('online backup, then an atomic restore brings the data back', async () => {
    const live = t();
    await createOrganisation(live.db, sys, { kind: 'body', name: 'before backup' });
    const file = path.join(live.workDir, 'backups', 'b1.sqlite');
    const info = await backupSqlite(live, file);
    expect(info.bytes).toBeGreaterThan(0);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['b1.sqlite']);

    await createOrganisation(live.db, sys, { kind: 'body', name: 'after backup' });
    expect(await listOrganisations(live.db)).toHaveLength(2);
    await expect(restoreSqlite(file, live.file!)).rejects.toThrow(/stop the server/);
    await live.close();

    const { previous } = await restoreSqlite(file, live.file!);
    expect(previous && fs.existsSync(previous)).toBe(true);
    const reopened = await openDatabase({ url: `sqlite:${live.file}`, migrate: true });
    try {
      expect((await listOrganisations(reopened.db)).map((o) => o.name)).toEqual(['before backup']);
      expect(await verifyAuditChain(reopened.db)).toMatchObject({ ok: true, count: 1 });
    } finally {
      await reopened.close();
    }
    // the pre-restore copy holds the newer data
    const old = new BetterSqlite3(previous!, { readonly: true });
    expect(old.prepare('select count(*) as n from organisations').get()).toEqual({ n: 2 });
    old.close();
  });

  it('restore refuses files that are not dtma databases and leaves the target untouched', async () => {
    const live = t();
    await createOrganisation(live.db, sys, { kind: 'body', name: 'keep me' });
    await live.close();
    const before = fs.readFileSync(live.file!);

    const garbage = path.join(live.workDir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'not a database at all'.repeat(100));
    await expect(restoreSqlite(garbage, live.file!)).rejects.toThrow(BackupError);

    const other = path.join(live.workDir, 'other.sqlite');
    const o = new BetterSqlite3(other);
    o.exec('create table something (x integer)');
    o.close();
    await expect(restoreSqlite(other, live.file!)).rejects.toThrow(/not a dtma database/);
    await expect(restoreSqlite(path.join(live.workDir, 'missing.sqlite'), live.file!)).rejects.toThrow(
      /does not exist/,
    );

    expect(fs.readFileSync(live.file!)).toEqual(before);
  });
});

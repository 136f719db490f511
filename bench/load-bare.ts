/**
 * The bare route of BENCH=load, a process of its own: Fastify with one PUT route that makes one durable insert
 * into the same database as dtma (SQLite: WAL, synchronous=FULL, one transaction per request; PostgreSQL: a pool of
 * 10, one INSERT per request). The floor a score write cannot go below: HTTP + JSON + one commit.
 *
 *   node --import tsx bench/load-bare.ts <port> <DATABASE_URL>
 */
import Fastify from 'fastify';
import pg from 'pg';
import { openSqliteConnection, resolveDatabaseUrl } from '../src/store/db.js';

const [portArg, url] = process.argv.slice(2) as [string, string];
const { dialect, target } = resolveDatabaseUrl(url);
const DDL =
  'CREATE TABLE IF NOT EXISTS bare_scores (expert TEXT NOT NULL, requirement TEXT NOT NULL, value INTEGER NOT NULL, rationale TEXT NOT NULL, at TEXT NOT NULL)';
let insert: (e: string, r: string, v: number, note: string) => Promise<void>;
let close: () => Promise<void>;
if (dialect === 'sqlite') {
  const conn = openSqliteConnection(target, 5000, 'FULL');
  conn.exec(DDL);
  const stmt = conn.prepare('INSERT INTO bare_scores VALUES (?, ?, ?, ?, ?)');
  insert = async (e, r, v, note) => void stmt.run(e, r, v, note, new Date().toISOString());
  close = async () => {
    conn.close();
  };
} else {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  await pool.query(DDL);
  insert = async (e, r, v, note) =>
    void (await pool.query('INSERT INTO bare_scores VALUES ($1, $2, $3, $4, $5)', [
      e,
      r,
      v,
      note,
      new Date().toISOString(),
    ]));
  close = () => pool.end();
}
const app = Fastify();
app.put('/bare/:expert/:requirement', async (request) => {
  const p = request.params as { expert: string; requirement: string };
  const b = request.body as { value: string; note: string };
  await insert(p.expert, p.requirement, b.value === '1' ? 10 : 8, b.note);
  return { ok: true };
});
const address = await app.listen({ port: Number(portArg), host: '127.0.0.1' });
process.stdout.write(`bare listening ${address}\n`);
const stop = async () => {
  await app.close();
  await close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

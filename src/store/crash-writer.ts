/**
 * Child process of crash.test.ts: writes expert scores in a loop, one transaction each, on an SQLite file, and
 * prints each write's number to stdout only after its transaction committed. The parent kills it with SIGKILL.
 *
 * argv: <sqlite file> <assessment id> <expert id>
 */
import { openDatabase } from './db.js';
import { writeExpertScore } from './repos/scores.js';

const [file, assessmentId, expertId] = process.argv.slice(2);
if (!file || !assessmentId || !expertId) throw new Error('usage: crash-writer <file> <assessment> <expert>');

const { db } = await openDatabase({ url: `sqlite:${file}` });
const actor = { userId: expertId, label: 'crash-writer' };
for (let i = 1; ; i++) {
  const r = await writeExpertScore(db, actor, {
    assessmentId,
    expertId,
    requirementId: `crash.${i}`,
    valueTenths: [0, 5, 8, 10][i % 4]!,
    rationale: `write ${i}`,
    expectedVersion: 0,
  });
  if (!r.ok) throw new Error(`write ${i} failed: ${JSON.stringify(r)}`);
  // acknowledged: committed (WAL fsynced with synchronous=FULL)
  process.stdout.write(`${i}\n`);
}

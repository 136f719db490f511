/**
 * Issue 10: the document cache is bounded in entries and in bytes, least recently used out, and a bounded cache
 * still answers every read right (a miss reads the row again).
 */
import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld } from '../testing/service-world.js';
import { startAssessment } from './drive.js';
import { clearDocCache, configureDocCache, docCacheStats, loadDoc } from '../store/repos/documents.js';

afterEach(() => {
  configureDocCache({ entries: 1000, bytes: 256 * 1024 * 1024 });
});

forEachDialect('issue 10: the bounded document cache', (t) => {
  it(
    'keeps at most N entries and B bytes, evicting the least recently used',
    { timeout: 60_000 },
    async () => {
      const w = await makeServiceWorld(t());
      const { user } = await w.enterprise('湖南某有色金属有限公司');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          (
            await startAssessment(
              w.ctx,
              w.spec(user, () => '1'),
            )
          ).id,
        );
      const [a, b, c, d, e] = ids as [string, string, string, string, string];

      clearDocCache();
      configureDocCache({ entries: 3 });
      for (const id of [a, b, c]) await loadDoc(w.ctx.db, id);
      await loadDoc(w.ctx.db, a); // a is used again: b is now the least recently used
      await loadDoc(w.ctx.db, d);
      expect(docCacheStats().ids).toEqual([c, a, d]);
      expect(docCacheStats().entries).toBe(3);

      // Bytes: room for two documents (they are about the same size).
      const one = docCacheStats().bytes / 3;
      configureDocCache({ entries: 100, bytes: Math.floor(one * 2.5) });
      expect(docCacheStats().entries).toBe(2);
      for (const id of ids) await loadDoc(w.ctx.db, id);
      const stats = docCacheStats();
      expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
      expect(stats.ids).toEqual([d, e]);

      // No cache at all: reads still answer.
      configureDocCache({ entries: 0 });
      expect(docCacheStats().entries).toBe(0);
      expect((await loadDoc(w.ctx.db, e))?.assessment.id).toBe(e);
      expect(docCacheStats().entries).toBe(0);
    },
  );
});

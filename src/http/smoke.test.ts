import { it, expect } from 'vitest';
import { forEachDialect } from '../store/test-databases.js';
import { driveTo, makeWorld } from './test-world.js';

forEachDialect('http smoke', (t) => {
  it('drives to published', async () => {
    const w = await makeWorld(t());
    const d = await driveTo(w, 'published', t());
    const a = await d.clients.ent1user!.json('GET', `/api/assessments/${d.id}`);
    expect(a.stage).toBe('published');
    await w.app.close();
  });
});

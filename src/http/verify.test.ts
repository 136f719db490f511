/**
 * The public verification over HTTP: no login, what the certificate shows, a forged code refused, a rate limit per
 * client address; the certificate and its PDF for those who may read the result.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { driveTo, login, makeWorld } from '../testing/http-world.js';

forEachDialect('certificate verification over HTTP', (t) => {
  it('answers without login, refuses a forged code, limits each address', { timeout: 120_000 }, async () => {
    const w = await makeWorld(t(), { verifyRateLimit: { windowMs: 60_000, max: 3 }, trustProxy: 1 });
    try {
      const d = await driveTo(w, 'published', t());
      const ent = d.clients.ent1user!;
      const cert = await ent.json('GET', `/api/assessments/${d.id}/certificate`);
      expect(cert.state).toBe('valid');
      expect(cert.verifyPath).toBe(`/verify/${cert.code}`);
      const other = await login(w, 'ent2user');
      expect((await other.req('GET', `/api/assessments/${d.id}/certificate`)).statusCode).toBe(404);

      const pdf = await ent.req('GET', `/api/assessments/${d.id}/certificate?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const anon = (url: string, ip = '203.0.113.7') =>
        w.app.inject({ method: 'GET', url, headers: from(ip) });
      const ok = await anon(`/api/verify/${cert.code}?number=${cert.number}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({
        state: 'valid',
        number: cert.number,
        numberMatches: true,
        certificate: cert.content,
      });
      expect(ok.headers['set-cookie']).toBeUndefined();
      const forged = await anon(
        `/api/verify/${cert.code.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))}`,
      );
      expect(forged.statusCode).toBe(404);
      expect(forged.json().error.code).toBe('NOT_FOUND');
      expect(forged.body).not.toContain(cert.number);
      await anon(`/api/verify/${cert.code}`);
      const limited = await anon(`/api/verify/${cert.code}`);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not held back by the first one's requests.
      expect((await anon(`/api/verify/${cert.code}`, '198.51.100.9')).statusCode).toBe(200);
    } finally {
      await w.app.close();
    }
  });
});

/**
 * Security headers (issue 9, defect 5): a Content-Security-Policy without inline scripts and without framing,
 * X-Frame-Options, Referrer-Policy on the HTML and the API; the API pages behind login unless configured.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { login, makeWorld, type AppConfig } from '../testing/http-world.js';
import { createApp, FsEvidenceStorage } from '../testing/store.js';

forEachDialect('security headers', (t) => {
  /** Another app on the same database (no second world of users). */
  const appWith = (config: Partial<AppConfig>) =>
    createApp({
      db: t().db,
      storage: new FsEvidenceStorage(`${t().workDir}/evidence`),
      config: { secureCookies: false, webDist: null, ...config },
    });

  it('the SPA page and API answers carry CSP (no inline script, no framing), X-Frame-Options and Referrer-Policy', async () => {
    const w = await makeWorld(t());
    for (const url of ['/', '/assessments/x', '/api/me', '/api/nothing']) {
      const r = await w.app.inject({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
    }
    // Plain-HTTP test app (secure cookies off): no HSTS; with secure cookies (HTTPS) there is.
    expect(
      (await w.app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security'],
    ).toBeUndefined();
    const https = await appWith({ secureCookies: true });
    expect((await https.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toMatch(
      /max-age=31536000/,
    );
  });

  it('/api/docs: signed-in users by default, anyone with DTMA_API_DOCS=public, nobody with off', async () => {
    const w = await makeWorld(t());
    expect((await w.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    expect((await w.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(401);
    const user = await login(w, 'ent1user');
    const doc = await user.req('GET', '/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');

    const open = await appWith({ apiDocs: 'public' });
    expect((await open.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);

    const off = await appWith({ apiDocs: 'off' });
    expect((await off.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(404);
    expect(off.apiRoutes.some((r) => r.url.startsWith('/api/docs'))).toBe(false);
  });
});

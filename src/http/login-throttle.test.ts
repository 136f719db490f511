/**
 * The login throttle through HTTP (issue 9, defects 2 and 4): growing delays per (account, client address),
 * ceilings per account and per address that slow but never block, and the client address as the configured
 * proxies (DTMA_TRUST_PROXY) give it — a rotated X-Forwarded-For does not escape the limits. The clock is the
 * services' (moved by the test), the limits live in the database.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { allItems, email, login, makeWorld, PASSWORD, type World } from '../testing/http-world.js';
import type { AppConfig } from '../testing/http-world.js';

interface Try {
  who: string;
  password?: string;
  /** The socket address (the client, or the proxy in front of dtma). */
  from: string;
  xff?: string;
}

forEachDialect('login throttle', (t) => {
  let clock = Date.now();
  const world = (config: Partial<AppConfig> = {}) =>
    makeWorld(t(), { now: () => new Date(clock), ...config });
  const attempt = (w: World, a: Try) =>
    w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: a.from,
      headers: a.xff ? { 'x-forwarded-for': a.xff } : {},
      payload: { username: a.who.includes('@') ? a.who : email(a.who), password: a.password ?? PASSWORD },
    });
  const status = async (w: World, a: Try) => {
    const r = await attempt(w, a);
    return r.statusCode === 429
      ? `429 ${r.json().error.params.limit} ${r.headers['retry-after']}s`
      : String(r.statusCode);
  };
  const wait = (ms: number) => (clock += ms);

  it('growing delays per account × address, never a lockout; the right password from another address passes', async () => {
    clock = Date.now();
    const w = await world();
    const A = '10.0.0.1';
    for (let i = 0; i < 5; i++)
      expect(await status(w, { who: 'x1', password: 'wrong', from: A })).toBe('401');
    // The sixth attempt from A waits 1 s, even with the right password; each further failure doubles the wait.
    expect(await status(w, { who: 'x1', from: A })).toBe('429 pair 1s');
    wait(1000);
    expect(await status(w, { who: 'x1', password: 'wrong', from: A })).toBe('401');
    expect(await status(w, { who: 'x1', password: 'wrong', from: A })).toBe('429 pair 2s');
    wait(2000);
    expect(await status(w, { who: 'x1', password: 'wrong', from: A })).toBe('401');
    expect(await status(w, { who: 'x1', from: A })).toBe('429 pair 4s');
    // The owner, from another address, is not held back at all.
    expect(await status(w, { who: 'x1', from: '10.0.0.2' })).toBe('200');
    // And A itself gets in once its wait is over (the old rule: 15 minutes for everyone).
    wait(4000);
    expect(await status(w, { who: 'x1', from: A })).toBe('200');
  });

  it('50 failures from one address (many accounts) block no account there: known pairs pass, others wait 1 s', async () => {
    clock = Date.now();
    const w = await world();
    const NAT = '10.0.0.9';
    expect(await status(w, { who: 'x3', from: NAT })).toBe('200'); // x3 has logged in from here before
    for (let i = 0; i < 50; i++)
      expect(await status(w, { who: `nobody${i}@test.dtma`, password: 'guess', from: NAT })).toBe('401');
    expect(await status(w, { who: 'x3', from: NAT })).toBe('200');
    expect(await status(w, { who: 'x2', from: NAT })).toBe('429 address 1s');
    wait(1000);
    expect(await status(w, { who: 'x2', from: NAT })).toBe('200');
  });

  it('a per-account ceiling spaces attempts from new addresses by seconds, never blocks the owner', async () => {
    clock = Date.now();
    const w = await world();
    expect(await status(w, { who: 'x4', from: '10.3.0.1' })).toBe('200'); // the owner's usual address
    for (let i = 0; i < 20; i++)
      expect(await status(w, { who: 'x4', password: `guess${i}`, from: `10.1.0.${i + 1}` })).toBe('401');
    expect(await status(w, { who: 'x4', from: '10.3.0.1' })).toBe('200');
    expect(await status(w, { who: 'x4', from: '10.2.0.1' })).toBe('429 account 5s');
    wait(5000);
    expect(await status(w, { who: 'x4', from: '10.2.0.1' })).toBe('200');
  });

  for (const trustProxy of [1, ['127.0.0.1']] as const) {
    it(`behind a proxy (DTMA_TRUST_PROXY=${String(trustProxy)}): a rotated X-Forwarded-For does not escape the limits; the real client is seen`, async () => {
      clock = Date.now();
      const w = await world({ trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] });
      const proxy = '127.0.0.1';
      const client = '203.0.113.7';
      // The client forges an X-Forwarded-For entry, new each time; the proxy appends the address it saw.
      for (let i = 0; i < 5; i++)
        expect(
          await status(w, { who: 'x5', password: 'wrong', from: proxy, xff: `198.51.100.${i}, ${client}` }),
        ).toBe('401');
      expect(await status(w, { who: 'x5', from: proxy, xff: `198.51.100.99, ${client}` })).toBe(
        '429 pair 1s',
      );
      // Another real client behind the same proxy is someone else.
      expect(await status(w, { who: 'x5', from: proxy, xff: '203.0.113.8' })).toBe('200');
      const admin = await login(w, 'platform');
      const sessions = (await allItems(admin, '/api/audit?entity=session&limit=500', 'afterSeq')) as {
        action: string;
        actorLabel: string;
        after: { ip?: string } | null;
      }[];
      const ips = sessions
        .filter((e) => e.actorLabel === email('x5'))
        .map((e) => `${e.action} ${e.after?.ip}`);
      expect(ips).toContain('login 203.0.113.8');
      expect(ips.filter((x) => x === 'login_failed 203.0.113.7')).toHaveLength(5);
      expect(ips.some((x) => x.includes('198.51.100.') || x.includes(proxy))).toBe(false);
    });
  }

  it('without a proxy configured, X-Forwarded-For is ignored: the socket address counts', async () => {
    clock = Date.now();
    const w = await world();
    for (let i = 0; i < 5; i++)
      expect(
        await status(w, { who: 'x6', password: 'wrong', from: '10.9.9.9', xff: `198.51.100.${i}` }),
      ).toBe('401');
    expect(await status(w, { who: 'x6', from: '10.9.9.9', xff: '198.51.100.77' })).toBe('429 pair 1s');
  });
});

import { describe, expect, it } from 'vitest';
import { isCreditCode } from '../process/credit-code.js';
import { demoOrganisations } from './demo.js';

describe('demo data reads like real organisations', () => {
  it('every demo organisation has its own credit code that passes the GB 32100 check', () => {
    const orgs = demoOrganisations();
    expect(orgs.length).toBeGreaterThanOrEqual(10); // the body, the four enterprises and the mining peers
    for (const o of orgs) expect(isCreditCode(o.creditCode), `${o.name} ${o.creditCode}`).toBe(true);
    expect(new Set(orgs.map((o) => o.creditCode)).size).toBe(orgs.length);
  });
});

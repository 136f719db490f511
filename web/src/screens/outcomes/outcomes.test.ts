import { describe, expect, it } from 'vitest';
import { parseRoute, verifyCodeOf } from '../../app/router';
import { tabsFor } from '../assessment/tabs';
import { benchmarkOption } from './charts';

describe('results over time in the web app', () => {
  it('the enterprise gets the certificate tab once published; the body and the leader once the result is frozen', () => {
    expect(tabsFor('enterprise', 'communication')).not.toContain('outcomes');
    expect(tabsFor('enterprise', 'published')).toContain('outcomes');
    expect(tabsFor('body', 'consensus')).not.toContain('outcomes');
    expect(tabsFor('body', 'result_frozen')).toContain('outcomes');
    expect(tabsFor('member', 'published')).not.toContain('outcomes');
  });

  it('the public verification lives at /verify/<code>; analytics at #/analytics', () => {
    expect(verifyCodeOf('/verify/ABCDEFGHJKMNPQRSTVWXYZ0123')).toBe('ABCDEFGHJKMNPQRSTVWXYZ0123');
    expect(verifyCodeOf('/verify/')).toBeUndefined();
    expect(verifyCodeOf('/')).toBeUndefined();
    expect(parseRoute('/analytics')).toEqual({ name: 'analytics' });
    expect(parseRoute('/a/x/outcomes')).toEqual({ name: 'assessment', id: 'x', tab: 'outcomes' });
  });

  it('the benchmark chart draws the interquartile range from q1 to q3 and this enterprise as a point', () => {
    const o = benchmarkOption(
      {
        dimension: 'industry',
        value: '采选',
        available: true,
        domains: [{ id: 'data', name: '数据', own: '3.50', q1: '2.00', median: '2.50', q3: '3.00' }],
      },
      { own: 'own', median: 'median', iqr: 'iqr' },
      (_id, zh) => zh,
    ) as { series: { data: unknown[] }[] };
    expect(o.series[0]!.data).toEqual([2]);
    expect(o.series[1]!.data).toEqual([1]);
    expect(o.series[3]!.data).toEqual([[3.5, '数据']]);
  });
});

import { describe, expect, it } from 'vitest';
import { exportUrl } from './exportUrl';

describe('the list export’s link (issue 12)', () => {
  it('carries the filters applied, and the language when English', () => {
    expect(exportUrl({}, 'zh')).toBe('/api/assessments/export');
    expect(
      exportUrl(
        { stage: 'scoring', industry: 'mining', year: 2025, level: 0, q: '铜 业', overdue: '1' },
        'en',
      ),
    ).toBe(
      '/api/assessments/export?stage=scoring&industry=mining&year=2025&level=0&q=%E9%93%9C+%E4%B8%9A&overdue=1&lang=en',
    );
    expect(exportUrl({ sort: 'level', order: 'asc', q: undefined }, 'zh')).toBe(
      '/api/assessments/export?sort=level&order=asc',
    );
  });
});

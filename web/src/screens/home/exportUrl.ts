/** The URL of the list's Excel export for the filters applied (a plain link: the browser downloads the file). */
import type { QueryOf } from '@engine/contract/index';

export type ExportQuery = QueryOf<'GET /api/assessments/export'>;

export function exportUrl(filters: Omit<ExportQuery, 'lang'>, lang: 'zh' | 'en'): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, string | number | undefined][])
    if (v !== undefined && v !== '') sp.set(k, String(v));
  if (lang === 'en') sp.set('lang', 'en');
  const qs = sp.toString();
  return `/api/assessments/export${qs ? `?${qs}` : ''}`;
}

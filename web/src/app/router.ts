/** Minimal hash router: `#/a/42/score` → ['a', '42', 'score']. */
import { useEffect, useState } from 'react';

export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

export function navigate(path: string): void {
  if (currentPath() !== path) window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}

export type AdminPage = 'orgs' | 'users' | 'experts' | 'audit';
const ADMIN_PAGES: readonly AdminPage[] = ['orgs', 'users', 'experts', 'audit'];

export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'apply' }
  | { name: 'profile' }
  | { name: 'admin'; page: AdminPage }
  | { name: 'analytics' }
  | { name: 'assessment'; id: string; tab: AssessmentTab }
  | { name: 'notFound' };

export type AssessmentTab =
  | 'overview'
  | 'self'
  | 'review'
  | 'team'
  | 'plans'
  | 'evidence'
  | 'onsite'
  | 'score'
  | 'consensus'
  | 'result'
  | 'report'
  | 'contests'
  | 'outcomes';
const TABS: readonly AssessmentTab[] = [
  'overview',
  'self',
  'review',
  'team',
  'plans',
  'evidence',
  'onsite',
  'score',
  'consensus',
  'result',
  'report',
  'contests',
  'outcomes',
];

export function parseRoute(path: string): Route {
  const seg = path.split('?')[0]!.split('/').filter(Boolean);
  if (seg.length === 0) return { name: 'home' };
  if (seg[0] === 'login' && seg.length === 1) return { name: 'login' };
  if (seg[0] === 'apply' && seg.length === 1) return { name: 'apply' };
  if (seg[0] === 'profile' && seg.length === 1) return { name: 'profile' };
  if (seg[0] === 'admin' && seg.length === 2 && ADMIN_PAGES.includes(seg[1] as AdminPage))
    return { name: 'admin', page: seg[1] as AdminPage };
  if (seg[0] === 'analytics' && seg.length === 1) return { name: 'analytics' };
  if (seg[0] === 'a' && seg[1]) {
    const tab = (seg[2] ?? 'overview') as AssessmentTab;
    if (seg.length <= 3 && TABS.includes(tab)) return { name: 'assessment', id: seg[1], tab };
  }
  return { name: 'notFound' };
}

export function assessmentPath(id: string, tab: AssessmentTab = 'overview'): string {
  return tab === 'overview' ? `/a/${id}` : `/a/${id}/${tab}`;
}

/** The public verification page lives at /verify/<code> (a real path: the certificate's QR code points there). */
export function verifyCodeOf(pathname: string): string | undefined {
  const m = /^\/verify\/([^/]+)\/?$/.exec(pathname);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

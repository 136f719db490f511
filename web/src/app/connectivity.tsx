/**
 * Is the server there? `useOnline()` is false while the browser is offline or the last request got no answer
 * (src: api/client.ts); while it is false the server is asked again every few seconds, so the banner goes and the
 * outboxes send as soon as it answers. `useUnsaved()` counts the user's grades not yet confirmed (all sheets).
 */
import { useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import { CloudServerOutlined } from '@ant-design/icons';
import { api, isReachable, onReachability } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { countOf } from '../scores/outbox';
import { OUTBOX_CHANGED } from '../scores/queue';
import { useAuth } from './auth';

const PROBE_MS = 5000;

export function useOnline(): boolean {
  const [browser, setBrowser] = useState(() => navigator.onLine);
  const [server, setServer] = useState(isReachable);
  useEffect(() => {
    const on = () => setBrowser(navigator.onLine);
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    const off = onReachability(setServer);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', on);
      off();
    };
  }, []);
  useEffect(() => {
    if (server) return;
    const id = setInterval(() => void api('GET /api/me').catch(() => undefined), PROBE_MS);
    return () => clearInterval(id);
  }, [server]);
  return browser && server;
}

export function useUnsaved(): number {
  const { user } = useAuth();
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!user) return;
    let live = true;
    const read = () =>
      void countOf(user.id)
        .then((c) => live && setN(c))
        .catch(() => undefined);
    read();
    const onStorage = (e: StorageEvent) => e.key === OUTBOX_CHANGED && read();
    window.addEventListener(OUTBOX_CHANGED, read);
    window.addEventListener('storage', onStorage);
    return () => {
      live = false;
      window.removeEventListener(OUTBOX_CHANGED, read);
      window.removeEventListener('storage', onStorage);
    };
  }, [user]);
  return n;
}

/** The banner under the header while the server cannot be reached. */
export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  const unsaved = useUnsaved();
  if (online) return null;
  return (
    <Alert
      banner
      type="warning"
      icon={<CloudServerOutlined />}
      data-testid="offline-banner"
      role="status"
      message={
        <span>
          {t('offline.banner')}
          {unsaved > 0 && <b style={{ marginInlineStart: 8 }}>{t('offline.unsaved', { n: unsaved })}</b>}
        </span>
      }
    />
  );
}

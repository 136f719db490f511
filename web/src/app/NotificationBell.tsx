/**
 * The bell in the header (issue 13): the unread count (polled once a minute and when the window gets focus); a
 * click opens the notification panel, loaded lazily (its list, mark read, mark all read, links to the screens).
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import Badge from 'antd/es/badge';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Spin from 'antd/es/spin';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';

const NotificationPanel = lazy(() => import('../screens/notifications/NotificationPanel'));

const POLL_MS = 60_000;

export function NotificationBell() {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const refresh = useCallback(() => {
    api('GET /api/notifications', { query: { unread: true, limit: 1 } })
      .then((p) => setUnread(p.unread))
      .catch(() => {
        /* offline or signed out: keep the last count */
      });
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);
  return (
    <>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
          aria-label={t('notify.bell', { n: unread })}
          data-testid="notification-bell"
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('notify.title')} width={420} destroyOnClose>
        {open && (
          <Suspense fallback={<Spin style={{ margin: 24, display: 'block' }} />}>
            <NotificationPanel onChange={setUnread} onNavigate={() => setOpen(false)} />
          </Suspense>
        )}
      </Drawer>
    </>
  );
}

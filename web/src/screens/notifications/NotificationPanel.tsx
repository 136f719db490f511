/** The notification list (issue 13): newest first, unread marked; open (marks read, goes to the screen), mark all. */
import { useCallback, useEffect, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import List from 'antd/es/list';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Typography from 'antd/es/typography';
import type { NotificationItem } from '@engine/contract/index';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

type Item = NotificationItem;

const PAGE = 20;

function deadlineText(deadline: string, lang: 'zh' | 'en'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(deadline)
    ? deadline
    : new Date(Date.parse(deadline) + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = date.split('-').map(Number);
  return lang === 'zh' ? `${y}年${m}月${d}日` : date;
}

export default function NotificationPanel({
  onChange,
  onNavigate,
}: {
  onChange: (unread: number) => void;
  onNavigate: () => void;
}) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [total, setTotal] = useState(0);
  const [mail, setMail] = useState(true);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      setError(undefined);
      try {
        const p = await api('GET /api/notifications', {
          query: { limit: PAGE, offset, lang, ...(unreadOnly ? { unread: true } : {}) },
        });
        setItems((prev) => (offset === 0 ? p.items : [...prev, ...p.items]));
        setTotal(p.total);
        setMail(p.mail);
        onChange(p.unread);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [lang, unreadOnly, onChange],
  );
  useEffect(() => {
    void load(0);
  }, [load]);

  const markRead = async (item: Item) => {
    if (item.readAt) return;
    const updated = await api('POST /api/notifications/:id/read', {
      params: { id: item.id },
      query: { lang },
    });
    setItems((prev) => prev.map((i) => (i.id === item.id ? updated : i)));
    const p = await api('GET /api/notifications', { query: { unread: true, limit: 1 } });
    onChange(p.unread);
  };
  const open = async (item: Item) => {
    await markRead(item).catch(() => undefined);
    onNavigate();
    navigate(item.link);
  };
  const markAll = async () => {
    await api('POST /api/notifications/read-all');
    await load(0);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="notification-panel">
      {!mail && <Alert type="info" showIcon message={t('notify.mailOff')} />}
      <Space wrap>
        <Switch checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('notify.unreadOnly')} />
        <span>{t('notify.unreadOnly')}</span>
        <Button size="small" onClick={() => void markAll()} data-testid="notification-mark-all">
          {t('notify.markAll')}
        </Button>
      </Space>
      {error !== undefined && <ErrorAlert error={error} />}
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('notify.empty') }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            data-testid="notification-item"
            style={{ background: item.readAt ? undefined : '#f0f6ff', paddingInline: 8 }}
            actions={[
              <Button key="open" type="link" size="small" onClick={() => void open(item)}>
                {t('notify.open')}
              </Button>,
              ...(item.readAt
                ? []
                : [
                    <Button key="read" type="link" size="small" onClick={() => void markRead(item)}>
                      {t('notify.markRead')}
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta
              title={<Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>}
              description={
                <>
                  <div>{item.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(item.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
                    {item.deadline
                      ? ` · ${t('notify.deadline', { date: deadlineText(item.deadline, lang) })}`
                      : ''}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {items.length < total && (
        <Button block onClick={() => void load(items.length)} loading={loading}>
          {t('notify.more')}
        </Button>
      )}
    </Space>
  );
}

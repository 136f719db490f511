/** Issue 13: the administration screens say when notification e-mail is off (DTMA_SMTP_URL / DTMA_MAIL_FROM unset). */
import Alert from 'antd/es/alert';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';

export function MailOffNote() {
  const { t } = useI18n();
  const q = useApi((signal) => api('GET /api/notifications', { query: { limit: 1 }, signal }), []);
  if (!q.data || q.data.mail) return null;
  return (
    <Alert
      type="info"
      showIcon
      message={t('notify.mailOff')}
      style={{ marginBottom: 12 }}
      data-testid="mail-off"
    />
  );
}

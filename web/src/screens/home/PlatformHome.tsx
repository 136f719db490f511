import Card from 'antd/es/card';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Statistic from 'antd/es/statistic';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import Button from 'antd/es/button';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { MessageKey } from '../../i18n/messages';

/** Where the platform admin lands: the registers it keeps, with what needs attention. */
export function PlatformHome() {
  const { t } = useI18n();
  // The registers' sizes: the lists' totals (one item each is enough).
  const orgs = useApi((signal) => api('GET /api/orgs', { signal, query: { limit: 1 } }), []);
  const users = useApi((signal) => api('GET /api/users', { signal, query: { limit: 1 } }), []);
  const experts = useApi((signal) => api('GET /api/experts', { signal }), []);
  const today = new Date().toISOString().slice(0, 10);
  const expired = (experts.data ?? []).filter(
    (e) => !e.trainingValidUntil || e.trainingValidUntil < today,
  ).length;
  const card = (title: MessageKey, value: number | undefined, path: string, danger = false) => (
    <Col xs={12} md={6}>
      <Card size="small" hoverable onClick={() => navigate(path)}>
        <Statistic
          title={t(title)}
          value={value ?? '—'}
          valueStyle={danger && value ? { color: '#cf1322' } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.platformHome')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.platformIntro')}</Typography.Paragraph>
      {(orgs.error ?? users.error ?? experts.error) && (
        <ErrorAlert error={orgs.error ?? users.error ?? experts.error} />
      )}
      <Row gutter={[12, 12]}>
        {card('home.orgCount', orgs.data?.total, '/admin/orgs')}
        {card('home.userCount', users.data?.total, '/admin/users')}
        {card('home.expertCount', experts.data?.length, '/admin/experts')}
        {card('home.expiredTraining', experts.data ? expired : undefined, '/admin/experts', true)}
      </Row>
      <Space wrap>
        <Button onClick={() => navigate('/admin/users')}>{t('nav.users')}</Button>
        <Button onClick={() => navigate('/admin/experts')}>{t('nav.experts')}</Button>
        <Button onClick={() => navigate('/admin/audit')}>{t('nav.audit')}</Button>
      </Space>
    </Space>
  );
}

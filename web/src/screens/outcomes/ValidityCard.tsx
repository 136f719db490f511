/** Validity of the newest published results the user answers for (own enterprise / own body) and re-assessment due dates. */
import Card from 'antd/es/card';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Button from 'antd/es/button';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { assessmentPath, navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';

const COLOUR = { valid: 'green', due: 'orange', expired: 'red' } as const;

export function ValidityCard() {
  const { t } = useI18n();
  const q = useApi((signal) => api('GET /api/results/validity', { signal }), []);
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card size="small" title={t('val.title')} data-testid="validity">
      <Table
        size="small"
        rowKey="assessmentId"
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        dataSource={q.data}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('val.enterprise'),
            render: (_: unknown, r) => (
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => navigate(assessmentPath(r.assessmentId, 'outcomes'))}
              >
                {r.enterpriseName}
              </Button>
            ),
          },
          { title: t('cert.number'), render: (_: unknown, r) => r.certificateNumber ?? '—' },
          { title: t('cert.issued'), dataIndex: 'issuedOn', width: 110 },
          { title: t('cert.validUntil'), dataIndex: 'validUntil', width: 110 },
          { title: t('cert.due'), dataIndex: 'reassessmentDue', width: 120 },
          {
            title: '',
            width: 90,
            render: (_: unknown, r) => <Tag color={COLOUR[r.state]}>{t(`val.state.${r.state}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

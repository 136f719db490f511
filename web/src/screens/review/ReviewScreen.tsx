import { useState } from 'react';
import Card from 'antd/es/card';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import Descriptions from 'antd/es/descriptions';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';
import { useEvidence } from '../../evidence/useEvidence';
import { ELIGIBILITY_KEYS } from '../apply/eligibility';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';

/** 4.5.1 受理评估申请: the body reads the application and accepts or rejects it with a reason. */
export default function ReviewScreen() {
  const { t } = useI18n();
  const { assessment: a } = useAssessment();
  const { run, busy } = useTransition();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const evidence = useEvidence(a.id);
  const self = useApi(
    (signal) =>
      api('GET /api/assessments/:id/result', { params: { id: a.id }, query: { source: 'self' }, signal }),
    [a.id],
  );
  const el = a.application.eligibility;
  const can = (c: 'application.accept' | 'application.reject') => a.allowedCommands.includes(c);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('review.application')}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('home.enterprise')}>{a.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('home.industry')}>{t(`industry.${a.industry}`)}</Descriptions.Item>
            <Descriptions.Item label={t('apply.scope')}>{a.applicationForm.scope}</Descriptions.Item>
            <Descriptions.Item label={t('apply.requestedLevel')}>
              {a.applicationForm.requestedLevel
                ? t(`level.${a.applicationForm.requestedLevel as 1 | 2 | 3 | 4 | 5}`)
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('apply.eligibility')}>
              {ELIGIBILITY_KEYS.map((k) => (
                <div key={k}>
                  <Tag color={el?.[k] ? 'green' : 'red'}>{el?.[k] ? '✓' : '✗'}</Tag>
                  {t(`eligibility.${k}`)}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.submittedAt')}>
              {a.application.submittedAt?.slice(0, 16).replace('T', ' ') ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.evidenceCount')}>{evidence.all.length}</Descriptions.Item>
            <Descriptions.Item label={t('review.selfResult')}>
              {self.data ? (
                <span>
                  <b>{self.data.summary.total}</b> · {self.data.summary.conclusion}
                  {self.data.partial && <Tag style={{ marginLeft: 8 }}>{t('live.partialNote')}</Tag>}
                </span>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('review.decision')}>
          {!can('application.accept') && !can('application.reject') && (
            <Alert type="info" showIcon message={t('review.notPending')} style={{ marginBottom: 12 }} />
          )}
          <Typography.Paragraph type="secondary">{t('review.hint')}</Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('review.note')}
            />
            <Button
              type="primary"
              block
              disabled={!can('application.accept')}
              loading={busy}
              onClick={() =>
                void run({ type: 'application.accept', ...(note.trim() ? { note: note.trim() } : {}) })
              }
              data-testid="accept"
            >
              {t('command.application.accept')}
            </Button>
            <Input.TextArea
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('review.reason')}
              data-testid="reject-reason"
            />
            <Button
              danger
              block
              disabled={!can('application.reject') || reason.trim() === ''}
              loading={busy}
              onClick={() => void run({ type: 'application.reject', reason: reason.trim() })}
              data-testid="reject"
            >
              {t('command.application.reject')}
            </Button>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

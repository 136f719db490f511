import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { EvidenceReview, EvidenceView } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { REVIEW_COLOR } from '../../components/EvidenceStateTag';

const OUTCOMES = ['accepted', 'needs_more', 'rejected'] as const;

/** 4.6.2: the team's review of each evidence item; the enterprise reads the outcome and the reason. */
export function ReviewCard(props: {
  evidence: EvidenceView[];
  reviews: Record<string, EvidenceReview>;
  label: (rid: string) => string;
}) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, refresh } = useAssessment();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const canReview =
    (role === 'leader' || role === 'member') &&
    ['evidence_collection', 'scoring', 'consensus'].includes(a.stage);
  const review = async (evidenceId: string, outcome: (typeof OUTCOMES)[number]) => {
    try {
      const reason = reasons[evidenceId];
      await api('PUT /api/assessments/:id/evidence/:evidenceId/review', {
        params: { id: a.id, evidenceId },
        body: { outcome, ...(reason ? { reason } : {}) },
      });
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error(err(e));
    }
  };
  return (
    <Card size="small" title={t('review.title')} data-testid="review-card">
      <Table<EvidenceView>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10 }}
        dataSource={props.evidence}
        columns={[
          { title: t('request.requirements'), key: 'r', render: (_, e) => props.label(e.requirementId) },
          { title: t('request.answerFile'), key: 'm', render: (_, e) => e.file?.name ?? e.note ?? '' },
          {
            title: t('review.reason'),
            key: 's',
            render: (_, e) => {
              const r = props.reviews[e.id];
              return r ? (
                <Space direction="vertical" size={0}>
                  <Tag color={REVIEW_COLOR[r.outcome]}>{t(`review.outcome.${r.outcome}`)}</Tag>
                  {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
                </Space>
              ) : (
                <Tag>{t('review.unreviewed')}</Tag>
              );
            },
          },
          ...(canReview
            ? [
                {
                  title: '',
                  key: 'a',
                  render: (_: unknown, e: EvidenceView) => (
                    <Space direction="vertical" size={4}>
                      <Input
                        size="small"
                        placeholder={t('review.reason')}
                        value={reasons[e.id] ?? ''}
                        onChange={(ev) => setReasons({ ...reasons, [e.id]: ev.target.value })}
                      />
                      <Space size={4}>
                        {OUTCOMES.map((o) => (
                          <Button key={o} size="small" onClick={() => void review(e.id, o)}>
                            {t(`review.outcome.${o}`)}
                          </Button>
                        ))}
                      </Space>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

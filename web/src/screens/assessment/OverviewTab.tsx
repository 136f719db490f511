import { CarriedOverNotice } from '../outcomes/CarriedOverNotice';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Timeline from 'antd/es/timeline';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Alert from 'antd/es/alert';
import Modal from 'antd/es/modal';
import Input from 'antd/es/input';
import { useState } from 'react';
import type { TransitionCommand, TransitionType } from '@engine/contract/index';
import { useI18n } from '../../i18n/i18n';
import { zh, type MessageKey } from '../../i18n/messages';
import { StageBar } from '../../components/StageBar';
import { ELIGIBILITY_KEYS } from '../apply/eligibility';
import { useAssessment } from './context';
import { useTransition } from './useTransition';
import { ReadinessCard } from './ReadinessCard';
import { nextStep } from './nextStep';
import { assessmentPath, navigate } from '../../app/router';

/** Commands that need a free-text reason. */
const NEEDS_REASON: TransitionType[] = ['application.reject', 'reopen', 'application.withdraw'];
/** Commands offered as buttons here (others are issued from their own screens). */
const SIMPLE: TransitionType[] = [
  'application.submit',
  'application.withdraw',
  'scoring.open',
  'consensus.open',
  'result.freeze',
  'communication.open',
  'contest.waive',
  'publish',
  'reopen',
];

export function OverviewTab() {
  const { t } = useI18n();
  /** A history entry's command in words (提交申请, 受理 …); commands without a label read as their stage. */
  const commandLabel = (c: string) => {
    const k = `command.${c}`;
    return k in zh ? t(k as MessageKey) : t('overview.stageChange');
  };
  const { assessment: a } = useAssessment();
  const { run, busy } = useTransition();
  const [reasonFor, setReasonFor] = useState<TransitionType | null>(null);
  const [reason, setReason] = useState('');
  const side = a.stage === 'rejected' || a.stage === 'withdrawn';
  const commands = a.allowedCommands.filter((c) => SIMPLE.includes(c));
  const issue = (type: TransitionType) => {
    if (NEEDS_REASON.includes(type)) {
      setReason('');
      setReasonFor(type);
    } else void run({ type } as TransitionCommand);
  };
  const el = a.application.eligibility;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <StageBar stage={a.stage} enteredAt={a.stageEnteredAt} />
      </Card>
      <NextStepCard />
      <CarriedOverNotice />
      {a.stage === 'application' && a.allowedActions.includes('application.submit') && <ReadinessCard />}
      {side && (
        <Alert
          type="error"
          showIcon
          message={t(`stage.${a.stage}`)}
          description={a.application.review?.reason ?? a.application.withdrawal?.reason}
        />
      )}
      {commands.length > 0 && (
        <Card size="small" title={t('overview.actions')}>
          <Space wrap>
            {commands.map((c) => (
              <Button
                key={c}
                type={c === 'reopen' || c === 'application.withdraw' ? 'default' : 'primary'}
                danger={c === 'reopen' || c === 'application.withdraw'}
                loading={busy}
                onClick={() => issue(c)}
                data-testid={`cmd-${c}`}
              >
                {t(`command.${c}`)}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('overview.application')}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('home.industry')}>{t(`industry.${a.industry}`)}</Descriptions.Item>
              <Descriptions.Item label={t('apply.scope')}>{a.applicationForm.scope || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('apply.requestedLevel')}>
                {a.applicationForm.requestedLevel
                  ? t(`level.${a.applicationForm.requestedLevel as 1 | 2 | 3 | 4 | 5}`)
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('apply.contactName')}>
                {a.applicationForm.contactName} {a.applicationForm.contactPhone}
              </Descriptions.Item>
              <Descriptions.Item label={t('apply.eligibility')}>
                <Space direction="vertical" size={2}>
                  {ELIGIBILITY_KEYS.map((k) => (
                    <span key={k}>
                      <Tag color={el?.[k] ? 'green' : 'red'}>{el?.[k] ? '✓' : '✗'}</Tag>
                      {t(`eligibility.${k}`)}
                    </span>
                  ))}
                  {el && (
                    <span style={{ color: '#595959' }}>
                      {t('overview.declaredYears', { years: el.years.join('、') })}
                    </span>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('overview.requirements')}>
                {a.requirementIds.length}
              </Descriptions.Item>
              {a.headline && (
                <Descriptions.Item label={t('home.result')}>
                  <b>{a.headline.total}</b> · {a.headline.conclusion}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('overview.history')}>
            <Timeline
              items={[...a.history]
                .reverse()
                .slice(0, 15)
                .map((h) => ({
                  children: (
                    <span>
                      <span style={{ color: '#595959' }}>{h.at.slice(0, 16).replace('T', ' ')}</span>{' '}
                      {commandLabel(h.command)} → {t(`stage.${h.to}`)}
                    </span>
                  ),
                }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={reasonFor !== null}
        title={reasonFor ? t(`command.${reasonFor}`) : ''}
        okButtonProps={{ disabled: reason.trim() === '' && reasonFor !== 'application.withdraw' }}
        onCancel={() => setReasonFor(null)}
        onOk={() => {
          if (!reasonFor) return;
          const cmd = { type: reasonFor, reason: reason.trim() } as TransitionCommand;
          setReasonFor(null);
          void run(cmd);
        }}
      >
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('overview.reason')}
        />
      </Modal>
    </Space>
  );
}

function NextStepCard() {
  const { t } = useI18n();
  const { assessment: a, role } = useAssessment();
  const step = nextStep(role, a.stage, { planToConfirm: a.allowedCommands.includes('plan.confirm') });
  return (
    <Alert
      type="info"
      showIcon
      data-testid="next-step"
      message={<b>{t('next.title')}</b>}
      description={t(step.key)}
      action={
        step.tab && (
          <Button type="primary" onClick={() => navigate(assessmentPath(a.id, step.tab))}>
            {t('next.go')}
          </Button>
        )
      }
    />
  );
}

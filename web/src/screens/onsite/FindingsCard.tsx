import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import List from 'antd/es/list';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { FINDING_KINDS, FINDING_SEVERITIES } from '@engine/process/types';
import type { Finding } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';

const WRITE_STAGES = ['evidence_collection', 'scoring', 'consensus', 'result_frozen', 'report_draft'];
const STATUS_COLOR = { open: 'orange', rectified: 'blue', closed: 'green' } as const;
const SEVERITY_COLOR = { major: 'red', minor: 'gold', observation: 'default' } as const;

/** 4.5.3: findings of the pre-assessment and the formal assessment; the enterprise states its rectification. */
export function FindingsCard(props: {
  findings: Finding[];
  label: (rid: string) => string;
  options: { value: string; label: string }[];
}) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, refresh } = useAssessment();
  const team = role === 'leader' || role === 'member';
  const open = WRITE_STAGES.includes(a.stage);
  const setStatus = async (f: Finding, status: 'open' | 'closed') => {
    try {
      await api('PATCH /api/assessments/:id/findings/:findingId', {
        params: { id: a.id, findingId: f.id },
        body: { status, expectedVersion: f.version },
      });
      await refresh();
    } catch (e) {
      message.error(err(e));
    }
  };
  return (
    <Card size="small" title={t('finding.title')} data-testid="findings-card">
      {team && open && <NewFinding options={props.options} />}
      <List
        dataSource={props.findings}
        renderItem={(f) => (
          <List.Item data-testid="finding-item">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Tag>{t(`finding.kind.${f.kind}`)}</Tag>
                <Tag color={SEVERITY_COLOR[f.severity]}>{t(`finding.severity.${f.severity}`)}</Tag>
                <Tag color={STATUS_COLOR[f.status]}>{t(`finding.status.${f.status}`)}</Tag>
                {f.requirementIds.map((rid) => (
                  <Tag key={rid}>{props.label(rid)}</Tag>
                ))}
              </Space>
              <Typography.Text>{f.text}</Typography.Text>
              {f.rectification && (
                <Typography.Text type="secondary">
                  {t('finding.rectification')}（{f.rectification.at.slice(0, 10)}）：{f.rectification.text}
                </Typography.Text>
              )}
              {role === 'enterprise' && open && f.status !== 'closed' && <Rectify finding={f} />}
              {team && open && (
                <Space>
                  {f.status !== 'closed' ? (
                    <Button
                      size="small"
                      onClick={() => void setStatus(f, 'closed')}
                      data-testid="finding-close"
                    >
                      {t('finding.close')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => void setStatus(f, 'open')}>
                      {t('finding.reopen')}
                    </Button>
                  )}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function NewFinding({ options }: { options: { value: string; label: string }[] }) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, refresh } = useAssessment();
  const [kind, setKind] = useState<(typeof FINDING_KINDS)[number]>(
    a.stage === 'evidence_collection' ? 'pre_assessment' : 'formal',
  );
  const [severity, setSeverity] = useState<(typeof FINDING_SEVERITIES)[number]>('minor');
  const [requirementIds, setRequirementIds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api('POST /api/assessments/:id/findings', {
        params: { id: a.id },
        body: { kind, severity, requirementIds, evidenceIds: [], text },
      });
      setText('');
      setRequirementIds([]);
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Typography.Text strong>{t('finding.new')}</Typography.Text>
      <Space wrap>
        <Select
          value={kind}
          onChange={setKind}
          style={{ width: 140 }}
          options={FINDING_KINDS.map((k) => ({ value: k, label: t(`finding.kind.${k}`) }))}
        />
        <Select
          value={severity}
          onChange={setSeverity}
          style={{ width: 120 }}
          options={FINDING_SEVERITIES.map((k) => ({ value: k, label: t(`finding.severity.${k}`) }))}
        />
      </Space>
      <Select
        mode="multiple"
        showSearch
        optionFilterProp="label"
        placeholder={t('finding.requirements')}
        value={requirementIds}
        onChange={setRequirementIds}
        options={options}
        style={{ width: '100%' }}
        data-testid="finding-requirements"
      />
      <Input.TextArea
        rows={2}
        placeholder={t('finding.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="finding-text"
      />
      <Button type="primary" loading={busy} onClick={() => void save()} data-testid="finding-save">
        {t('common.save')}
      </Button>
    </Space>
  );
}

function Rectify({ finding }: { finding: Finding }) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, refresh } = useAssessment();
  const [text, setText] = useState('');
  const send = async () => {
    try {
      await api('POST /api/assessments/:id/findings/:findingId/rectification', {
        params: { id: a.id, findingId: finding.id },
        body: { text, evidenceIds: [] },
      });
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error(err(e));
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        placeholder={t('finding.rectification')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="rectify-text"
      />
      <Button type="primary" onClick={() => void send()} data-testid="rectify-send">
        {t('finding.rectify')}
      </Button>
    </Space.Compact>
  );
}

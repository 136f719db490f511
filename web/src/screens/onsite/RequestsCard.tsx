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
import type { EvidenceRequest, EvidenceView } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';

const TEAM_STAGES = ['evidence_collection', 'scoring', 'consensus'];

/** 4.6.2: the team asks for material on named requirements by a date; the enterprise answers (closes it). */
export function RequestsCard(props: {
  requests: EvidenceRequest[];
  evidence: EvidenceView[];
  label: (rid: string) => string;
  options: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const { assessment: a, role } = useAssessment();
  const team = role === 'leader' || role === 'member';
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card size="small" title={t('request.title')} data-testid="requests-card">
      {team && TEAM_STAGES.includes(a.stage) && <NewRequest options={props.options} />}
      <List
        dataSource={props.requests}
        renderItem={(r) => (
          <List.Item data-testid="request-item">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                {r.answer ? (
                  <Tag color="green">{t('request.answered')}</Tag>
                ) : r.dueDate < today ? (
                  <Tag color="red">{t('request.overdue')}</Tag>
                ) : (
                  <Tag color="orange">{t('request.open')}</Tag>
                )}
                <Typography.Text type="secondary">
                  {t('request.dueDate')} {r.dueDate}
                </Typography.Text>
                {r.requirementIds.map((rid) => (
                  <Tag key={rid}>{props.label(rid)}</Tag>
                ))}
              </Space>
              <Typography.Text>{r.message}</Typography.Text>
              {r.answer && (
                <Typography.Text type="secondary">
                  {t('request.answered')}：{r.answer.note ?? ''}
                  {r.answer.evidenceIds.length > 0 &&
                    ` （${r.answer.evidenceIds
                      .map((id) => props.evidence.find((e) => e.id === id)?.file?.name ?? id)
                      .join('、')}）`}
                </Typography.Text>
              )}
              {!r.answer && role === 'enterprise' && TEAM_STAGES.includes(a.stage) && (
                <AnswerForm request={r} />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function NewRequest({ options }: { options: { value: string; label: string }[] }) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, refresh } = useAssessment();
  const [requirementIds, setRequirementIds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      await api('POST /api/assessments/:id/evidence-requests', {
        params: { id: a.id },
        body: { requirementIds, message: text, dueDate },
      });
      setRequirementIds([]);
      setText('');
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
      <Typography.Text strong>{t('request.new')}</Typography.Text>
      <Select
        mode="multiple"
        showSearch
        optionFilterProp="label"
        placeholder={t('request.requirements')}
        value={requirementIds}
        onChange={setRequirementIds}
        options={options}
        style={{ width: '100%' }}
        data-testid="request-requirements"
      />
      <Input.TextArea
        rows={2}
        placeholder={t('request.message')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="request-message"
      />
      <Space wrap>
        <span>{t('request.dueDate')}</span>
        <Input
          type="date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          style={{ width: 180 }}
        />
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="request-send">
          {t('request.send')}
        </Button>
      </Space>
    </Space>
  );
}

function AnswerForm({ request }: { request: EvidenceRequest }) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, refresh } = useAssessment();
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const evidenceIds: string[] = [];
      if (file) {
        const fd = new FormData();
        fd.append('file', file, file.name);
        fd.append('requirementId', request.requirementIds[0]!);
        fd.append('kind', 'submitted');
        if (note) fd.append('note', note);
        const up = await api('POST /api/assessments/:id/evidence', { params: { id: a.id }, body: fd });
        evidenceIds.push(up.id);
      }
      await api('POST /api/assessments/:id/evidence-requests/:requestId/answer', {
        params: { id: a.id, requestId: request.id },
        body: { note, evidenceIds },
      });
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        rows={2}
        placeholder={t('request.answerNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="answer-note"
      />
      <Space wrap>
        <span>{t('request.answerFile')}</span>
        <input type="file" onChange={(e) => setFile(e.target.files?.[0])} data-testid="answer-file" />
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="answer-send">
          {t('request.answerSend')}
        </Button>
      </Space>
    </Space>
  );
}

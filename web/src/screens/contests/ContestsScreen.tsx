import { useState } from 'react';
import Card from 'antd/es/card';
import Select from 'antd/es/select';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import List from 'antd/es/list';
import Tag from 'antd/es/tag';
import Alert from 'antd/es/alert';
import Spin from 'antd/es/spin';
import Typography from 'antd/es/typography';
import App from 'antd/es/app';
import Radio from 'antd/es/radio';
import type { Contest, ScoreValue } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';
import { GradeButtons } from '../../components/GradeButtons';
import { useEvidence } from '../../evidence/useEvidence';

/** 4.7.1: the enterprise contests team scores before the deadline; the leader answers each contest. */
export default function ContestsScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, engine, setAssessment } = useAssessment();
  const { run, busy: waiving } = useTransition();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/contests', { params: { id: a.id }, signal }),
    [a.id],
  );
  const [requirementId, setRequirementId] = useState<string>();
  const [claim, setClaim] = useState('');
  const [requested, setRequested] = useState<ScoreValue>();
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [evidenceNote, setEvidenceNote] = useState('');
  const [busy, setBusy] = useState(false);
  const evidence = useEvidence(a.id);
  if (engine.status !== 'ready' || !q.data) return <Spin style={{ margin: 48, display: 'block' }} />;
  const rows = engine.engine.byId;
  const open = a.stage === 'communication';
  const deadline = a.contestWindow?.deadline;
  const file = async () => {
    if (!requirementId) return;
    setBusy(true);
    try {
      const c = await api('POST /api/assessments/:id/contests', {
        params: { id: a.id },
        body: {
          requirementId,
          claim,
          ...(requested ? { requestedValue: requested } : {}),
          evidenceIds,
          ...(evidenceNote.trim() ? { evidence: [{ note: evidenceNote.trim() }] } : {}),
          expectedVersion: a.version,
        },
      });
      q.setData((d) => [...(d ?? []), c]);
      setClaim('');
      setRequirementId(undefined);
      setEvidenceIds([]);
      setEvidenceNote('');
      setAssessment(await api('GET /api/assessments/:id', { params: { id: a.id } }));
      message.success(t('contest.filed'));
    } catch (e) {
      message.error(isConflict(e) ? t('conflict.assessment') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {deadline && (
        <Alert
          type={open ? 'warning' : 'info'}
          showIcon
          message={t('contest.deadline', { at: deadline.slice(0, 16).replace('T', ' ') })}
          description={a.contestWindow?.waived ? t('contest.waived') : undefined}
        />
      )}
      {role === 'enterprise' && open && !a.contestWindow?.waived && (
        <Card size="small" title={t('contest.file')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              value={requirementId}
              onChange={setRequirementId}
              placeholder={t('evidence.requirement')}
              optionFilterProp="label"
              style={{ width: '100%' }}
              data-testid="contest-requirement"
              options={engine.engine.rows.map((r) => ({
                value: r.id,
                label: `${r.unitName} ${r.level}.${r.seq} ${r.text.slice(0, 60)}`,
              }))}
            />
            <Input.TextArea
              rows={3}
              value={claim}
              onChange={(e) => setClaim(e.target.value)}
              placeholder={t('contest.claim')}
              data-testid="contest-claim"
            />
            <Select
              mode="multiple"
              value={evidenceIds}
              onChange={setEvidenceIds}
              placeholder={t('contest.evidenceFiles')}
              style={{ width: '100%' }}
              options={evidence.all
                .filter((e) => e.kind === 'submitted' && e.file)
                .map((e) => ({ value: e.id, label: e.file?.name ?? e.id }))}
            />
            <Input.TextArea
              rows={2}
              value={evidenceNote}
              onChange={(e) => setEvidenceNote(e.target.value)}
              placeholder={t('contest.evidenceNote')}
              data-testid="contest-evidence-note"
            />
            <Space>
              <Typography.Text>{t('contest.requested')}</Typography.Text>
              <GradeButtons size="small" value={requested} onChange={setRequested} />
            </Space>
            <Space>
              <Button
                type="primary"
                disabled={
                  !requirementId || !claim.trim() || (evidenceIds.length === 0 && !evidenceNote.trim())
                }
                loading={busy}
                onClick={() => void file()}
                data-testid="contest-submit"
              >
                {t('contest.submit')}
              </Button>
              {a.allowedCommands.includes('contest.waive') && (
                <Button
                  loading={waiving}
                  onClick={() => void run({ type: 'contest.waive' })}
                  data-testid="contest-waive"
                >
                  {t('command.contest.waive')}
                </Button>
              )}
            </Space>
          </Space>
        </Card>
      )}
      <List
        bordered
        dataSource={q.data}
        locale={{ emptyText: t('contest.none') }}
        renderItem={(c) => (
          <List.Item>
            <ContestItem
              contest={c}
              text={rows.get(c.requirementId)?.text ?? c.requirementId}
              canAnswer={role === 'leader' && open && !c.answer}
              assessmentId={a.id}
              version={a.version}
              onAnswered={(next) => q.setData((d) => (d ?? []).map((x) => (x.id === next.id ? next : x)))}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

function ContestItem({
  contest: c,
  text,
  canAnswer,
  assessmentId,
  version,
  onAnswered,
}: {
  contest: Contest;
  text: string;
  canAnswer: boolean;
  assessmentId: string;
  version: number;
  onAnswered: (c: Contest) => void;
}) {
  const { t, grade } = useI18n();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<'upheld' | 'rejected'>('rejected');
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<ScoreValue | undefined>(c.requestedValue);
  const [busy, setBusy] = useState(false);
  const answer = async () => {
    setBusy(true);
    try {
      const next = await api('POST /api/assessments/:id/contests/:contestId/answer', {
        params: { id: assessmentId, contestId: c.id },
        body: {
          decision,
          reason,
          ...(decision === 'upheld' && value ? { newValue: value } : {}),
          expectedVersion: version,
        },
      });
      onAnswered(next);
    } catch (e) {
      message.error(isConflict(e) ? t('conflict.assessment') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Tag color={c.answer ? (c.answer.decision === 'upheld' ? 'green' : 'red') : 'orange'}>
          {c.answer ? t(`contest.${c.answer.decision}`) : t('contest.open')}
        </Tag>
        <Typography.Text type="secondary">{c.filedAt.slice(0, 10)}</Typography.Text>
      </Space>
      <Typography.Text>{text}</Typography.Text>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <b>{t('contest.claim')}:</b> {c.claim}
        {c.requestedValue && ` · ${t('contest.requested')} ${grade(c.requestedValue)}`}
      </Typography.Paragraph>
      {c.answer && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('contest.answer')}: {c.answer.reason} ({c.answer.previousValue}
          {c.answer.newValue ? ` → ${c.answer.newValue}` : ''})
        </Typography.Paragraph>
      )}
      {canAnswer && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={decision}
            onChange={(e) => setDecision(e.target.value as 'upheld' | 'rejected')}
          >
            <Radio value="upheld">{t('contest.upheld')}</Radio>
            <Radio value="rejected">{t('contest.rejected')}</Radio>
          </Radio.Group>
          {decision === 'upheld' && <GradeButtons size="small" value={value} onChange={setValue} />}
          <Input.TextArea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('contest.reason')}
            data-testid="contest-answer-reason"
          />
          <Button
            type="primary"
            disabled={!reason.trim() || (decision === 'upheld' && !value)}
            loading={busy}
            onClick={() => void answer()}
            data-testid="contest-answer-submit"
          >
            {t('contest.answerSubmit')}
          </Button>
        </Space>
      )}
    </Space>
  );
}

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
import Segmented from 'antd/es/segmented';
import type { Contest, ScoreValue } from '@engine/contract/index';
import { CONTEST_STATES, type ContestState } from '@engine/process/types';
import { api, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';
import { GradeButtons } from '../../components/GradeButtons';
import { useEvidence } from '../../evidence/useEvidence';
import { gradeColor, tenthsOf } from '../../shared/grades';
import { rangeText, updateItems, useListQuery, usePagingText } from '../../components/paging';
import dayjs from 'dayjs';

/** 4.7.1: the enterprise contests team scores before the deadline; the leader answers each contest. */
export default function ContestsScreen() {
  const { t, err, grade } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, engine, refresh } = useAssessment();
  const { run, busy: waiving } = useTransition();
  const tp = usePagingText();
  const list = useListQuery<{ state?: ContestState }, never>({});
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/contests', { params: { id: a.id }, query: list.query, signal }),
    [a.id, list.key],
  );
  const [requirementId, setRequirementId] = useState<string>();
  const [claim, setClaim] = useState('');
  const [requested, setRequested] = useState<ScoreValue>();
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [evidenceNote, setEvidenceNote] = useState('');
  const [busy, setBusy] = useState(false);
  const evidence = useEvidence(a.id);
  // The team scores the enterprise may contest (visible to it once communicated, 4.7.1).
  const team = useApi(
    (signal) =>
      api('GET /api/assessments/:id/result', { params: { id: a.id }, query: { source: 'team' }, signal }),
    [a.id],
  );
  const current = requirementId ? team.data?.scores[requirementId] : undefined;
  if (engine.status !== 'ready') return <Spin style={{ margin: 48, display: 'block' }} />;
  const rows = engine.engine.byId;
  const open = a.stage === 'communication';
  const deadline = a.contestWindow?.deadline;
  const file = async () => {
    if (!requirementId) return;
    setBusy(true);
    try {
      await api('POST /api/assessments/:id/contests', {
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
      q.reload();
      setClaim('');
      setRequirementId(undefined);
      setEvidenceIds([]);
      setEvidenceNote('');
      await refresh();
      message.success(t('contest.filed'));
    } catch (e) {
      message.error(isConflict(e) ? t('conflict.assessment') : err(e));
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
          message={t('contest.deadline', { at: dayjs(deadline).format('YYYY-MM-DD HH:mm') })}
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
            {current && (
              <Typography.Text data-testid="contest-current">
                {t('contest.currentGrade')}：<Tag color={gradeColor(current).tag}>{grade(current)}</Tag>
                <Typography.Text type="secondary">{t('contest.higherOnly')}</Typography.Text>
              </Typography.Text>
            )}
            <Space wrap>
              <Typography.Text>{t('contest.requested')}</Typography.Text>
              <GradeButtons
                size="small"
                value={requested}
                onChange={setRequested}
                label={t('contest.requested')}
                allowed={(v) => !current || tenthsOf(v) > tenthsOf(current)}
              />
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
      <Segmented<ContestState | 'all'>
        value={list.filters.state ?? 'all'}
        onChange={(v) => list.setFilter({ state: v === 'all' ? undefined : v })}
        options={[
          { value: 'all', label: tp('contestStates') },
          ...CONTEST_STATES.map((s) => ({ value: s, label: t(`contest.${s}`) })),
        ]}
        data-testid="contest-state-filter"
      />
      <List
        bordered
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('contest.none') }}
        pagination={{
          current: list.page,
          pageSize: list.size,
          total: q.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (n, [from, to]) => rangeText(tp, from, to, n),
          onChange: (p, size) => (size !== list.size ? list.setSize(size) : list.setPage(p)),
        }}
        renderItem={(c) => (
          <List.Item>
            <ContestItem
              contest={c}
              text={rows.get(c.requirementId)?.text ?? c.requirementId}
              canAnswer={role === 'leader' && open && !c.answer}
              currentValue={team.data?.scores[c.requirementId]}
              urls={new Map(evidence.all.map((e) => [e.id, e.url]))}
              assessmentId={a.id}
              version={a.version}
              onAnswered={(next) =>
                q.setData(updateItems((items) => items.map((x) => (x.id === next.id ? next : x))))
              }
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
  currentValue,
  urls,
}: {
  contest: Contest;
  text: string;
  canAnswer: boolean;
  currentValue: ScoreValue | undefined;
  urls: Map<string, string | undefined>;
  assessmentId: string;
  version: number;
  onAnswered: (c: Contest) => void;
}) {
  const { t, grade, err } = useI18n();
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
      message.error(isConflict(e) ? t('conflict.assessment') : err(e));
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
      <Space wrap size={4}>
        <Typography.Text>{t('contest.currentGrade')}：</Typography.Text>
        {(c.answer?.previousValue ?? currentValue) && (
          <Tag color={gradeColor((c.answer?.previousValue ?? currentValue)!).tag}>
            {grade((c.answer?.previousValue ?? currentValue)!)}
          </Tag>
        )}
      </Space>
      <div data-testid="contest-evidence">
        <Typography.Text strong>{t('contest.enterpriseEvidence')}：</Typography.Text>
        {c.evidence.length === 0 && (
          <Typography.Text type="secondary">{t('contest.noEvidence')}</Typography.Text>
        )}
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {c.evidence.map((e) => (
            <li key={e.id}>
              {e.file ? (
                urls.get(e.id) ? (
                  <a href={urls.get(e.id)} target="_blank" rel="noreferrer">
                    {e.file.name}
                  </a>
                ) : (
                  e.file.name
                )
              ) : null}
              {e.note && <span style={{ marginInlineStart: e.file ? 8 : 0 }}>{e.note}</span>}
            </li>
          ))}
        </ul>
      </div>
      {c.answer && (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <b>{t('contest.answer')}：</b>
          {c.answer.reason}（{grade(c.answer.previousValue)}
          {c.answer.newValue ? ` → ${grade(c.answer.newValue)}` : ''}）
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
          {decision === 'upheld' && (
            <GradeButtons
              size="small"
              value={value}
              onChange={setValue}
              label={t('contest.requested')}
              allowed={(v) => !currentValue || tenthsOf(v) > tenthsOf(currentValue)}
            />
          )}
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

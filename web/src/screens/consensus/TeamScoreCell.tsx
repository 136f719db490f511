import { useState } from 'react';
import Space from 'antd/es/space';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import Typography from 'antd/es/typography';
import Alert from 'antd/es/alert';
import type { ConsensusItem, ScoreValue } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { GradeButtons } from '../../components/GradeButtons';

/** Dissent in a dark amber that reads at 4.5:1 on white (antd's warning text does not). */
const DISSENT = '#874d00';

/** The leader's team score for one requirement, its rationale, and the dissent it leaves. */
export function TeamScoreCell({
  item,
  editable,
  assessmentId,
  names,
  onSaved,
}: {
  item: ConsensusItem;
  editable: boolean;
  assessmentId: string;
  names: Map<string, string>;
  onSaved: (i: ConsensusItem) => void;
}) {
  const { t, grade, err } = useI18n();
  const [value, setValue] = useState<ScoreValue | undefined>(item.team?.value ?? item.mode ?? undefined);
  const [rationale, setRationale] = useState(item.team?.rationale ?? '');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<ConsensusItem>();
  const [error, setError] = useState<string>();
  const dissenters = value ? item.scores.filter((s) => s.value !== value) : [];
  const dirty = value !== item.team?.value || rationale !== (item.team?.rationale ?? '');
  const save = async (expectedVersion: number) => {
    if (!value) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api('PUT /api/assessments/:id/consensus/:requirementId', {
        params: { id: assessmentId, requirementId: item.requirementId },
        body: { value, rationale, expectedVersion },
      });
      setConflict(undefined);
      onSaved(saved);
    } catch (e) {
      if (isConflict(e)) setConflict(e.current as ConsensusItem);
      else setError(err(e));
    } finally {
      setBusy(false);
    }
  };
  if (!editable) {
    return item.team ? (
      <span>
        <b>{grade(item.team.value)}</b> {item.team.rationale}
        {item.team.dissent.length > 0 && (
          <Typography.Text style={{ color: DISSENT }}>
            {' '}
            · {t('consensus.dissent')}:{' '}
            {item.team.dissent.map((d) => `${names.get(d.expertId) ?? d.expertId} ${d.value}`).join('、')}
          </Typography.Text>
        )}
      </span>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  }
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <GradeButtons size="small" value={value} onChange={setValue} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="small"
          value={rationale}
          placeholder={t('consensus.rationale')}
          onChange={(e) => setRationale(e.target.value)}
        />
        <Button
          size="small"
          type="primary"
          disabled={!value || !dirty}
          loading={busy}
          onClick={() => void save(item.team?.version ?? 0)}
        >
          {item.team ? t('common.update') : t('common.save')}
        </Button>
      </Space.Compact>
      {dissenters.length > 0 && (
        <Typography.Text style={{ fontSize: 12, color: DISSENT }}>
          {t('consensus.dissent')}:{' '}
          {dissenters.map((d) => `${names.get(d.expertId) ?? d.expertId} ${d.value}`).join('、')}
        </Typography.Text>
      )}
      {error && <Alert type="error" message={error} showIcon />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          message={t('consensus.conflict', {
            v: conflict.team ? grade(conflict.team.value) : '—',
            by: conflict.team ? (names.get(conflict.team.decidedBy) ?? conflict.team.decidedBy) : '',
          })}
          action={
            <Space direction="vertical" size={2}>
              <Button
                size="small"
                onClick={() => {
                  onSaved(conflict);
                  setValue(conflict.team?.value);
                  setRationale(conflict.team?.rationale ?? '');
                  setConflict(undefined);
                }}
              >
                {t('conflict.keepTheirs')}
              </Button>
              <Button size="small" danger onClick={() => void save(conflict.team?.version ?? 0)}>
                {t('conflict.useMine')}
              </Button>
            </Space>
          }
        />
      )}
    </Space>
  );
}

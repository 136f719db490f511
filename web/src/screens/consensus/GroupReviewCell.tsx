import { useState } from 'react';
import Tag from 'antd/es/tag';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Tooltip from 'antd/es/tooltip';
import Alert from 'antd/es/alert';
import Modal from 'antd/es/modal';
import type { ConsensusItem } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** The fields of a group review (outcome, participants — at least two —, note) and the request body they make. */
function useReviewForm(
  names: Map<string, string>,
  minRows: number,
  initial?: { outcome: string; participants: string[]; note?: string },
) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState(initial?.outcome ?? '');
  const [participants, setParticipants] = useState<string[]>(initial?.participants ?? []);
  const [note, setNote] = useState(initial?.note ?? '');
  const fields = (
    <>
      <Input.TextArea
        aria-label={t('groupReview.outcome')}
        placeholder={t('groupReview.outcome')}
        autoSize={{ minRows }}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
      />
      <Select
        mode="multiple"
        aria-label={t('groupReview.participants')}
        placeholder={t('groupReview.participants')}
        style={{ width: '100%' }}
        value={participants}
        onChange={setParticipants}
        options={[...names].map(([value, label]) => ({ value, label }))}
      />
      <Input
        aria-label={t('groupReview.note')}
        placeholder={t('groupReview.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </>
  );
  return {
    fields,
    valid: outcome.trim() !== '' && participants.length >= 2,
    review: { outcome, participants, ...(note.trim() ? { note } : {}) },
    reset: () => {
      setOutcome(initial?.outcome ?? '');
      setNote(initial?.note ?? '');
    },
  };
}

/** 4.6.3 组内评审: the tag of a widely spread requirement and the leader's small form to record the review. */
export function GroupReviewCell({
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
  const { t, err } = useI18n();
  const review = item.groupReview;
  const [open, setOpen] = useState(false);
  const form = useReviewForm(names, 2, review ?? undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!item.needsGroupReview) return null;
  const tag = review ? (
    <Tooltip title={`${review.outcome}${review.note ? `（${review.note}）` : ''}`}>
      <Tag color="green">{t('groupReview.done')}</Tag>
    </Tooltip>
  ) : (
    <Tag color="red">{t('groupReview.needed')}</Tag>
  );
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api('PUT /api/assessments/:id/group-reviews/:requirementId', {
        params: { id: assessmentId, requirementId: item.requirementId },
        body: form.review,
      });
      setOpen(false);
      onSaved(saved);
    } catch (e) {
      setError(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div onClick={(e) => e.stopPropagation()}>
      <Space size={4}>
        {tag}
        {editable && !open && (
          <Button size="small" type="link" onClick={() => setOpen(true)}>
            {t('groupReview.record')}
          </Button>
        )}
      </Space>
      {editable && open && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 4 }}>
          {form.fields}
          {error && <Alert type="error" showIcon message={error} />}
          <Space>
            <Button
              size="small"
              type="primary"
              loading={busy}
              disabled={!form.valid}
              onClick={() => void save()}
            >
              {t('confirm.ok')}
            </Button>
            <Button size="small" onClick={() => setOpen(false)}>
              {t('confirm.cancel')}
            </Button>
          </Space>
        </Space>
      )}
    </div>
  );
}

/**
 * 4.6.3 组内评审 of one review meeting: the leader records the same outcome and participants for every requirement
 * still waiting for its review (PUT …/group-reviews, all or nothing), then each row shows its review.
 */
export function GroupReviewBatch({
  pending,
  assessmentId,
  names,
  onSaved,
}: {
  pending: ConsensusItem[];
  assessmentId: string;
  names: Map<string, string>;
  onSaved: () => void;
}) {
  const { t, err } = useI18n();
  const [open, setOpen] = useState(false);
  const form = useReviewForm(names, 3, { outcome: '', participants: [...names.keys()] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (pending.length === 0) return null;
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('PUT /api/assessments/:id/group-reviews', {
        params: { id: assessmentId },
        body: {
          items: pending.map((i) => ({ requirementId: i.requirementId, ...form.review })),
        },
      });
      setOpen(false);
      form.reset();
      onSaved();
    } catch (e) {
      setError(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button data-testid="group-review-batch" onClick={() => setOpen(true)}>
        {t('groupReview.batch', { n: pending.length })}
      </Button>
      <Modal
        open={open}
        title={t('groupReview.batchTitle', { n: pending.length })}
        okText={t('confirm.ok')}
        cancelText={t('confirm.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !form.valid }}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('groupReview.batchHint', { n: pending.length })} />
          {form.fields}
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Modal>
    </>
  );
}

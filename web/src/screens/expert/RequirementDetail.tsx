import type { Ref } from 'react';
import Card from 'antd/es/card';
import Typography from 'antd/es/typography';
import Input from 'antd/es/input';
import Tag from 'antd/es/tag';
import Breadcrumb from 'antd/es/breadcrumb';
import Divider from 'antd/es/divider';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { ScoreValue } from '@engine/contract/index';
import type { RequirementRow } from '../../engine/live';
import type { SaveStatus } from '../../scores/useScoreSheet';
import type { EvidenceState } from '../../evidence/useEvidence';
import { GradeButtons } from '../../components/GradeButtons';
import { EvidenceList } from '../../evidence/EvidenceList';
import { EvidenceStateTag } from '../../components/EvidenceStateTag';
import type { RequirementEvidenceState } from '@engine/contract/index';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Tooltip from 'antd/es/tooltip';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { GRADES, gradeColor } from '../../shared/grades';

/** Rationale templates (常用理由): the phrases experts write most. */
const TEMPLATES: readonly MessageKey[] = [
  'expert.tpl.docs',
  'expert.tpl.system',
  'expert.tpl.interview',
  'expert.tpl.partial',
  'expert.tpl.none',
];

export function RequirementDetail({
  row,
  value,
  note,
  pending,
  status,
  locked,
  onGrade,
  onNoteChange,
  onNoteCommit,
  evidence,
  evidenceState,
  noteRef,
  position,
  self,
  previousNote,
}: {
  row: RequirementRow;
  value: ScoreValue | undefined;
  note: string;
  /** Graded but not saved: a rationale is still missing. */
  pending: boolean;
  status: SaveStatus | undefined;
  locked: boolean;
  onGrade: (v: ScoreValue) => void;
  onNoteChange: (note: string) => void;
  /** Saves grade + rationale when both are there; `advance` moves to the next requirement. */
  onNoteCommit: (advance: boolean) => boolean;
  evidence: EvidenceState;
  /** The review state of the requirement's evidence (4.6.2). */
  evidenceState?: RequirementEvidenceState | undefined;
  noteRef: Ref<TextAreaRef>;
  position: string;
  /** The enterprise's self-assessment of this requirement (as submitted), if any. */
  self?: { value: ScoreValue; note: string } | null;
  /** The rationale of the requirement before, for "同上". */
  previousNote: string;
}) {
  const { t, pick, grade, lang } = useI18n();
  const templates = TEMPLATES.map((k) => t(k));
  return (
    <Card
      size="small"
      title={
        <Breadcrumb
          items={[
            { title: pick(row.domainName, row.domainNameEn) },
            { title: row.unitName },
            { title: `${row.level} · ${row.label ?? row.seq}` },
          ]}
        />
      }
      extra={<Typography.Text type="secondary">{position}</Typography.Text>}
      data-testid="requirement-detail"
      data-requirement={row.id}
    >
      <Typography.Paragraph style={{ fontSize: 15 }} title={row.exactText}>
        {row.text}
      </Typography.Paragraph>
      {row.examples.map((x, i) => (
        <Typography.Paragraph key={i} style={{ fontSize: 13, color: '#595959' }}>
          <Tag>{t('self.example')}</Tag>
          {x}
        </Typography.Paragraph>
      ))}
      {self !== undefined && (
        <div
          data-testid="self-grade"
          style={{
            background: '#fafafa',
            border: '1px solid #f0f0f0',
            borderRadius: 4,
            padding: '6px 10px',
            marginBottom: 10,
          }}
        >
          <Typography.Text strong style={{ marginInlineEnd: 8 }}>
            {t('expert.selfTitle')}
          </Typography.Text>
          {self ? (
            <>
              <Tag color={gradeColor(self.value).tag}>{grade(self.value)}</Tag>
              <Typography.Text>{self.note}</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('expert.selfNone')}</Typography.Text>
          )}
        </div>
      )}
      <GradeButtons value={value} onChange={onGrade} disabled={locked} hotkeys />
      {pending && (
        <Tag style={{ marginLeft: 8 }} color="warning">
          {t('expert.needsRationale')}
        </Tag>
      )}
      {status && status !== 'saved' && (
        <Tag
          style={{ marginLeft: 8 }}
          color={status === 'saving' ? 'processing' : status === 'conflict' ? 'warning' : 'error'}
        >
          {t(`save.${status}`)}
        </Tag>
      )}
      <div style={{ marginTop: 10, display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('expert.gradeDefs')}：
          {GRADES.map((g) =>
            t('expert.gradeDef', { label: lang === 'zh' ? g.label : g.labelEn, score: g.value }),
          ).join(' · ')}
        </Typography.Text>
      </div>
      {!locked && (
        <Space wrap size={4} style={{ marginTop: 8 }}>
          {previousNote && (
            <Tooltip title={t('expert.sameAsAboveHint', { text: previousNote })}>
              <Button size="small" onClick={() => onNoteChange(previousNote)} data-testid="same-as-above">
                {t('expert.sameAsAbove')}
              </Button>
            </Tooltip>
          )}
          <Select
            size="small"
            style={{ width: 200 }}
            placeholder={t('expert.template')}
            aria-label={t('expert.template')}
            value={null}
            options={templates.map((x) => ({ value: x, label: x }))}
            onChange={(x: string | null) => x && onNoteChange(note.trim() ? `${note.trim()} ${x}` : x)}
            popupMatchSelectWidth={360}
          />
        </Space>
      )}
      <Input.TextArea
        ref={noteRef}
        aria-label={t('expert.rationale')}
        style={{ marginTop: 8 }}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('expert.rationale')}
        value={note}
        disabled={locked}
        status={pending ? 'warning' : undefined}
        onChange={(e) => onNoteChange(e.target.value)}
        onBlur={() => onNoteCommit(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (onNoteCommit(true)) e.currentTarget.blur();
          }
        }}
        data-testid="rationale"
      />
      <Divider orientation="left" plain style={{ margin: '12px 0 6px' }}>
        {t('expert.evidence')}
      </Divider>
      <EvidenceStateTag state={evidenceState} />
      <EvidenceList requirementId={row.id} evidence={evidence} compact />
    </Card>
  );
}

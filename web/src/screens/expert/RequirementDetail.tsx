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
import { useI18n } from '../../i18n/i18n';

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
  noteRef,
  position,
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
  noteRef: Ref<TextAreaRef>;
  position: string;
}) {
  const { t, pick } = useI18n();
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
    >
      <Typography.Paragraph style={{ fontSize: 15 }} title={row.exactText}>
        {row.text}
      </Typography.Paragraph>
      {row.examples.map((x, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ fontSize: 13 }}>
          <Tag>{t('self.example')}</Tag>
          {x}
        </Typography.Paragraph>
      ))}
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
      <Input.TextArea
        ref={noteRef}
        style={{ marginTop: 10 }}
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
      <EvidenceList requirementId={row.id} evidence={evidence} compact />
    </Card>
  );
}

import { memo, useState } from 'react';
import Card from 'antd/es/card';
import Typography from 'antd/es/typography';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Collapse from 'antd/es/collapse';
import type { ScoreValue } from '@engine/contract/index';
import type { UnitGroup } from '../../engine/grouping';
import type { RequirementRow } from '../../engine/live';
import type { SaveStatus, SheetEntry } from '../../scores/useScoreSheet';
import type { EvidenceState } from '../../evidence/useEvidence';
import { GradeButtons } from '../../components/GradeButtons';
import { EvidenceList } from '../../evidence/EvidenceList';
import { useI18n } from '../../i18n/i18n';

/** One sub-domain: its levels S1..S5, each requirement with text, examples, grade, note and evidence. */
export function UnitForm({
  unit,
  entries,
  status,
  onSave,
  editable,
  evidence,
}: {
  unit: UnitGroup;
  entries: Record<string, SheetEntry>;
  status: Record<string, SaveStatus>;
  onSave: (id: string, v: ScoreValue, note: string) => void;
  editable: boolean;
  evidence: EvidenceState;
}) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {unit.name}
      </Typography.Title>
      {unit.levels.map((l) => (
        <Card key={l.level} size="small" title={`${l.level} · ${t(`levelCode.${l.level}`)}`}>
          {l.rows.map((r) => (
            <RequirementItem
              key={r.id}
              row={r}
              entry={entries[r.id]}
              status={status[r.id]}
              onSave={onSave}
              editable={editable}
              evidence={evidence}
            />
          ))}
        </Card>
      ))}
    </Space>
  );
}

const RequirementItem = memo(function RequirementItem({
  row,
  entry,
  status,
  onSave,
  editable,
  evidence,
}: {
  row: RequirementRow;
  entry: SheetEntry | undefined;
  status: SaveStatus | undefined;
  onSave: (id: string, v: ScoreValue, note: string) => void;
  editable: boolean;
  evidence: EvidenceState;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState(entry?.note ?? '');
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`req-${row.id}`}>
      <Typography.Paragraph style={{ marginBottom: 6 }}>
        <Tag>{row.label ?? row.seq}</Tag>
        <span title={row.exactText}>{row.text}</span>
      </Typography.Paragraph>
      {row.examples.length > 0 && (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'ex',
              label: t('self.examples', { n: row.examples.length }),
              children: row.examples.map((x, i) => (
                <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 4 }}>
                  {x}
                </Typography.Paragraph>
              )),
            },
          ]}
        />
      )}
      <Space wrap align="start" style={{ width: '100%' }}>
        <GradeButtons
          value={entry?.value}
          disabled={!editable}
          onChange={(v) => onSave(row.id, v, note)}
          size="small"
        />
        {status && status !== 'saved' && (
          <Tag color={status === 'saving' ? 'processing' : status === 'conflict' ? 'warning' : 'error'}>
            {t(`save.${status}`)}
          </Tag>
        )}
      </Space>
      <Input.TextArea
        rows={1}
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={t('self.notePlaceholder')}
        value={note}
        disabled={!editable}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => {
          if (entry && note !== entry.note) onSave(row.id, entry.value, note);
        }}
        style={{ marginTop: 6 }}
      />
      <div style={{ marginTop: 6 }}>
        <EvidenceList
          requirementId={row.id}
          evidence={evidence}
          uploadKind={editable ? 'submitted' : undefined}
          canDelete={(e) => editable && e.kind === 'submitted'}
        />
      </div>
    </div>
  );
});

import { memo } from 'react';
import Tag from 'antd/es/tag';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ScoreValue } from '@engine/contract/index';
import type { RequirementRow } from '../../engine/live';
import type { SaveStatus } from '../../scores/useScoreSheet';
import { useI18n } from '../../i18n/i18n';

const COLOR: Record<ScoreValue, string> = { '1': 'green', '0.8': 'lime', '0.5': 'gold', '0': 'red' };

export const ListRow = memo(function ListRow({
  row,
  value,
  pending,
  status,
  active,
  evidenceCount,
  onClick,
}: {
  row: RequirementRow;
  value: ScoreValue | undefined;
  pending: boolean;
  status: SaveStatus | undefined;
  active: boolean;
  evidenceCount: number;
  onClick: () => void;
}) {
  const { grade } = useI18n();
  return (
    <div
      onClick={onClick}
      data-testid={active ? 'expert-row-active' : undefined}
      style={{
        height: '100%',
        padding: '4px 8px',
        cursor: 'pointer',
        borderBottom: '1px solid #f5f5f5',
        background: active ? '#e6f4ff' : undefined,
        borderLeft: active ? '3px solid #1677ff' : '3px solid transparent',
        boxSizing: 'border-box',
        overflow: 'hidden',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#888' }}>
        <span style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
          {row.unitName} · {row.level}.{row.seq}
          {evidenceCount > 0 && (
            <span style={{ marginLeft: 6 }}>
              <PaperClipOutlined /> {evidenceCount}
            </span>
          )}
        </span>
        {value ? (
          <Tag
            color={status === 'conflict' ? 'warning' : pending ? 'default' : COLOR[value]}
            style={{
              marginInlineEnd: 0,
              lineHeight: '16px',
              fontSize: 11,
              ...(pending ? { borderStyle: 'dashed' } : {}),
            }}
          >
            {grade(value)}
          </Tag>
        ) : null}
      </div>
      <div style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', fontSize: 13 }}>
        {row.text}
      </div>
    </div>
  );
});

import { memo } from 'react';
import type { DomainGroup } from '../../engine/grouping';
import { countDone } from '../../engine/grouping';
import { useI18n } from '../../i18n/i18n';

/**
 * Domain → sub-domain navigation with answered / total per sub-domain. Plain elements (not antd Menu): it
 * re-renders on every score change and must stay cheap.
 */
export const UnitNav = memo(function UnitNav({
  domains,
  selected,
  onSelect,
  done,
}: {
  domains: DomainGroup[];
  selected: string;
  onSelect: (unitId: string) => void;
  /** Answered requirement ids (any value). */
  done: Readonly<Record<string, unknown>>;
}) {
  const { pick } = useI18n();
  return (
    <nav
      style={{
        maxHeight: 'calc(100vh - 190px)',
        overflowY: 'auto',
        background: '#fff',
        borderRadius: 6,
        padding: '6px 0',
        position: 'sticky',
        top: 12,
      }}
      data-testid="unit-nav"
    >
      {domains.map((d) => (
        <div key={d.id}>
          <div style={{ padding: '8px 14px 4px', color: '#595959', fontSize: 12 }}>
            {pick(d.name, d.nameEn)}
          </div>
          {d.units.map((u) => {
            const n = countDone(u.rows, (id) => id in done);
            const all = n === u.rows.length;
            const active = u.id === selected;
            return (
              <button
                key={u.id}
                type="button"
                onClick={() => onSelect(u.id)}
                style={{
                  display: 'flex',
                  width: '100%',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  gap: 6,
                  padding: '6px 14px 6px 22px',
                  border: 0,
                  borderInlineEnd: active ? '3px solid #1f5fa8' : '3px solid transparent',
                  background: active ? '#e6f0fa' : 'transparent',
                  color: active ? '#1f5fa8' : '#262626',
                  cursor: 'pointer',
                  textAlign: 'left',
                  font: 'inherit',
                }}
              >
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {u.name}
                </span>
                <span
                  style={{
                    fontSize: 11,
                    padding: '0 6px',
                    borderRadius: 8,
                    color: '#fff',
                    background: all ? '#237804' : n > 0 ? '#874d00' : '#595959',
                    flex: 'none',
                  }}
                >
                  {n}/{u.rows.length}
                </span>
              </button>
            );
          })}
        </div>
      ))}
    </nav>
  );
});

import Menu from 'antd/es/menu';
import Badge from 'antd/es/badge';
import type { DomainGroup } from '../../engine/grouping';
import { countDone } from '../../engine/grouping';
import { useI18n } from '../../i18n/i18n';

/** Domain → sub-domain navigation with answered / total per sub-domain. */
export function UnitNav({
  domains,
  selected,
  onSelect,
  isDone,
}: {
  domains: DomainGroup[];
  selected: string;
  onSelect: (unitId: string) => void;
  isDone: (id: string) => boolean;
}) {
  const { pick } = useI18n();
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={domains.map((d) => d.id)}
      onClick={(e) => onSelect(e.key)}
      style={{ maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', borderInlineEnd: 0 }}
      items={domains.map((d) => ({
        key: d.id,
        label: pick(d.name, d.nameEn),
        type: 'group' as const,
        children: d.units.map((u) => {
          const done = countDone(u.rows, isDone);
          return {
            key: u.id,
            label: (
              <span style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{u.name}</span>
                <Badge
                  count={`${done}/${u.rows.length}`}
                  color={done === u.rows.length ? '#52c41a' : done > 0 ? '#faad14' : '#bfbfbf'}
                />
              </span>
            ),
          };
        }),
      }))}
    />
  );
}

/** Requirements grouped domain → unit (sub-domain row) → level, in the engine's order. Pure. */
import type { LevelCode } from '@engine/model/types';
import type { RequirementRow } from './live';

export interface LevelGroup {
  level: LevelCode;
  rows: RequirementRow[];
}
export interface UnitGroup {
  id: string;
  name: string;
  domainId: string;
  levels: LevelGroup[];
  /** All rows of the unit, in order. */
  rows: RequirementRow[];
}
export interface DomainGroup {
  id: string;
  name: string;
  nameEn: string;
  units: UnitGroup[];
  count: number;
}

export function groupRows(rows: readonly RequirementRow[]): DomainGroup[] {
  const domains: DomainGroup[] = [];
  for (const r of rows) {
    let d = domains[domains.length - 1];
    if (!d || d.id !== r.domainId) {
      d = { id: r.domainId, name: r.domainName, nameEn: r.domainNameEn, units: [], count: 0 };
      domains.push(d);
    }
    let u = d.units[d.units.length - 1];
    if (!u || u.id !== r.unitId) {
      u = { id: r.unitId, name: r.unitName, domainId: r.domainId, levels: [], rows: [] };
      d.units.push(u);
    }
    let l = u.levels[u.levels.length - 1];
    if (!l || l.level !== r.level) {
      l = { level: r.level, rows: [] };
      u.levels.push(l);
    }
    l.rows.push(r);
    u.rows.push(r);
    d.count++;
  }
  return domains;
}

/** Number of rows whose id is in `done`. */
export function countDone(rows: readonly RequirementRow[], done: (id: string) => boolean): number {
  let n = 0;
  for (const r of rows) if (done(r.id)) n++;
  return n;
}

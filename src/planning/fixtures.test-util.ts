/** Small hand-made planning inputs for the tests (not part of the API). */
import type { LevelCode } from '../model/types.js';
import { Rational } from '../exact/rational.js';
import type { GradeKey, PlanningInput } from './types.js';

export const GRADES = [
  { key: 'full' as const, label: '全部满足', score: Rational.parse('1') },
  { key: 'mostly' as const, label: '大部分满足', score: Rational.parse('0.8') },
  { key: 'partly' as const, label: '部分满足', score: Rational.parse('0.5') },
  { key: 'none' as const, label: '不满足', score: Rational.parse('0') },
];

const BAND_DEFS: [number, string, string, string, string, boolean][] = [
  [1, '一级', '规范级', '0.8', '1.8', false],
  [2, '二级', '场景级', '1.8', '2.8', false],
  [3, '三级', '领域级', '2.8', '3.8', false],
  [4, '四级', '平台级', '3.8', '4.8', false],
  [5, '五级', '生态级', '4.8', '5', true],
];

export const BANDS = BAND_DEFS.map(([level, ordinal, name, min, max, maxInclusive]) => ({
  level,
  ordinal,
  name,
  min: Rational.parse(min),
  max: Rational.parse(max),
  maxInclusive,
}));

export interface FixtureUnit {
  id: string;
  domainId: string;
  /** Integer weight; normalised over all units. */
  weight: number;
  /** Grades per level. */
  cells: Partial<Record<LevelCode, GradeKey[]>>;
}

export const DOMAIN_NAMES: Record<string, string> = {
  organization: '组织',
  technology: '技术',
  data: '数据',
  resources: '资源',
  'digital-operations': '数字化运营',
  'digital-production': '数字化生产',
  'digital-services': '数字化服务',
  'digital-outcomes': '数字化成效',
};

export function fixture(
  units: FixtureUnit[],
  policy: { threshold?: string; comparison?: 'at-least' | 'greater-than'; gating?: boolean } = {},
): PlanningInput {
  const totalWeight = units.reduce((a, u) => a + u.weight, 0);
  const domainIds = [...new Set(units.map((u) => u.domainId))];
  return {
    grades: GRADES,
    bands: BANDS,
    policy: {
      threshold: Rational.parse(policy.threshold ?? '0.8'),
      comparison: policy.comparison ?? 'at-least',
      gating: policy.gating ?? false,
    },
    domains: domainIds.map((id) => ({ id, name: DOMAIN_NAMES[id] ?? id })),
    units: units.map((u) => ({
      id: u.id,
      name: `单元${u.id}`,
      domainId: u.domainId,
      weight: Rational.of(u.weight, totalWeight),
    })),
    requirements: units.flatMap((u) =>
      (Object.entries(u.cells) as [LevelCode, GradeKey[]][]).flatMap(([level, gs]) =>
        gs.map((grade, i) => ({
          id: `${u.id}.${level}.${i + 1}`,
          unitId: u.id,
          level,
          seq: i + 1,
          text: `要求 ${u.id}.${level}.${i + 1}`,
          grade,
        })),
      ),
    ),
  };
}

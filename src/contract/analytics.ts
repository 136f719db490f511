/** The assessment body's analytics over its published results. */
import { Industry } from './domain.js';
import { Obj, StringEnum, Type, type Static } from './schema.js';

export const AnalyticsQuery = Obj({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  industry: Type.Optional(Industry),
});

export const AnalyticsExportQuery = Obj({
  format: StringEnum(['xlsx', 'docx'] as const),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  industry: Type.Optional(Industry),
});

export const Analytics = Obj({
  bodyName: Type.String(),
  years: Type.Array(Type.Integer()),
  year: Type.Optional(Type.Integer()),
  industry: Type.Optional(Industry),
  /** Published results counted. */
  results: Type.Integer(),
  levelsByIndustry: Type.Array(Obj({ industry: Industry, level: Type.Integer(), n: Type.Integer() })),
  /** Mean domain score (Σ_L B, 0–5) per industry and over all. */
  domainMeans: Type.Array(
    Obj({
      id: Type.String(),
      name: Type.String(),
      industry: Type.Union([Industry, Type.Literal('all')]),
      mean: Type.String(),
      n: Type.Integer(),
    }),
  ),
  /** The sub-domains (scoring units) with the lowest mean score across the sector. */
  weakestUnits: Type.Array(
    Obj({ id: Type.String(), name: Type.String(), mean: Type.String(), n: Type.Integer() }),
  ),
  trend: Type.Array(
    Obj({
      year: Type.Integer(),
      n: Type.Integer(),
      meanTotal: Type.String(),
      levels: Type.Array(Obj({ level: Type.Integer(), n: Type.Integer() })),
    }),
  ),
});
export type Analytics = Static<typeof Analytics>;

/** Model versions: the standard as data (`standard/<id>/`), and the effective model of an industry. */
import { INDUSTRIES, LEVEL_CODES } from '../model/types.js';
import { Industry, LevelCode, ScoringPolicy } from './domain.js';
import { Bool, KeyedRecord, Obj, PartialKeyedRecord, StringEnum, Type, type Static } from './schema.js';

export const ModelSummary = Obj({
  id: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  status: Type.String(),
  industries: Type.Array(Industry),
  /** Requirements per industry (Appendix A + that industry's Appendix B). */
  requirementCounts: KeyedRecord(INDUSTRIES, Type.Integer()),
});
export type ModelSummary = Static<typeof ModelSummary>;

const IndicatorType = StringEnum(['common', 'industry'] as const);

export const Requirement = Obj({
  id: Type.String(),
  seq: Type.Integer(),
  text: Type.String({ description: 'the exact text of the standard' }),
  examples: Type.Array(Type.String()),
  seedLines: Type.Array(Type.Integer()),
  /** The item number as printed in the standard. */
  label: Type.Optional(Type.String()),
  /** The display form (conversion typos corrected), when it differs from `text`. */
  display: Type.Optional(Type.String()),
  displayFixes: Type.Optional(
    Type.Array(
      Obj({ line: Type.Integer(), find: Type.String(), replace: Type.String(), reason: Type.String() }),
    ),
  ),
});

const LevelNumbers = PartialKeyedRecord(LEVEL_CODES, Type.Number());
const GradeNumbers = PartialKeyedRecord(['full', 'mostly', 'partly', 'none'] as const, Type.Number());

/** `planning-effort.json`: the 一企一策 planner's effort assumptions. */
const PlanningEffort = Obj({
  rationale: Type.String(),
  levelFactor: KeyedRecord(LEVEL_CODES, Type.Number()),
  gradeEffort: KeyedRecord(['full', 'mostly', 'partly', 'none'] as const, Type.Number()),
  sizes: PartialKeyedRecord(
    ['large', 'medium', 'small'] as const,
    Obj({ levelFactor: Type.Optional(LevelNumbers), gradeEffort: Type.Optional(GradeNumbers) }),
  ),
  requirements: Type.Record(Type.String(), Type.Number()),
  subSectors: Type.Record(Type.String(), Obj({ levelFactor: Type.Optional(LevelNumbers) })),
  terms: Type.Array(
    Obj({ id: Type.String(), name: Type.String(), nameEn: Type.String(), horizon: Type.String() }),
  ),
  headlineQuota: Type.Array(Type.Integer()),
});

const AppendixRow = Obj({
  id: Type.String(),
  name: Type.String(),
  covers: Type.Array(Type.String()),
  domainId: Type.String(),
  seedLine: Type.Integer(),
  levels: KeyedRecord(LEVEL_CODES, Type.Array(Requirement)),
});

const AppendixTable = Obj({
  id: StringEnum(['common', ...INDUSTRIES] as const),
  title: Type.String(),
  seedLine: Type.Integer(),
  rows: Type.Array(AppendixRow),
});

/** A whole model version as stored under `standard/<id>/` (the browser derives the effective model itself). */
export const StandardModel = Obj({
  meta: Obj({
    id: Type.String(),
    title: Type.String(),
    titleEn: Type.String(),
    status: Type.String(),
    source: Obj({ file: Type.String(), sha256: Type.String() }),
  }),
  domains: Type.Array(
    Obj({
      id: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      seedLine: Type.Integer(),
      subdomains: Type.Array(
        Obj({
          id: Type.String(),
          name: Type.String(),
          nameEn: Type.String(),
          type: IndicatorType,
          weightPercent: Type.Integer(),
          seedLine: Type.Integer(),
        }),
      ),
    }),
  ),
  satisfaction: Type.Array(
    Obj({
      key: StringEnum(['full', 'mostly', 'partly', 'none'] as const),
      label: Type.String(),
      labelEn: Type.String(),
      score: Type.String(),
    }),
  ),
  levels: Type.Array(
    Obj({
      level: Type.Integer(),
      ordinal: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      min: Type.String(),
      max: Type.String(),
      maxInclusive: Bool,
      description: Type.String(),
      seedLine: Type.Integer(),
    }),
  ),
  policy: ScoringPolicy,
  policyDocs: KeyedRecord(
    ['weightRescaling', 'levelMetComparison', 'levelMetThreshold', 'gating', 'displayDecimals'] as const,
    Obj({ options: Type.Array(Type.Union([Type.String(), Bool, Type.Number()])), rationale: Type.String() }),
  ),
  common: AppendixTable,
  industries: KeyedRecord(INDUSTRIES, AppendixTable),
  planningEffort: Type.Optional(PlanningEffort),
});
export type StandardModel = Static<typeof StandardModel>;

/** An exact rational as the text `num/den` (or an integer). */
const Fraction = Type.String({ pattern: '^-?\\d+(/\\d+)?$' });

/** The effective model of an industry: Appendix A + its Appendix B, dropped sub-domains, exact rescaled weights. */
export const EffectiveModelView = Obj({
  modelId: Type.String(),
  industry: Industry,
  policy: ScoringPolicy,
  totalPercent: Fraction,
  domains: Type.Array(
    Obj({
      id: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      tablePercent: Type.Integer(),
      weight: Fraction,
      alpha: Fraction,
      units: Type.Array(
        Obj({
          id: Type.String(),
          name: Type.String(),
          covers: Type.Array(Type.String()),
          domainId: Type.String(),
          type: IndicatorType,
          source: StringEnum(['common', ...INDUSTRIES] as const),
          tablePercent: Type.Integer(),
          weight: Fraction,
          beta: Fraction,
          seedLine: Type.Integer(),
          levels: KeyedRecord(
            LEVEL_CODES,
            Obj({ requirements: Type.Array(Requirement), weight: Fraction, beta: Fraction }),
          ),
        }),
      ),
      levels: KeyedRecord(LEVEL_CODES, Obj({ weight: Fraction, alpha: Fraction })),
    }),
  ),
  dropped: Type.Array(
    Obj({
      id: Type.String(),
      name: Type.String(),
      domainId: Type.String(),
      type: IndicatorType,
      weightPercent: Type.Integer(),
    }),
  ),
  droppedDomains: Type.Array(Type.String()),
  rescaling: Obj({
    policy: StringEnum(['within-domain', 'within-type', 'global'] as const),
    cascade: Type.Array(StringEnum(['within-domain', 'within-type', 'global'] as const)),
    lostPercent: Fraction,
    steps: Type.Array(
      Obj({
        stage: StringEnum(['within-domain', 'within-type', 'global'] as const),
        group: Type.String(),
        from: Type.Array(Type.String()),
        presentPercent: Fraction,
        absorbedPercent: Fraction,
        factor: Fraction,
      }),
    ),
    note: Type.String(),
  }),
  emptyCells: Type.Array(Obj({ unitId: Type.String(), level: LevelCode })),
});
export type EffectiveModelView = Static<typeof EffectiveModelView>;

/**
 * JSON Schemas of the files of a model version (standard/<model-id>/*.json) and the checks that go
 * beyond a schema (counts, sums, references). Errors name the file and the JSON path.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { INDUSTRIES, LEVEL_CODES, type IndustryId, type StandardModel } from './types.js';

/** File names of a model version folder. */
export const MODEL_FILES = {
  meta: 'meta.json',
  indicators: 'table1-indicators.json',
  satisfaction: 'table2-satisfaction.json',
  levels: 'table3-levels.json',
  policy: 'policy.json',
  common: 'appendix-a-common.json',
  mining: 'appendix-b-mining.json',
  smelting: 'appendix-b-smelting.json',
  processing: 'appendix-b-processing.json',
} as const;

export type ModelFileKey = keyof typeof MODEL_FILES;

/** File of each appendix table id. */
export const APPENDIX_FILES: Record<'common' | IndustryId, string> = {
  common: MODEL_FILES.common,
  mining: MODEL_FILES.mining,
  smelting: MODEL_FILES.smelting,
  processing: MODEL_FILES.processing,
};

/** One problem found in a model: the file, a JSON path into it (`$.rows[3].covers[0]`), and what is wrong. */
export interface ModelIssue {
  file: string;
  path: string;
  message: string;
}

export function formatIssue(i: ModelIssue): string {
  return `${i.file} ${i.path}: ${i.message}`;
}

// ---------------------------------------------------------------- schemas

const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const DECIMAL = '^(?:0|[1-9][0-9]*)(?:\\.[0-9]*[1-9])?$';
const posInt = { type: 'integer', minimum: 1 } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;

export const metaSchema = {
  $id: 'dtma/model/meta',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'titleEn', 'status', 'source'],
  properties: {
    id: { type: 'string', pattern: SLUG },
    title: nonEmpty,
    titleEn: nonEmpty,
    status: nonEmpty,
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'sha256'],
      properties: { file: nonEmpty, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
    },
  },
} as const;

export const indicatorsSchema = {
  $id: 'dtma/model/table1-indicators',
  type: 'object',
  additionalProperties: false,
  required: ['domains'],
  properties: {
    domains: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'nameEn', 'seedLine', 'subdomains'],
        properties: {
          id: { type: 'string', pattern: SLUG },
          name: nonEmpty,
          nameEn: nonEmpty,
          seedLine: posInt,
          subdomains: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'nameEn', 'type', 'weightPercent', 'seedLine'],
              properties: {
                id: { type: 'string', pattern: SLUG },
                name: nonEmpty,
                nameEn: nonEmpty,
                type: { enum: ['common', 'industry'] },
                weightPercent: { type: 'integer', minimum: 0, maximum: 100 },
                seedLine: posInt,
              },
            },
          },
        },
      },
    },
  },
} as const;

export const satisfactionSchema = {
  $id: 'dtma/model/table2-satisfaction',
  type: 'object',
  additionalProperties: false,
  required: ['grades'],
  properties: {
    grades: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'label', 'labelEn', 'score'],
        properties: {
          key: { enum: ['full', 'mostly', 'partly', 'none'] },
          label: nonEmpty,
          labelEn: nonEmpty,
          score: { type: 'string', pattern: DECIMAL },
        },
      },
    },
  },
} as const;

export const levelsSchema = {
  $id: 'dtma/model/table3-levels',
  type: 'object',
  additionalProperties: false,
  required: ['levels'],
  properties: {
    levels: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'level',
          'ordinal',
          'name',
          'nameEn',
          'min',
          'max',
          'maxInclusive',
          'description',
          'seedLine',
        ],
        properties: {
          level: { type: 'integer', minimum: 1, maximum: 5 },
          ordinal: nonEmpty,
          name: nonEmpty,
          nameEn: nonEmpty,
          min: { type: 'string', pattern: DECIMAL },
          max: { type: 'string', pattern: DECIMAL },
          maxInclusive: { type: 'boolean' },
          description: nonEmpty,
          seedLine: posInt,
        },
      },
    },
  },
} as const;

const requirementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'seq', 'text', 'examples', 'seedLines'],
  properties: {
    id: {
      type: 'string',
      pattern: '^(common|mining|smelting|processing)\\.[a-z0-9-]+\\.S[1-5]\\.[1-9][0-9]*$',
    },
    seq: posInt,
    text: nonEmpty,
    examples: { type: 'array', items: nonEmpty },
    seedLines: { type: 'array', minItems: 1, items: posInt },
  },
} as const;

export const appendixSchema = {
  $id: 'dtma/model/appendix',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'seedLine', 'rows'],
  properties: {
    id: { enum: ['common', ...INDUSTRIES] },
    title: nonEmpty,
    seedLine: posInt,
    rows: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'covers', 'domainId', 'seedLine', 'levels'],
        properties: {
          id: { type: 'string', pattern: SLUG },
          name: nonEmpty,
          covers: { type: 'array', minItems: 1, items: { type: 'string', pattern: SLUG } },
          domainId: { type: 'string', pattern: SLUG },
          seedLine: posInt,
          levels: {
            type: 'object',
            additionalProperties: false,
            required: [...LEVEL_CODES],
            properties: Object.fromEntries(
              LEVEL_CODES.map((c) => [c, { type: 'array', items: requirementSchema }]),
            ),
          },
        },
      },
    },
  },
} as const;

const policyValue = {
  type: 'object',
  additionalProperties: false,
  required: ['weightRescaling', 'levelMetComparison', 'levelMetThreshold', 'gating', 'displayDecimals'],
  properties: {
    weightRescaling: { enum: ['within-domain', 'within-type', 'global'] },
    levelMetComparison: { enum: ['at-least', 'greater-than'] },
    levelMetThreshold: { type: 'string', pattern: DECIMAL },
    gating: { type: 'boolean' },
    displayDecimals: { type: 'integer', minimum: 0, maximum: 10 },
  },
} as const;

const policyDoc = {
  type: 'object',
  additionalProperties: false,
  required: ['options', 'rationale'],
  properties: { options: { type: 'array', minItems: 1 }, rationale: nonEmpty },
} as const;

export const policySchema = {
  $id: 'dtma/model/policy',
  type: 'object',
  additionalProperties: false,
  required: ['default', 'docs'],
  properties: {
    default: policyValue,
    docs: {
      type: 'object',
      additionalProperties: false,
      required: [...policyValue.required],
      properties: Object.fromEntries(policyValue.required.map((k) => [k, policyDoc])),
    },
  },
} as const;

export const FILE_SCHEMAS: Record<ModelFileKey, object> = {
  meta: metaSchema,
  indicators: indicatorsSchema,
  satisfaction: satisfactionSchema,
  levels: levelsSchema,
  policy: policySchema,
  common: appendixSchema,
  mining: appendixSchema,
  smelting: appendixSchema,
  processing: appendixSchema,
};

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  ajv ??= new Ajv({ allErrors: true, strict: true });
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** JSON Pointer (`/rows/0/covers/1`) → JSON path (`$.rows[0].covers[1]`). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) =>
        /^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`,
      )
      .join('')
  );
}

function ajvIssue(file: string, e: ErrorObject): ModelIssue {
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties')
    message = `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') message = `must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return { file, path: pointerToPath(e.instancePath), message };
}

/** Validates the parsed content of one file of a model version against its JSON Schema. */
export function validateFile(key: ModelFileKey, data: unknown): ModelIssue[] {
  const v = validatorFor(FILE_SCHEMAS[key]);
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => ajvIssue(MODEL_FILES[key], e));
}

// ---------------------------------------------------------------- model checks

/** Compares two non-negative decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.') as [string, string?];
  const [bi, bf = ''] = b.split('.') as [string, string?];
  const len = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(len, '0'));
  const y = BigInt(bi + bf.padEnd(len, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

export const EXPECTED_COUNTS = {
  domains: 8,
  subdomains: 38,
  common: { count: 16, weight: 30 },
  industry: { count: 22, weight: 70 },
  total: 100,
} as const;

/**
 * Checks beyond the schemas: counts and sums of Table 1, references of the appendix rows, unique ids,
 * non-empty level cells, the shape of Tables 2 and 3, policy defaults among their options.
 */
export function validateModel(model: StandardModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const add = (file: string, path: string, message: string) => issues.push({ file, path, message });
  const T1 = MODEL_FILES.indicators;

  // Table 1
  if (model.domains.length !== EXPECTED_COUNTS.domains) {
    add(T1, '$.domains', `expected ${EXPECTED_COUNTS.domains} domains, found ${model.domains.length}`);
  }
  const subs = new Map<string, { type: string; domainId: string; path: string }>();
  const domainIds = new Set<string>();
  const sums = { common: { count: 0, weight: 0 }, industry: { count: 0, weight: 0 } };
  model.domains.forEach((d, i) => {
    if (domainIds.has(d.id)) add(T1, `$.domains[${i}].id`, `duplicate domain id "${d.id}"`);
    domainIds.add(d.id);
    d.subdomains.forEach((s, j) => {
      const path = `$.domains[${i}].subdomains[${j}]`;
      if (subs.has(s.id) || domainIds.has(s.id)) add(T1, `${path}.id`, `duplicate id "${s.id}"`);
      subs.set(s.id, { type: s.type, domainId: d.id, path });
      sums[s.type].count += 1;
      sums[s.type].weight += s.weightPercent;
    });
  });
  if (subs.size !== EXPECTED_COUNTS.subdomains) {
    add(T1, '$.domains', `expected ${EXPECTED_COUNTS.subdomains} sub-domains, found ${subs.size}`);
  }
  for (const type of ['common', 'industry'] as const) {
    const exp = EXPECTED_COUNTS[type];
    if (sums[type].count !== exp.count) {
      add(T1, '$.domains', `expected ${exp.count} ${type} sub-domains, found ${sums[type].count}`);
    }
    if (sums[type].weight !== exp.weight) {
      add(T1, '$.domains', `${type} weights sum to ${sums[type].weight}, expected ${exp.weight}`);
    }
  }
  if (sums.common.weight + sums.industry.weight !== EXPECTED_COUNTS.total) {
    add(T1, '$.domains', `weights sum to ${sums.common.weight + sums.industry.weight}, expected 100`);
  }

  // Table 2
  const T2 = MODEL_FILES.satisfaction;
  const keys = model.satisfaction.map((g) => g.key).join(',');
  if (keys !== 'full,mostly,partly,none')
    add(T2, '$.grades', `grades must be full, mostly, partly, none; found ${keys}`);
  model.satisfaction.forEach((g, i) => {
    if (compareDecimal(g.score, '1') > 0) add(T2, `$.grades[${i}].score`, `score ${g.score} exceeds 1`);
    const prev = model.satisfaction[i - 1];
    if (prev && compareDecimal(prev.score, g.score) <= 0) {
      add(T2, `$.grades[${i}].score`, `scores must decrease (${prev.score} then ${g.score})`);
    }
  });
  if (model.satisfaction[0]?.score !== '1') add(T2, '$.grades[0].score', 'full satisfaction must score "1"');
  const last = model.satisfaction[model.satisfaction.length - 1];
  if (last?.score !== '0')
    add(T2, `$.grades[${model.satisfaction.length - 1}].score`, 'no satisfaction must score "0"');

  // Table 3
  const T3 = MODEL_FILES.levels;
  if (model.levels.length !== 5) add(T3, '$.levels', `expected 5 levels, found ${model.levels.length}`);
  model.levels.forEach((l, i) => {
    const p = `$.levels[${i}]`;
    if (l.level !== i + 1) add(T3, `${p}.level`, `expected level ${i + 1}, found ${l.level}`);
    if (compareDecimal(l.min, l.max) >= 0) add(T3, `${p}.max`, `max ${l.max} must exceed min ${l.min}`);
    const next = model.levels[i + 1];
    if (next && next.min !== l.max)
      add(T3, `${p}.max`, `max ${l.max} must equal the next level's min ${next.min}`);
    if (next && l.maxInclusive) add(T3, `${p}.maxInclusive`, 'only the last level may include its max');
    if (!next) {
      if (!l.maxInclusive) add(T3, `${p}.maxInclusive`, 'the last level must include its max');
      if (l.max !== '5') add(T3, `${p}.max`, `the last level must end at 5, found ${l.max}`);
    }
  });

  // Appendices
  const reqIds = new Map<string, string>();
  const tables = [model.common, ...INDUSTRIES.map((k) => model.industries[k])] as const;
  const expectedIds = ['common', ...INDUSTRIES];
  tables.forEach((t, ti) => {
    const expectedId = expectedIds[ti] as 'common' | IndustryId;
    const file = APPENDIX_FILES[expectedId];
    if (!t) {
      add(file, '$', 'table missing');
      return;
    }
    if (t.id !== expectedId) add(file, '$.id', `expected "${expectedId}", found "${t.id}"`);
    const wantType = expectedId === 'common' ? 'common' : 'industry';
    const covered = new Map<string, string>();
    const rowIds = new Set<string>();
    t.rows.forEach((row, ri) => {
      const rp = `$.rows[${ri}]`;
      if (rowIds.has(row.id)) add(file, `${rp}.id`, `duplicate row id "${row.id}"`);
      rowIds.add(row.id);
      if (subs.has(row.id) && !(row.covers.length === 1 && row.covers[0] === row.id)) {
        add(
          file,
          `${rp}.covers`,
          `row "${row.id}" is named after a sub-domain but covers ${row.covers.join(', ')}`,
        );
      }
      row.covers.forEach((c, ci) => {
        const cp = `${rp}.covers[${ci}]`;
        const sub = subs.get(c);
        if (!sub) {
          add(file, cp, `"${c}" is not a Table 1 sub-domain`);
          return;
        }
        if (sub.type !== wantType)
          add(file, cp, `"${c}" is a ${sub.type} sub-domain, this table holds ${wantType} ones`);
        if (sub.domainId !== row.domainId) {
          add(
            file,
            `${rp}.domainId`,
            `"${c}" belongs to domain "${sub.domainId}", row says "${row.domainId}"`,
          );
        }
        const prev = covered.get(c);
        if (prev !== undefined) add(file, cp, `"${c}" is already covered by ${prev}`);
        else covered.set(c, rp);
      });
      if (!domainIds.has(row.domainId))
        add(file, `${rp}.domainId`, `"${row.domainId}" is not a Table 1 domain`);
      for (const code of LEVEL_CODES) {
        const reqs = row.levels[code];
        const lp = `${rp}.levels.${code}`;
        if (!reqs || reqs.length === 0) {
          add(file, lp, 'level cell has no requirement');
          continue;
        }
        reqs.forEach((q, qi) => {
          const qp = `${lp}[${qi}]`;
          const wantId = `${t.id}.${row.id}.${code}.${qi + 1}`;
          if (q.seq !== qi + 1) add(file, `${qp}.seq`, `expected seq ${qi + 1}, found ${q.seq}`);
          if (q.id !== wantId) add(file, `${qp}.id`, `expected id "${wantId}", found "${q.id}"`);
          const seen = reqIds.get(q.id);
          if (seen) add(file, `${qp}.id`, `duplicate requirement id "${q.id}" (also ${seen})`);
          else reqIds.set(q.id, `${file} ${qp}`);
          if (q.seedLines.some((l, k) => k > 0 && l <= q.seedLines[k - 1]!)) {
            add(file, `${qp}.seedLines`, 'seed lines must be ascending and distinct');
          }
        });
      }
    });
    if (expectedId === 'common') {
      for (const [id, s] of subs) {
        if (s.type === 'common' && !covered.has(id))
          add(file, '$.rows', `common sub-domain "${id}" has no row`);
      }
    }
  });

  // Policy
  const P = MODEL_FILES.policy;
  for (const [key, value] of Object.entries(model.policy)) {
    const doc = (model.policyDocs as Record<string, { options: unknown[] } | undefined>)[key];
    if (!doc) add(P, `$.docs.${key}`, 'missing');
    else if (!doc.options.some((o) => o === value))
      add(P, `$.default.${key}`, `default ${JSON.stringify(value)} is not among the options`);
  }
  return issues;
}

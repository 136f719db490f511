/** JSON Schema building blocks for the routes (validated by Fastify's Ajv, published in the OpenAPI document). */
import { ROLES } from '../access/types.js';
import { INDUSTRIES } from '../model/types.js';
import {
  CONFLICT_KINDS,
  DISCIPLINES,
  EVIDENCE_METHODS,
  REPORT_SECTIONS,
  SCORE_VALUES,
  STAGES,
} from '../process/types.js';

export const MAX_INT = 2_147_483_647;

export const str = (max = 10_000, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
export const nonBlank = (max = 10_000) =>
  ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
export const int = (min = 0) => ({ type: 'integer', minimum: min, maximum: MAX_INT }) as const;
export const bool = { type: 'boolean' } as const;
export const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const isoDateTime = {
  type: 'string',
  minLength: 10,
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T',
} as const;
export const enumOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] }) as const;
export const scoreValue = enumOf(SCORE_VALUES);
export const stage = enumOf(STAGES);
export const industry = enumOf(INDUSTRIES);
export const role = enumOf(ROLES);
export const discipline = enumOf(DISCIPLINES);
export const evidenceMethod = enumOf(EVIDENCE_METHODS);

export function obj(
  properties: Record<string, unknown>,
  required: string[] = [],
  additionalProperties: boolean | Record<string, unknown> = false,
): Record<string, unknown> {
  return { type: 'object', properties, required, additionalProperties };
}

export const arr = (items: unknown, max = 10_000) => ({ type: 'array', items, maxItems: max }) as const;

/** Any JSON object (complex process documents): serialised as is. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
export const anyObjectOrNull = { type: ['object', 'null'], additionalProperties: true } as const;
export const anyArray = { type: 'array', items: anyObject } as const;

export const errorSchema = obj(
  {
    error: obj(
      {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
        current: {},
        details: {},
      },
      ['code', 'message'],
      true,
    ),
  },
  ['error'],
);

export const okSchema = obj({ ok: { type: 'boolean', enum: [true] } }, ['ok']);

/** Response schemas: the 2xx one plus the shared error body for 4xx and 5xx. */
export function responses(ok: unknown, status = 200): Record<string, unknown> {
  return { [status]: ok, '4xx': errorSchema, '5xx': errorSchema };
}

export const idParams = obj({ id }, ['id']);
export const idReqParams = obj({ id, requirementId: id }, ['id', 'requirementId']);

export const eligibility = obj(
  {
    noMajorSafetyAccident: bool,
    noMajorEnvironmentalIncident: bool,
    hasTransformationPlan: bool,
    compliesWithLaws: bool,
    truthfulnessCommitment: bool,
  },
  [
    'noMajorSafetyAccident',
    'noMajorEnvironmentalIncident',
    'hasTransformationPlan',
    'compliesWithLaws',
    'truthfulnessCommitment',
  ],
);

export const applicationForm = obj(
  {
    scope: str(2000),
    requestedLevel: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
    contactName: str(200),
    contactPhone: str(50),
  },
  ['scope', 'requestedLevel', 'contactName', 'contactPhone'],
);

export const conflictDeclaration = obj(
  {
    enterpriseOrgId: id,
    kind: enumOf(CONFLICT_KINDS),
    description: str(2000),
    declaredAt: isoDateTime,
    endedOn: isoDate,
  },
  ['enterpriseOrgId', 'kind', 'description'],
);

export const planInput = obj(
  {
    kind: enumOf(['pre', 'formal']),
    purpose: str(5000),
    scope: str(5000),
    tasks: arr(str(2000), 200),
    methods: arr(evidenceMethod, 20),
    startDate: isoDate,
    endDate: isoDate,
    people: arr(id, 100),
    schedule: arr(obj({ date: isoDate, activity: str(2000) }, ['date', 'activity']), 500),
    expectedVersion: int(),
  },
  ['purpose', 'scope', 'tasks', 'methods', 'startDate', 'endDate', 'people', 'schedule', 'expectedVersion'],
);

export const meetingInput = obj(
  {
    heldAt: isoDateTime,
    minutes: str(50_000),
    attendees: arr(
      obj({ name: str(200), userId: id, side: enumOf(['team', 'enterprise', 'other']) }, ['name', 'side']),
      500,
    ),
    topics: arr(str(100), 50),
    planAgreed: bool,
  },
  ['heldAt', 'minutes', 'attendees', 'topics'],
);

export const reportSections = obj(Object.fromEntries(REPORT_SECTIONS.map((s) => [s, str(100_000)])));

export const transitionCommand = {
  oneOf: [
    obj({ type: enumOf(['application.submit']) }, ['type']),
    obj({ type: enumOf(['application.withdraw']), reason: str(2000) }, ['type']),
    obj({ type: enumOf(['application.accept']), note: str(2000) }, ['type']),
    obj({ type: enumOf(['application.reject']), reason: nonBlank(2000) }, ['type', 'reason']),
    obj({ type: enumOf(['plan.confirm']), kind: enumOf(['pre', 'formal']), version: int(1) }, [
      'type',
      'kind',
      'version',
    ]),
    obj({ type: enumOf(['scoring.open']) }, ['type']),
    obj({ type: enumOf(['score.submit']) }, ['type']),
    obj({ type: enumOf(['consensus.open']) }, ['type']),
    obj({ type: enumOf(['result.freeze']) }, ['type']),
    obj({ type: enumOf(['communication.open']) }, ['type']),
    obj({ type: enumOf(['contest.waive']) }, ['type']),
    obj({ type: enumOf(['publish']) }, ['type']),
    obj({ type: enumOf(['reopen']), reason: nonBlank(2000) }, ['type', 'reason']),
  ],
} as const;

export const putScore = obj({ value: scoreValue, note: str(10_000), expectedVersion: int() }, [
  'value',
  'note',
  'expectedVersion',
]);

/**
 * Building blocks of the HTTP contract (TypeBox): JSON Schemas that Fastify validates and serialises with and
 * publishes as OpenAPI 3.1, and whose static types the web app uses. Browser-safe: no Node imports.
 */
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';

export { Type, type Static, type TSchema };

export const MAX_INT = 2_147_483_647;

/** A string of at most `max` (and at least `min`) characters. */
export const Str = (max = 10_000, min = 0) => Type.String({ minLength: min, maxLength: max });
/** A string with at least one non-space character. */
export const NonBlank = (max = 10_000) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
export const Int = (min = 0, max = MAX_INT) => Type.Integer({ minimum: min, maximum: max });
export const Bool = Type.Boolean();
export const Id = Type.String({ minLength: 1, maxLength: 200 });
/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
/** An ISO-8601 instant (UTC). */
export const IsoDateTime = Type.String({
  minLength: 10,
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T',
  description: 'ISO-8601 date-time',
});

/** One of the given strings (`{ type: string, enum }`, typed as their union). */
export function StringEnum<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({
    type: 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });
}

/** `T | null`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A closed object: unknown properties are refused on input and never serialised. */
export function Obj<T extends TProperties>(properties: T, description?: string): TObject<T> {
  return Type.Object(properties, {
    additionalProperties: false,
    ...(description ? { description } : {}),
  });
}

/** An object with exactly the given keys, each holding `value` (all optional when `partial`). */
export function KeyedRecord<K extends string, V extends TSchema>(keys: readonly K[], value: V) {
  const props = Object.fromEntries(keys.map((k) => [k, value])) as { [P in K]: V };
  return Type.Object(props, { additionalProperties: false });
}

export function PartialKeyedRecord<K extends string, V extends TSchema>(keys: readonly K[], value: V) {
  return Type.Partial(KeyedRecord(keys, value));
}

/** A map from string ids to `value`. */
export const Dict = <V extends TSchema>(value: V) => Type.Record(Type.String(), value);

// --- lists (issue 10) ---------------------------------------------------------------------------------------------

/** Paging of a list: at most `limit` items (1–200, default 50) from `offset`. */
export const PageParams = {
  limit: Type.Optional(Int(1, 200)),
  offset: Type.Optional(Int(0, 1_000_000)),
};
export const SortOrder = StringEnum(['asc', 'desc'] as const);
/** A list's search text (matched case-insensitively as a substring). */
export const SearchText = Str(100);

/** A page of a list: the items, how many match the filters in all (for the pager), where the next page starts. */
export function Page<T extends TSchema>(
  item: T,
  cursor = 'The `offset` of the next page, when there is one.',
) {
  return Obj({
    items: Type.Array(item),
    total: Int(),
    nextCursor: Type.Optional(Type.String({ description: cursor })),
  });
}

export const Ok = Obj({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;

/** A file download (docx, pdf, xlsx, evidence): bytes, not JSON. */
export const Binary = Type.Unsafe<Blob>({ type: 'string', format: 'binary' });

/** One row of the endpoint table: its documentation and schemas. */
export interface EndpointDef {
  summary: string;
  tags: readonly string[];
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The 2xx answer. `Binary` for a file. */
  response: TSchema;
  /** 200 unless stated. */
  status?: 200 | 201;
  /** Content types of a file answer (OpenAPI). */
  produces?: readonly string[];
  /** `multipart/form-data` uploads: the body is read as a stream; `multipart` documents the fields. */
  multipart?: TSchema;
}

/** Result and error types shared by the repositories. */

/** Optimistic concurrency: the write happened, or the row changed since `expectedVersion` was read. */
export type Versioned<T> = { ok: true; value: T } | VersionConflict<T>;

export interface VersionConflict<T> {
  ok: false;
  reason: 'version-conflict';
  /** The row as it is now (null if it does not exist), to show the user or retry against. */
  current: T | null;
}

export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class DuplicateError extends Error {
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    super(`${entity} with ${field} ${value} already exists`);
    this.name = 'DuplicateError';
  }
}

/** A unique-constraint violation from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

export function affected(result: {
  numUpdatedRows?: bigint;
  numDeletedRows?: bigint;
  numInsertedOrUpdatedRows?: bigint;
}): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? result.numInsertedOrUpdatedRows ?? 0n);
}

export function conflict<T>(current: T | null | undefined): VersionConflict<T> {
  return { ok: false, reason: 'version-conflict', current: current ?? null };
}

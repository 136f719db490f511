/**
 * Re-assessment: an application started from a published assessment carries its evidence over as a starting
 * point, each item marked `carriedFrom` until the enterprise confirms it (or removes it, `evidence.remove`).
 */
import type { Effect, Guard } from './context.js';
import type { EvidenceItem } from './types.js';
import { fail } from './util.js';

export const guardConfirm: Guard<'evidence.confirm'> = (a, cmd) => {
  if (cmd.itemIds !== undefined) {
    const carried = new Set(a.evidence.filter((e) => e.carriedFrom !== undefined).map((e) => e.id));
    const unknown = cmd.itemIds.find((id) => !carried.has(id));
    if (unknown !== undefined)
      return fail('not_found', `no carried-over evidence ${unknown}`, 'itemIds', { itemId: unknown });
  }
  return null;
};

export const effectConfirm: Effect<'evidence.confirm'> = (a, cmd) => {
  const which = cmd.itemIds ? new Set(cmd.itemIds) : undefined;
  const confirmed: string[] = [];
  const evidence = a.evidence.map((e): EvidenceItem => {
    if (e.carriedFrom === undefined || (which && !which.has(e.id))) return e;
    confirmed.push(e.id);
    const { carriedFrom: _from, ...rest } = e;
    return rest;
  });
  return {
    assessment: { ...a, evidence },
    events: [{ type: 'evidence.confirmed', data: { itemIds: confirmed } }],
  };
};

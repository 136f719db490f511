import { describe, expect, it } from 'vitest';
import { validateEvidenceItem } from './evidence.js';
import { ENV, NOW, REQS } from './test-fixtures.js';
import type { EvidenceItem } from './types.js';
import { EVIDENCE_METHODS } from './types.js';

const ctx = {
  industry: 'mining' as const,
  isRequirementOf: ENV.isRequirementOf!,
  now: NOW,
  teamMemberIds: ['x1', 'x2'],
};
const collected = (over: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id: 'ev',
  requirementId: REQS[0]!,
  kind: 'collected',
  method: 'interview',
  by: 'x1',
  at: NOW.toISOString(),
  note: '座谈纪要',
  ...over,
});
const fields = (item: EvidenceItem) => validateEvidenceItem(item, ctx).map((e) => e.field);

describe('evidence items (4.6.2)', () => {
  it.each(EVIDENCE_METHODS)('collection method %s is accepted', (method) => {
    expect(fields(collected({ method }))).toEqual([]);
  });

  it('collected evidence needs one of the six methods', () => {
    expect(fields(collected({ method: undefined }))).toEqual(['item.method']);
    expect(fields(collected({ method: 'gossip' as never }))).toEqual(['item.method']);
  });

  it('the requirement must belong to the assessment’s industry', () => {
    expect(fields(collected({ requirementId: 'smelting.furnace.S1.1' }))).toEqual(['item.requirementId']);
    expect(fields(collected({ requirementId: 'mining.any.S1.1' }))).toEqual([]);
    expect(fields(collected({ requirementId: '' }))).toEqual(['item.requirementId']);
  });

  it('who: collected evidence is collected by a team member', () => {
    expect(fields(collected({ by: 'x9' }))).toEqual(['item.by']);
  });

  it('when: a valid time, not in the future', () => {
    expect(fields(collected({ at: 'yesterday' }))).toEqual(['item.at']);
    expect(fields(collected({ at: new Date(NOW.getTime() + 60_000).toISOString() }))).toEqual(['item.at']);
  });

  it('a file or a note is required (采集的资料应予以记录)', () => {
    expect(fields(collected({ note: ' ' }))).toEqual(['item.file']);
    expect(fields(collected({ note: undefined, file: { name: 'a.pdf', ref: '' } }))).toEqual(['item.file']);
    expect(fields(collected({ note: undefined, file: { name: 'a.pdf', ref: 'blob/1' } }))).toEqual([]);
  });

  it('evidence submitted by the enterprise needs no method, nor a team member', () => {
    expect(fields(collected({ kind: 'submitted', method: undefined, by: 'u-ent' }))).toEqual([]);
  });

  it('reports every problem at once, with an id required', () => {
    expect(fields(collected({ id: '', method: undefined, at: 'x', note: undefined }))).toEqual([
      'item.id',
      'item.method',
      'item.at',
      'item.file',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffMs, classifyFailure, isOwnEcho, overlay, type OutboxRecord } from './queue';

const rec = (requirementId: string, value: OutboxRecord['value'], note = ''): OutboxRecord => ({
  key: `u|mine|a|${requirementId}`,
  userId: 'u',
  kind: 'mine',
  assessmentId: 'a',
  requirementId,
  value,
  note,
  baseVersion: 1,
  seq: 1,
  queuedAt: '2026-01-01T00:00:00Z',
  attempts: 0,
  state: 'pending',
});

describe('score outbox rules (issue 12, defect 1: no lost grade)', () => {
  it('keeps trying while the server cannot answer; shows conflicts; keeps refused grades visible', () => {
    expect(classifyFailure(0, 'NETWORK')).toBe('retry');
    expect(classifyFailure(503, 'UNAVAILABLE')).toBe('retry');
    expect(classifyFailure(502, 'INTERNAL')).toBe('retry');
    expect(classifyFailure(429, 'RATE_LIMITED')).toBe('retry');
    expect(classifyFailure(401, 'UNAUTHENTICATED')).toBe('retry');
    expect(classifyFailure(409, 'VERSION_CONFLICT')).toBe('conflict');
    expect(classifyFailure(409, 'LOCKED')).toBe('failed');
    expect(classifyFailure(400, 'VALIDATION')).toBe('failed');
    expect(classifyFailure(403, 'FORBIDDEN')).toBe('failed');
  });
  it('backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffMs(a))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
  it('a conflict whose stored value is my own write (its answer was lost) is a confirmation, not a conflict', () => {
    expect(
      isOwnEcho({ value: '0.8', note: '现场核验', version: 3 }, { value: '0.8', note: '现场核验' }),
    ).toBe(true);
    expect(
      isOwnEcho({ value: '0.8', note: '另一理由', version: 3 }, { value: '0.8', note: '现场核验' }),
    ).toBe(false);
    expect(isOwnEcho({ value: '1', note: '现场核验', version: 3 }, { value: '0.8', note: '现场核验' })).toBe(
      false,
    );
  });
  it('shows every queued grade over the server’s sheet (a reload loses nothing)', () => {
    const server = {
      r1: { value: '1' as const, note: 'a', version: 2 },
      r2: { value: '0' as const, note: 'b', version: 1 },
    };
    const view = overlay(server, [rec('r2', '0.5', 'new'), rec('r3', '0.8', 'x')]);
    expect(view).toEqual({
      r1: { value: '1', note: 'a', version: 2 },
      r2: { value: '0.5', note: 'new', version: 1 },
      r3: { value: '0.8', note: 'x', version: 0 },
    });
    expect(server.r2.value).toBe('0');
  });
});

import { describe, expect, it } from 'vitest';
import { fileSize, isRunning, stepIndex } from './renderStatus';

describe('生成报告 panel: progress and size (issues 11/12)', () => {
  it('queued → rendering → done (or failed) as the three steps; polled until it ends', () => {
    expect(stepIndex({ state: 'queued' })).toBe(0);
    expect(stepIndex({ state: 'rendering' })).toBe(1);
    expect(stepIndex({ state: 'done' })).toBe(2);
    expect(stepIndex({ state: 'failed' })).toBe(2);
    expect(isRunning({ state: 'queued' })).toBe(true);
    expect(isRunning({ state: 'rendering' })).toBe(true);
    expect(isRunning({ state: 'done' })).toBe(false);
    expect(isRunning({ state: 'failed' })).toBe(false);
  });

  it('sizes in B, KB and MB with one decimal', () => {
    expect(fileSize(900)).toBe('900 B');
    expect(fileSize(422_912)).toBe('413.0 KB');
    expect(fileSize(3_355_443)).toBe('3.2 MB');
  });
});

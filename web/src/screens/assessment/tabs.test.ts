import { describe, expect, it } from 'vitest';
import { tabsFor } from './tabs';
import { nextStep } from './nextStep';
import { STAGES } from '@engine/process/types';
import { consensusFilter } from '../consensus/filter';
import { eligibilityComplete, ELIGIBILITY_KEYS } from '../apply/eligibility';
import { stagePercent, MAIN_PATH } from '../../shared/stages';

describe('tabsFor', () => {
  it('shows the enterprise its self-assessment, and results only once communicated', () => {
    expect(tabsFor('enterprise', 'application')).toEqual(['overview', 'self']);
    expect(tabsFor('enterprise', 'scoring')).not.toContain('result');
    expect(tabsFor('enterprise', 'communication')).toEqual(
      expect.arrayContaining(['result', 'contests', 'plans']),
    );
  });
  it('gives the body review only while submitted, and the team screen', () => {
    expect(tabsFor('body', 'submitted')).toContain('review');
    expect(tabsFor('body', 'team_formation')).not.toContain('review');
    expect(tabsFor('body', 'team_formation')).toContain('team');
    expect(tabsFor('body', 'scoring')).not.toContain('score');
  });
  it('gives the leader consensus from the consensus stage, members never', () => {
    expect(tabsFor('leader', 'scoring')).toEqual(expect.arrayContaining(['score', 'evidence', 'plans']));
    expect(tabsFor('leader', 'scoring')).not.toContain('consensus');
    expect(tabsFor('leader', 'consensus')).toContain('consensus');
    expect(tabsFor('member', 'consensus')).not.toContain('consensus');
    expect(tabsFor('observer', 'published')).toEqual(['overview']);
  });
  it('4.5.2 / 4.6.2 / 4.5.3 on-site records: the leader from planning (briefing), the team and the enterprise from collection', () => {
    expect(tabsFor('leader', 'planning')).toContain('onsite');
    expect(tabsFor('member', 'planning')).not.toContain('onsite');
    expect(tabsFor('member', 'evidence_collection')).toContain('onsite');
    expect(tabsFor('enterprise', 'planning')).not.toContain('onsite');
    expect(tabsFor('enterprise', 'scoring')).toContain('onsite');
    expect(tabsFor('body', 'consensus')).toContain('onsite');
  });
  it('hides the stage tabs of a rejected application', () => {
    expect(tabsFor('body', 'rejected')).toEqual(['overview', 'team']);
    expect(tabsFor('leader', 'rejected')).toEqual(['overview', 'plans']);
  });
});

describe('small pure helpers', () => {
  it('consensusFilter', () => {
    const agreed = { disagreement: false, team: null };
    const split = { disagreement: true, team: null };
    expect(consensusFilter(agreed, 'disagreements')).toBe(false);
    expect(consensusFilter(split, 'disagreements')).toBe(true);
    expect(consensusFilter(agreed, 'undecided')).toBe(true);
    expect(consensusFilter(agreed, 'all')).toBe(true);
  });
  it('eligibility needs every declaration of 4.2.1', () => {
    expect(eligibilityComplete([...ELIGIBILITY_KEYS])).toBe(true);
    expect(eligibilityComplete(ELIGIBILITY_KEYS.slice(1))).toBe(false);
  });
  it('stage progress runs 0 → 100 along the main path', () => {
    expect(stagePercent(MAIN_PATH[0]!)).toBe(0);
    expect(stagePercent('published')).toBe(100);
    expect(stagePercent('scoring')).toBeGreaterThan(stagePercent('planning'));
  });
});

describe('下一步 (next step)', () => {
  it('points only to a tab the role sees at that stage, for every role and stage', () => {
    for (const role of ['enterprise', 'body', 'leader', 'member', 'observer'] as const)
      for (const stage of STAGES)
        for (const planToConfirm of [false, true]) {
          const s = nextStep(role, stage, { planToConfirm });
          if (s.tab) expect(tabsFor(role, stage), `${role} ${stage}`).toContain(s.tab);
        }
  });
  it('sends the enterprise to its self-assessment, the body to review, the leader to consensus', () => {
    expect(nextStep('enterprise', 'application')).toEqual({ key: 'next.ent.apply', tab: 'self' });
    expect(nextStep('enterprise', 'planning', { planToConfirm: true }).tab).toBe('plans');
    expect(nextStep('body', 'submitted').tab).toBe('review');
    expect(nextStep('leader', 'consensus').tab).toBe('consensus');
    expect(nextStep('member', 'consensus')).toEqual({ key: 'next.wait' });
    expect(nextStep('body', 'published')).toEqual({ key: 'next.published' });
  });
});

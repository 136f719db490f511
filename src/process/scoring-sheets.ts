/**
 * 4.6.3 评估分析打分: independent expert sheets, their visibility, the spread per requirement, and the
 * completeness of the team's consensus.
 */
import { can } from '../access/can.js';
import type {
  Assessment,
  ConsensusEntry,
  ExpertScore,
  ExpertSheet,
  GradeSheet,
  ProcessActor,
  ProcessError,
  ScoreValue,
  ScoreWrite,
} from './types.js';
import { SCORE_VALUES } from './types.js';
import { assessmentResource, teamMemberIds } from './resource.js';
import { fail, fromTenths, isBlank, isScoreValue, tenths } from './util.js';

export function emptySheet(expertId: string): ExpertSheet {
  return { expertId, scores: {} };
}

export type ScoreWriteResult =
  { ok: true; sheet: ExpertSheet; score: ExpertScore } | { ok: false; error: ProcessError };

/**
 * Write one score on an expert's own sheet, with optimistic concurrency: `expectedVersion` must equal the
 * current version of that requirement's score (0 when not yet scored), else `conflict` — never a silent
 * overwrite. A submitted sheet is `locked`. The value must be a Table 2 score and the rationale non-blank.
 */
export function applyScoreWrite(sheet: ExpertSheet, write: ScoreWrite, now: Date): ScoreWriteResult {
  if (sheet.submittedAt !== undefined) {
    return {
      ok: false,
      error: fail('locked', 'the sheet was submitted and can no longer be changed', 'write'),
    };
  }
  if (isBlank(write.requirementId)) {
    return { ok: false, error: fail('validation', 'a requirement id is required', 'write.requirementId') };
  }
  if (!isScoreValue(write.value)) {
    return {
      ok: false,
      error: fail('validation', `score must be one of ${SCORE_VALUES.join(', ')}`, 'write.value', {
        allowed: [...SCORE_VALUES],
      }),
    };
  }
  if (isBlank(write.rationale)) {
    return { ok: false, error: fail('validation', 'each score needs a rationale', 'write.rationale') };
  }
  const current = sheet.scores[write.requirementId];
  const currentVersion = current?.version ?? 0;
  if (!Number.isInteger(write.expectedVersion) || write.expectedVersion !== currentVersion) {
    return {
      ok: false,
      error: fail(
        'conflict',
        `score for ${write.requirementId} is at version ${currentVersion}, the write expected ${String(write.expectedVersion)}`,
        'write.expectedVersion',
        {
          requirementId: write.requirementId,
          expectedVersion: Number.isFinite(write.expectedVersion) ? write.expectedVersion : null,
          currentVersion,
          current: current === undefined ? null : { ...current },
        },
      ),
    };
  }
  const score: ExpertScore = {
    requirementId: write.requirementId,
    value: write.value,
    rationale: write.rationale.trim(),
    at: now.toISOString(),
    version: currentVersion + 1,
  };
  return { ok: true, score, sheet: { ...sheet, scores: { ...sheet.scores, [write.requirementId]: score } } };
}

export interface Completeness {
  complete: boolean;
  /** In scope, not yet decided / scored. */
  missing: string[];
  /** Decided / scored but not in scope. */
  outOfScope: string[];
}

function completeness(have: Iterable<string>, requirementIds: readonly string[]): Completeness {
  const haveSet = new Set(have);
  const scope = new Set(requirementIds);
  const missing = requirementIds.filter((id) => !haveSet.has(id));
  const outOfScope = [...haveSet].filter((id) => !scope.has(id)).sort();
  return { complete: missing.length === 0 && outOfScope.length === 0, missing, outOfScope };
}

/** Has the expert scored every requirement in scope (and nothing else)? */
export function sheetCompleteness(sheet: ExpertSheet, requirementIds: readonly string[]): Completeness {
  return completeness(Object.keys(sheet.scores), requirementIds);
}

/** Has the team recorded a score for every requirement in scope (and nothing else)? */
export function consensusCompleteness(
  consensus: Record<string, ConsensusEntry>,
  requirementIds: readonly string[],
): Completeness {
  return completeness(Object.keys(consensus), requirementIds);
}

export interface VisibleScores<S = ExpertScore> {
  /** The sheets the viewer may see, the viewer's own first. */
  sheets: GradeSheet<S>[];
  /** Expert ids whose sheets exist but are hidden from the viewer. */
  hidden: string[];
  reason: string;
}

/**
 * Independence of the experts' sheets:
 * - an expert (the leader included) always sees their own sheet, and sees the others' only once they have
 *   submitted their own full set;
 * - the body admin (own body) sees the sheets once every team member has submitted — never during
 *   independent scoring;
 * - the enterprise and the platform admin never see individual sheets (they see the team score only).
 *
 * Decided by who has submitted alone (never by the grades): sheets without their grades give the same answer.
 */
export function visibleScores<S = ExpertScore>(
  a: Pick<Assessment, 'enterpriseOrgId' | 'bodyOrgId' | 'team'> & { sheets: Record<string, GradeSheet<S>> },
  viewer: ProcessActor,
): VisibleScores<S> {
  const resource = assessmentResource(a);
  const members = teamMemberIds(a);
  const all = Object.values(a.sheets);
  const own = a.sheets[viewer.userId];
  const ownVisible =
    own !== undefined && members.includes(viewer.userId) && can(viewer, 'score.write-own', resource);
  const others = all.filter((s) => s.expertId !== viewer.userId);
  const hideAll = (reason: string): VisibleScores<S> => ({
    sheets: ownVisible && own ? [own] : [],
    hidden: others.map((s) => s.expertId),
    reason,
  });
  if (!can(viewer, 'score.read-all', resource)) {
    return hideAll('the viewer may not read the team’s score sheets');
  }
  const onTeam = members.includes(viewer.userId);
  if (onTeam) {
    if (own?.submittedAt === undefined) {
      return hideAll('other experts’ scores are visible once your own full set is submitted');
    }
    return { sheets: [own, ...others], hidden: [], reason: 'your sheet is submitted' };
  }
  const allSubmitted = members.length > 0 && members.every((id) => a.sheets[id]?.submittedAt !== undefined);
  if (!allSubmitted) return hideAll('the sheets are visible once every expert has submitted');
  return { sheets: all, hidden: [], reason: 'every expert has submitted' };
}

export interface SpreadRow {
  requirementId: string;
  scores: { expertId: string; value: ScoreValue }[];
  /** Experts (of those given) without a score for this requirement. */
  missing: string[];
  min?: ScoreValue;
  max?: ScoreValue;
  /** max − min, exact decimal string ("0" when all agree or fewer than two scores). */
  range: string;
  rangeTenths: number;
  /** Distinct values, highest first. */
  distinct: ScoreValue[];
  /** Most frequent value; null on a tie or without scores. */
  mode: ScoreValue | null;
  /** The team score, when recorded. */
  teamValue?: ScoreValue;
  /** Experts whose score differs from the team score (if recorded), else from the mode (if unique). */
  dissenters: string[];
  disagreement: boolean;
}

/** The spread of the experts' scores per requirement, in `requirementIds` order. */
export function scoreSpread(
  sheets: readonly GradeSheet<Pick<ExpertScore, 'value'>>[],
  requirementIds: readonly string[],
  consensus: Record<string, ConsensusEntry> = {},
): SpreadRow[] {
  return requirementIds.map((requirementId) => {
    const scores: { expertId: string; value: ScoreValue }[] = [];
    const missing: string[] = [];
    for (const s of sheets) {
      const v = s.scores[requirementId]?.value;
      if (v === undefined) missing.push(s.expertId);
      else scores.push({ expertId: s.expertId, value: v });
    }
    const counts = new Map<ScoreValue, number>();
    for (const { value } of scores) counts.set(value, (counts.get(value) ?? 0) + 1);
    const distinct = [...counts.keys()].sort((x, y) => tenths(y) - tenths(x));
    const max = distinct[0];
    const min = distinct[distinct.length - 1];
    const rangeTenths = max !== undefined && min !== undefined ? tenths(max) - tenths(min) : 0;
    let mode: ScoreValue | null = null;
    let best = 0;
    let tie = false;
    for (const [v, c] of counts) {
      if (c > best) {
        best = c;
        mode = v;
        tie = false;
      } else if (c === best) tie = true;
    }
    if (tie) mode = null;
    const teamValue = consensus[requirementId]?.value;
    const reference = teamValue ?? mode;
    const dissenters =
      reference === null ? [] : scores.filter((s) => s.value !== reference).map((s) => s.expertId);
    const row: SpreadRow = {
      requirementId,
      scores,
      missing,
      range: fromTenths(rangeTenths),
      rangeTenths,
      distinct,
      mode,
      dissenters,
      disagreement: distinct.length > 1,
    };
    if (min !== undefined) row.min = min;
    if (max !== undefined) row.max = max;
    if (teamValue !== undefined) row.teamValue = teamValue;
    return row;
  });
}

/**
 * Disagreements first: rows with more than one distinct value, widest range first, then most distinct values;
 * then the agreed rows. Otherwise the given order is kept (stable).
 */
export function orderDisagreementsFirst(rows: readonly SpreadRow[]): SpreadRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      if (x.row.disagreement !== y.row.disagreement) return x.row.disagreement ? -1 : 1;
      if (x.row.disagreement) {
        if (x.row.rangeTenths !== y.row.rangeTenths) return y.row.rangeTenths - x.row.rangeTenths;
        if (x.row.distinct.length !== y.row.distinct.length)
          return y.row.distinct.length - x.row.distinct.length;
      }
      return x.i - y.i;
    })
    .map((x) => x.row);
}

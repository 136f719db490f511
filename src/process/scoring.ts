/**
 * 4.6.2 – 4.6.3 as process steps: evidence collection, independent scoring, consensus, freezing the result.
 * The rules on sheets themselves are in `scoring-sheets.ts`.
 */
import type { Effect, Guard } from './context.js';
import { firstOf } from './context.js';
import { briefingProblem } from './briefing.js';
import { groupReviewProblem } from './group-review.js';
import { validateEvidenceItem } from './evidence.js';
import { teamMemberIds } from './resource.js';
import { applyScoreWrite, consensusCompleteness, emptySheet, sheetCompleteness } from './scoring-sheets.js';
import type {
  Assessment,
  ConsensusEntry,
  EvidenceItem,
  ExpertSheet,
  FrozenResult,
  ScoreValue,
} from './types.js';
import { SCORE_VALUES } from './types.js';
import { fail, isBlank, isScoreValue } from './util.js';

// --- evidence collection ------------------------------------------------------------------------------------

export const guardCollect: Guard<'evidence.collect'> = (a, cmd, ctx) => {
  if (a.evidence.some((e) => e.id === cmd.item.id))
    return fail('conflict', `evidence ${cmd.item.id} already exists`, 'item.id');
  const item: EvidenceItem = { ...cmd.item, kind: 'collected', by: ctx.actor.userId };
  return firstOf(
    validateEvidenceItem(item, {
      industry: a.industry,
      isRequirementOf: (_i, id) => ctx.inScope(id),
      now: ctx.now,
      teamMemberIds: teamMemberIds(a),
    }),
  );
};

export const effectCollect: Effect<'evidence.collect'> = (a, cmd, ctx) => ({
  assessment: { ...a, evidence: [...a.evidence, { ...cmd.item, kind: 'collected', by: ctx.actor.userId }] },
  events: [
    {
      type: 'evidence.collected',
      data: {
        evidenceId: cmd.item.id,
        requirementId: cmd.item.requirementId,
        method: cmd.item.method ?? null,
      },
    },
  ],
});

/**
 * Scoring compares the collected evidence with the requirements (4.6.3): some must have been collected; and the
 * formal assessment starts after the leader's briefing of every member (4.5.2, `briefingProblem`).
 */
export const guardOpenScoring: Guard<'scoring.open'> = (a) =>
  firstOf([
    ...(a.evidence.some((e) => e.kind === 'collected')
      ? []
      : [
          fail('validation', 'collect evidence (4.6.2) before scoring', 'evidence', {
            rule: 'scoring.evidence',
          }),
        ]),
    ...[briefingProblem(a)].filter((e) => e !== null),
  ]);

export const effectOpenScoring: Effect<'scoring.open'> = (a) => {
  const sheets: Record<string, ExpertSheet> = {};
  for (const id of teamMemberIds(a)) sheets[id] = a.sheets[id] ?? emptySheet(id);
  return {
    assessment: { ...a, sheets },
    events: [{ type: 'scoring.opened', data: { experts: Object.keys(sheets) } }],
  };
};

// --- independent scoring -----------------------------------------------------------------------------------

export const guardScoreWrite: Guard<'score.write'> = (a, cmd, ctx) => {
  const sheet = a.sheets[ctx.actor.userId];
  if (!sheet) return fail('forbidden', 'only team members score, each on their own sheet', 'write');
  if (!ctx.inScope(cmd.write.requirementId)) {
    return fail(
      'validation',
      `requirement ${cmd.write.requirementId} is not in this assessment's scope`,
      'write.requirementId',
    );
  }
  const r = applyScoreWrite(sheet, cmd.write, ctx.now);
  return r.ok ? null : r.error;
};

export const effectScoreWrite: Effect<'score.write'> = (a, cmd, ctx) => {
  const r = applyScoreWrite(a.sheets[ctx.actor.userId] as ExpertSheet, cmd.write, ctx.now);
  if (!r.ok) throw new Error('guard/effect mismatch');
  return {
    assessment: { ...a, sheets: { ...a.sheets, [ctx.actor.userId]: r.sheet } },
    // The value is deliberately not in the event: events may be shown to people who must not see it yet.
    events: [
      { type: 'score.written', data: { requirementId: r.score.requirementId, version: r.score.version } },
    ],
  };
};

/** An expert submits the full set: every requirement in scope scored. The sheet is then locked. */
export const guardScoreSubmit: Guard<'score.submit'> = (a, _cmd, ctx) => {
  const sheet = a.sheets[ctx.actor.userId];
  if (!sheet) return fail('forbidden', 'only team members submit score sheets', 'sheet');
  if (sheet.submittedAt) return fail('locked', 'the sheet was already submitted', 'sheet');
  const c = sheetCompleteness(sheet, a.requirementIds);
  if (!c.complete) {
    return fail('validation', `${c.missing.length} requirement(s) not scored`, 'sheet', {
      missing: c.missing,
      outOfScope: c.outOfScope,
    });
  }
  return null;
};

export const effectScoreSubmit: Effect<'score.submit'> = (a, _cmd, ctx) => ({
  assessment: {
    ...a,
    sheets: {
      ...a.sheets,
      [ctx.actor.userId]: { ...(a.sheets[ctx.actor.userId] as ExpertSheet), submittedAt: ctx.at },
    },
  },
  events: [{ type: 'score.submitted', data: { expertId: ctx.actor.userId } }],
});

export const guardOpenConsensus: Guard<'consensus.open'> = (a) => {
  const pending = teamMemberIds(a).filter((id) => a.sheets[id]?.submittedAt === undefined);
  return pending.length === 0
    ? null
    : fail('validation', `${pending.length} expert(s) have not submitted their sheet`, 'sheets', { pending });
};

export const effectOpenConsensus: Effect<'consensus.open'> = (a) => ({
  assessment: a,
  events: [{ type: 'consensus.opened', data: {} }],
});

// --- consensus ----------------------------------------------------------------------------------------------

export const guardConsensusRecord: Guard<'consensus.record'> = (a, cmd, ctx) => {
  if (!ctx.inScope(cmd.requirementId)) {
    return fail(
      'validation',
      `requirement ${cmd.requirementId} is not in this assessment's scope`,
      'requirementId',
    );
  }
  if (!isScoreValue(cmd.value)) {
    return fail('validation', `score must be one of ${SCORE_VALUES.join(', ')}`, 'value');
  }
  if (isBlank(cmd.rationale)) return fail('validation', 'the team score needs a rationale', 'rationale');
  const review = groupReviewProblem(a, cmd.requirementId);
  if (review) return review;
  const members = teamMemberIds(a);
  const strangers = Object.keys(cmd.dissentNotes ?? {}).filter((id) => !members.includes(id));
  if (strangers.length > 0) {
    return fail('validation', 'dissent notes must belong to team members', 'dissentNotes', {
      notOnTeam: strangers,
    });
  }
  const currentVersion = a.consensus[cmd.requirementId]?.version ?? 0;
  if (cmd.expectedVersion !== currentVersion) {
    return fail(
      'conflict',
      `team score for ${cmd.requirementId} is at version ${currentVersion}`,
      'expectedVersion',
      {
        expectedVersion: cmd.expectedVersion,
        currentVersion,
      },
    );
  }
  return null;
};

/** Dissent: every expert whose submitted score differs from the team score, with the leader's note if any. */
export function dissentFor(
  a: Assessment,
  requirementId: string,
  teamValue: ScoreValue,
  notes: Record<string, string> = {},
) {
  const out: ConsensusEntry['dissent'] = [];
  for (const id of teamMemberIds(a)) {
    const s = a.sheets[id]?.scores[requirementId];
    if (s !== undefined && s.value !== teamValue) {
      const note = notes[id];
      out.push({ expertId: id, value: s.value, ...(isBlank(note) ? {} : { note: (note as string).trim() }) });
    }
  }
  return out;
}

export const effectConsensusRecord: Effect<'consensus.record'> = (a, cmd, ctx) => {
  const entry: ConsensusEntry = {
    requirementId: cmd.requirementId,
    value: cmd.value,
    rationale: cmd.rationale.trim(),
    dissent: dissentFor(a, cmd.requirementId, cmd.value, cmd.dissentNotes),
    decidedBy: ctx.actor.userId,
    at: ctx.at,
    version: (a.consensus[cmd.requirementId]?.version ?? 0) + 1,
    source: 'consensus',
  };
  return {
    assessment: { ...a, consensus: { ...a.consensus, [cmd.requirementId]: entry } },
    events: [
      {
        type: 'consensus.recorded',
        data: {
          requirementId: cmd.requirementId,
          value: cmd.value,
          dissenters: entry.dissent.map((d) => d.expertId),
        },
      },
    ],
  };
};

// --- result -------------------------------------------------------------------------------------------------

/** Freeze the engine's result: consensus complete, computed with the assessment's model version. */
export const guardFreeze: Guard<'result.freeze'> = (a, cmd) => {
  const c = consensusCompleteness(a.consensus, a.requirementIds);
  if (!c.complete) {
    return fail('validation', `${c.missing.length} requirement(s) without a team score`, 'consensus', {
      missing: c.missing,
      outOfScope: c.outOfScope,
    });
  }
  if (cmd.modelId !== a.modelId) {
    return fail(
      'conflict',
      `the result was computed with model ${cmd.modelId}, the assessment uses ${a.modelId}`,
      'modelId',
    );
  }
  if (cmd.result === undefined) return fail('validation', 'the result is missing', 'result');
  return null;
};

export const effectFreeze: Effect<'result.freeze'> = (a, cmd, ctx) => {
  const teamScores: Record<string, ScoreValue> = {};
  for (const id of a.requirementIds) teamScores[id] = (a.consensus[id] as ConsensusEntry).value;
  const result: FrozenResult = {
    revision: a.resultHistory.length + 1,
    value: structuredClone(cmd.result),
    modelId: a.modelId,
    teamScores,
    frozenAt: ctx.at,
    frozenBy: ctx.actor.userId,
    cause: 'consensus',
  };
  return {
    assessment: { ...a, result, resultHistory: [...a.resultHistory, result] },
    events: [{ type: 'result.frozen', data: { revision: result.revision, modelId: a.modelId } }],
  };
};

/** Scores: the enterprise's self-assessment, the expert's own sheet (the hot path), consensus. */
import type { FastifyInstance } from 'fastify';
import { getConsensus, recordConsensus, recordConsensusBatch } from '../../service/consensus.js';
import type { ServiceContext } from '../../service/context.js';
import {
  getOwnSheet,
  getSelfSheet,
  removeSelf,
  writeOwnScore,
  writeOwnScores,
  writeSelf,
} from '../../service/scores.js';
import { callerOf, onAssessment } from '../context.js';
import { route } from '../route.js';

const OK = { ok: true as const };

export function registerScoreRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const read = onAssessment('assessment.read');
  route(app, 'GET /api/assessments/:id/self-scores', read, async (r) =>
    getSelfSheet(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PUT /api/assessments/:id/self-scores/:requirementId', read, async (r) =>
    writeSelf(ctx, callerOf(r), r.params.id, r.params.requirementId, r.body),
  );
  route(app, 'DELETE /api/assessments/:id/self-scores/:requirementId', read, async (r) => {
    await removeSelf(ctx, callerOf(r), r.params.id, r.params.requirementId, r.query.expectedVersion);
    return OK;
  });

  const own = onAssessment('score.write-own');
  route(app, 'GET /api/assessments/:id/scores/mine', own, async (r) =>
    getOwnSheet(ctx, callerOf(r), r.params.id),
  );
  route(app, 'PUT /api/assessments/:id/scores/mine/:requirementId', own, async (r) =>
    writeOwnScore(ctx, callerOf(r), r.params.id, r.params.requirementId, r.body),
  );
  route(app, 'PUT /api/assessments/:id/scores/mine', own, async (r) =>
    writeOwnScores(ctx, callerOf(r), r.params.id, r.body),
  );

  route(app, 'GET /api/assessments/:id/consensus', onAssessment('score.read-all'), async (r) =>
    getConsensus(ctx, callerOf(r), r.params.id),
  );
  route(
    app,
    'PUT /api/assessments/:id/consensus/:requirementId',
    onAssessment('consensus.write'),
    async (r) => recordConsensus(ctx, callerOf(r), r.params.id, r.params.requirementId, r.body),
  );
  route(app, 'PUT /api/assessments/:id/consensus', onAssessment('consensus.write'), async (r) => {
    await recordConsensusBatch(ctx, callerOf(r), r.params.id, r.body);
    return OK;
  });
}

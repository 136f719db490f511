/**
 * Benchmarking (对标): a published result against its peers — the newest published results of other enterprises
 * of the same industry and model version (and, where recorded, the same sub-sector / size). A group is shown only
 * when it holds at least k other enterprises (k: results-policy.json); then the percentile of the total and the
 * quartiles of the total and of each domain — never a peer's name, never an exact count (a range instead).
 */
import type { Benchmark, BenchmarkGroup } from '../contract/comparison.js';
import { loadResultsPolicy } from '../model/results-policy.js';
import { profileLabel } from '../model/profile.js';
import { INDUSTRY_NAMES_ZH } from '../model/types.js';
import { canSeeTeamResult } from '../process/visibility.js';
import {
  getPublishedResult,
  peerQuartiles,
  publishedScores,
  peerStanding,
  type PeerGroup,
  type PublishedResultRow,
} from '../store/repos/published.js';
import type { Db } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { modelDirOf, modelOrNotFound } from './engine.js';
import { forbidden, ServiceError } from './errors.js';
import { microDisplay } from './figures.js';
import { Rational } from '../exact/rational.js';
import { bandBounds, formatTotal } from '../planning/format.js';

/** The group's size as a range that never singles out one peer. */
export function peerRange(n: number, k: number): string {
  const edges = [k, 10, 20, 50, 100, 200, 500];
  for (let i = 0; i < edges.length - 1; i++) if (n < edges[i + 1]!) return `${edges[i]}–${edges[i + 1]! - 1}`;
  return `${edges.at(-1)}+`;
}

async function group(
  db: Db,
  own: PublishedResultRow,
  dimension: BenchmarkGroup['dimension'],
  value: string,
  g: PeerGroup,
  k: number,
  domainNames: Map<string, string>,
  ownDomains: Map<string, number>,
  totalDisplay: (micro: number) => string,
): Promise<BenchmarkGroup> {
  const standing = await peerStanding(db, g, own.total_micro);
  if (standing.n < k) return { dimension, value, available: false };
  const [t] = await peerQuartiles(db, g, 'total');
  const domains = await peerQuartiles(db, g, 'domain');
  return {
    dimension,
    value,
    available: true,
    peers: peerRange(standing.n, k),
    percentile: Math.round(((standing.below + standing.equal / 2) / standing.n) * 100),
    total: {
      q1: totalDisplay(t?.q1 ?? 0),
      median: totalDisplay(t?.median ?? 0),
      q3: totalDisplay(t?.q3 ?? 0),
    },
    domains: [...domainNames.keys()]
      .map((key) => domains.find((d) => d.key === key))
      .filter((d): d is NonNullable<typeof d> => d !== undefined)
      .map((d) => ({
        id: d.key,
        name: domainNames.get(d.key)!,
        own: microDisplay(ownDomains.get(d.key) ?? 0),
        q1: microDisplay(d.q1),
        median: microDisplay(d.median),
        q3: microDisplay(d.q3),
      })),
  };
}

export async function getBenchmark(ctx: ServiceContext, caller: Caller, id: string): Promise<Benchmark> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the result is not communicated yet', { rule: 'result_not_communicated' });
  const own = a.stage === 'published' ? await getPublishedResult(ctx.db, id) : undefined;
  if (!own)
    throw new ServiceError('INVALID_TRANSITION', `benchmarks compare published results (stage ${a.stage})`, {
      params: { stage: a.stage, rule: 'not_published' },
    });
  const k = loadResultsPolicy(a.modelId, modelDirOf(a.modelId)).benchmarkMinPeers;
  const model = modelOrNotFound(a.modelId);
  const domainNames = new Map(model.domains.map((d) => [d.id, d.name]));
  const ownDomains = await publishedScores(ctx.db, id, 'domain');
  const totalDisplay = (m: number) =>
    formatTotal(Rational.of(Math.round(m), 1_000_000), 2, bandBounds(model.levels));
  const base: PeerGroup = {
    industry: own.industry,
    modelId: own.model_id,
    excludeEnterpriseId: own.enterprise_id,
  };
  const groups = [
    await group(
      ctx.db,
      own,
      'industry',
      INDUSTRY_NAMES_ZH[a.industry],
      base,
      k,
      domainNames,
      ownDomains,
      totalDisplay,
    ),
  ];
  if (own.sub_sector !== null)
    groups.push(
      await group(
        ctx.db,
        own,
        'subSector',
        profileLabel('subSector', own.sub_sector),
        { ...base, subSector: own.sub_sector },
        k,
        domainNames,
        ownDomains,
        totalDisplay,
      ),
    );
  if (own.size !== null)
    groups.push(
      await group(
        ctx.db,
        own,
        'size',
        profileLabel('size', own.size),
        { ...base, size: own.size },
        k,
        domainNames,
        ownDomains,
        totalDisplay,
      ),
    );
  return { k, modelId: a.modelId, total: totalDisplay(own.total_micro), groups };
}

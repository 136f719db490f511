/**
 * Results over time and across enterprises (issue 14): the figures behind them. `dtma model diff` of the two
 * model versions; the certificate PDF (direct writer, warm); the benchmark and analytics queries over 2,000
 * published results (1,000 enterprises × 2 years, 8 domains and ~30 units each) on SQLite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffModels } from '../src/model/diff.js';
import { loadModel } from '../src/model/load.js';
import { certificatePdf } from '../src/reports/certificate-pdf.js';
import { seededRng } from '../src/scoring/index.js';
import { openDatabase } from '../src/store/db.js';
import {
  levelsByIndustry,
  meanScores,
  peerQuartiles,
  peerStanding,
  savePublishedResult,
  trendByYear,
} from '../src/store/repos/published.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(n: number, fn: () => unknown): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

export async function benchResults(): Promise<void> {
  console.log('\n== results over time (issue 14)');
  const a = loadModel('nfm-dtmm-2024-draft');
  const b = loadModel(
    'nfm-dtmm-2025-test',
    fileURLToPath(new URL('../src/testing/fixtures/models/', import.meta.url)),
  );
  console.log(
    `model diff 2024-draft → 2025-test: ${(await timeIt(5, () => diffModels(a, b))).toFixed(1)} ms (median of 5)`,
  );
  console.log(
    `model diff of a version with itself: ${(await timeIt(5, () => diffModels(a, a))).toFixed(1)} ms`,
  );

  const cert = {
    number: 'DTMA-ZS-2026-000001',
    enterprise: '江西某铜矿业有限公司',
    industry: 'mining' as const,
    conclusion: '四级 平台级',
    total: '4.06',
    modelId: a.meta.id,
    modelTitle: a.meta.title,
    body: '中国有色金属工业数字化评估中心（示例）',
    issuedOn: '2026-11-26',
    validUntil: '2029-11-25',
    code: 'PGCT37PB891BY37YR76E3XK1G9',
    verifyUrl: 'https://dtma.example.org/verify/PGCT37PB891BY37YR76E3XK1G9',
  };
  const t0 = performance.now();
  const first = await certificatePdf(cert);
  console.log(
    `certificate PDF: first ${(performance.now() - t0).toFixed(0)} ms (fonts read), ${first.length} bytes`,
  );
  console.log(
    `certificate PDF: warm ${(await timeIt(5, () => certificatePdf(cert))).toFixed(0)} ms (median of 5)`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-bench-results-'));
  const h = await openDatabase({ url: path.join(dir, 'b.sqlite'), migrate: true });
  try {
    const db = h.db;
    const rng = seededRng(14);
    const now = '2026-01-01T00:00:00.000Z';
    const body = 'body-1';
    await db
      .insertInto('organisations')
      .values({
        id: body,
        kind: 'body',
        name: 'b',
        credit_code: null,
        industry: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const units = Array.from({ length: 30 }, (_, i) => `unit-${i}`);
    const domains = a.domains.map((d) => d.id);
    const industries = ['mining', 'smelting', 'processing'];
    const N = 1000;
    const tLoad = performance.now();
    for (let e = 0; e < N; e++) {
      const ent = `ent-${e}`;
      const industry = industries[e % 3]!;
      await db
        .insertInto('organisations')
        .values({
          id: ent,
          kind: 'enterprise',
          name: ent,
          credit_code: null,
          industry,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const year of [2025, 2026]) {
        const id = `a-${e}-${year}`;
        await db
          .insertInto('assessments')
          .values({
            id,
            enterprise_id: ent,
            body_id: body,
            industry,
            model_id: a.meta.id,
            stage: 'published',
            version: 1,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const total = Math.floor(rng() * 5_000_000);
        await db.transaction().execute((trx) =>
          savePublishedResult(
            trx,
            {
              assessment_id: id,
              enterprise_id: ent,
              body_id: body,
              industry,
              model_id: a.meta.id,
              sub_sector: null,
              size: null,
              sealed_at: `${year}-06-01T00:00:00.000Z`,
              year,
              seal_hash: id,
              total_micro: total,
              level: Math.floor(total / 1_000_000),
              valid_until: '2029-01-01',
              reassessment_due: '2028-10-01',
            },
            [
              { kind: 'total', key: 'total', scoreMicro: total },
              ...domains.map((key) => ({
                kind: 'domain' as const,
                key,
                scoreMicro: Math.floor(rng() * 5_000_000),
              })),
              ...units.map((key) => ({
                kind: 'unit' as const,
                key,
                scoreMicro: Math.floor(rng() * 5_000_000),
              })),
            ],
          ),
        );
      }
    }
    console.log(
      `loaded ${2 * N} published results (${2 * N * (1 + domains.length + units.length)} scores) in ${((performance.now() - tLoad) / 1000).toFixed(1)} s`,
    );
    const g = { industry: 'mining', modelId: a.meta.id, excludeEnterpriseId: 'ent-0' };
    console.log(
      `benchmark: standing of a total among ~${Math.round(N / 3)} peers ${(await timeIt(9, () => peerStanding(db, g, 2_500_000))).toFixed(1)} ms, total quartiles ${(await timeIt(9, () => peerQuartiles(db, g, 'total'))).toFixed(1)} ms, domain quartiles ${(await timeIt(9, () => peerQuartiles(db, g, 'domain'))).toFixed(1)} ms (medians of 9)`,
    );
    const f = { bodyId: body };
    console.log(
      `analytics over ${2 * N} results: levels by industry ${(await timeIt(9, () => levelsByIndustry(db, f))).toFixed(1)} ms, domain means ${(await timeIt(9, () => meanScores(db, f, 'domain'))).toFixed(1)} ms, unit means ${(await timeIt(9, () => meanScores(db, f, 'unit'))).toFixed(1)} ms, trend ${(await timeIt(9, () => trendByYear(db, f))).toFixed(1)} ms`,
    );
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `dtma model list` and `dtma model show`: the model versions, and the effective model of an industry. */
import { effectiveModel, type EffectiveModel } from '../../model/effective.js';
import { listModels, loadModel } from '../../model/load.js';
import { INDUSTRY_NAMES_ZH, LEVEL_CODES, type IndustryId } from '../../model/types.js';
import { policyOverrides, type PolicyFlags } from '../policy-options.js';
import { renderTable } from '../text-table.js';

export function modelList(options: { json?: boolean }): string {
  const models = listModels();
  if (options.json) return JSON.stringify(models, null, 2);
  return renderTable(
    ['id', '标题 title', '状态 status', 'source'],
    models.map((m) => [
      m.id,
      m.title,
      m.status,
      `${m.source.file} (sha256 ${m.source.sha256.slice(0, 12)}…)`,
    ]),
  );
}

export interface ModelShowOptions extends PolicyFlags {
  model: string;
  industry?: IndustryId;
  json?: boolean;
}

export function modelShow(options: ModelShowOptions): string {
  const model = loadModel(options.model);
  if (!options.industry) {
    if (options.json) return JSON.stringify(model, null, 2);
    const rows = model.domains.flatMap((d) =>
      d.subdomains.map((s) => [
        d.name,
        s.name,
        s.id,
        s.type === 'common' ? '基础共性' : '行业特性',
        `${s.weightPercent}%`,
      ]),
    );
    const counts = [model.common, ...Object.values(model.industries)].map(
      (t) =>
        `${t.id}: ${t.rows.length} rows, ${t.rows.reduce((n, r) => n + LEVEL_CODES.reduce((m, l) => m + r.levels[l].length, 0), 0)} requirements`,
    );
    return [
      `${model.meta.title} (${model.meta.id}, ${model.meta.status})`,
      '',
      'Table 1 — 评估指标关系对照表',
      renderTable(['能力域', '能力子域', 'id', '指标类型', '权重'], rows),
      '',
      'Appendix tables: ' + counts.join('; '),
      '',
      'Use --industry mining|smelting|processing for the effective model of an industry.',
    ].join('\n');
  }
  const eff = effectiveModel(model, options.industry, policyOverrides(options));
  if (options.json) return JSON.stringify(effectiveModelJson(eff), null, 2);
  const out: string[] = [
    `${model.meta.title} — ${INDUSTRY_NAMES_ZH[eff.industry]} (${eff.industry}), model ${eff.modelId}`,
    `policy: rescaling ${eff.policy.weightRescaling}, level met when score ${eff.policy.levelMetComparison === 'at-least' ? '≥' : '>'} ${eff.policy.levelMetThreshold}, gating ${eff.policy.gating ? 'on' : 'off'}`,
  ];
  if (eff.dropped.length) {
    out.push(
      `dropped (not in this industry's table): ${eff.dropped.map((d) => `${d.name} ${d.id} ${d.weightPercent}%`).join(', ')} — ${eff.rescaling.note}`,
    );
  }
  out.push('');
  out.push(
    renderTable(
      ['能力域', 'α', '能力子域', 'id', 'β', '权重', 'S1', 'S2', 'S3', 'S4', 'S5'],
      eff.domains.flatMap((d) =>
        d.units.map((u) => [
          d.name,
          d.alpha.toDecimalString(4),
          u.name,
          u.id,
          u.beta.toDecimalString(4),
          `${u.weight.toDecimalString(2)}%`,
          ...LEVEL_CODES.map((l) => String(u.levels[l].requirements.length)),
        ]),
      ),
    ),
  );
  for (const d of eff.domains) {
    for (const u of d.units) {
      out.push('', `■ ${d.name} / ${u.name}  [${u.id}]`);
      for (const l of LEVEL_CODES) {
        for (const r of u.levels[l].requirements) {
          out.push(`  ${r.id}  ${r.text}`);
          for (const e of r.examples) out.push(`      示例：${e}`);
        }
      }
    }
  }
  return out.join('\n');
}

/** The effective model as plain JSON (rationals serialise as exact fraction strings, see Rational.toJSON). */
export function effectiveModelJson(eff: EffectiveModel): unknown {
  return JSON.parse(JSON.stringify(eff)) as unknown;
}

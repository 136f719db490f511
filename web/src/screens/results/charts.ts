/** ECharts options built from the engine's result (pure). */
import type { EChartsCoreOption } from 'echarts/core';
import type { ScoreResult } from '../../engine/live';

const val = (x: { num: number; den: number } | null): number => (x ? x.num / x.den : 0);

/** Σ over levels of B(domain, level): the domain's cumulative score, 0..5. */
export function domainTotals(r: ScoreResult): { id: string; name: string; value: number }[] {
  return r.domains.map((d) => ({
    id: d.id,
    name: d.name,
    value: Object.values(d.levels).reduce((a, x) => a + val(x), 0),
  }));
}

/**
 * The radar's scale: from half a point below the lowest domain (down to 0) to half a point above the highest
 * (up to 5), on half points — so 3.6 and 3.8 lie visibly apart instead of on a 0–5 scale.
 */
export function radarScale(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 5 };
  const lo = Math.max(0, Math.floor((Math.min(...values) - 0.5) * 2) / 2);
  const hi = Math.min(5, Math.ceil((Math.max(...values) + 0.5) * 2) / 2);
  return hi - lo < 1 ? { min: Math.max(0, hi - 1), max: Math.max(hi, 1) } : { min: lo, max: hi };
}

export function radarOption(
  r: ScoreResult,
  names: (id: string, zh: string) => string,
  seriesName: string,
): EChartsCoreOption {
  const totals = domainTotals(r);
  const { min, max } = radarScale(totals.map((d) => d.value));
  return {
    tooltip: { trigger: 'item' },
    radar: {
      indicator: totals.map((d) => ({ name: names(d.id, d.name), min, max })),
      radius: '62%',
      splitNumber: Math.round((max - min) * 2) || 1,
      axisName: { color: '#262626' },
      // The rings' values are told once under the chart (on every spoke they would cover each other).
      axisLabel: { show: false },
    },
    series: [
      {
        type: 'radar',
        name: seriesName,
        label: { show: true, formatter: (p: { value: number }) => p.value.toFixed(2), color: '#1f5fa8' },
        data: [
          {
            value: totals.map((d) => Number(d.value.toFixed(3))),
            name: seriesName,
            areaStyle: { opacity: 0.2 },
          },
        ],
      },
    ],
  };
}

export function levelBarOption(r: ScoreResult, threshold: number, thresholdLabel: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 60, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: r.levels.map((l) => l.level) },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: [
      {
        type: 'bar',
        barWidth: '45%',
        data: r.levels.map((l) => ({
          value: Number((l.score.num / l.score.den).toFixed(4)),
          itemStyle: { color: l.met ? '#389e0d' : '#d48806' },
          label: { show: true, position: 'top', formatter: l.score.display },
        })),
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#cf1322', type: 'dashed' },
          label: { formatter: `${thresholdLabel} ${threshold}`, position: 'end' },
          data: [{ yAxis: threshold }],
        },
      },
    ],
  };
}

export function heatmapOption(r: ScoreResult): EChartsCoreOption {
  const levels = ['S1', 'S2', 'S3', 'S4', 'S5'] as const;
  const data: [number, number, number | '-'][] = [];
  r.units.forEach((u, y) => {
    levels.forEach((l, x) => {
      const c = u.levels[l];
      data.push([x, y, c ? Number((c.num / c.den).toFixed(3)) : '-']);
    });
  });
  return {
    tooltip: { position: 'top' },
    // The legend sits above the grid on the right: it never covers the axis labels.
    grid: { left: 170, right: 20, top: 44, bottom: 30 },
    xAxis: { type: 'category', data: [...levels], splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: r.units.map((u) => u.name),
      inverse: true,
      axisLabel: { width: 160, overflow: 'truncate', fontSize: 11 },
    },
    visualMap: {
      min: 0,
      max: 1,
      calculable: true,
      orient: 'horizontal',
      right: 10,
      top: 0,
      itemHeight: 120,
      itemWidth: 12,
      inRange: { color: ['#fff1f0', '#ffe58f', '#95de64', '#237804'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          fontSize: 10,
          formatter: (p: { value: [number, number, number | '-'] }) => String(p.value[2]),
        },
      },
    ],
  };
}

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

export function radarOption(
  r: ScoreResult,
  names: (id: string, zh: string) => string,
  seriesName: string,
): EChartsCoreOption {
  const totals = domainTotals(r);
  return {
    tooltip: { trigger: 'item' },
    radar: {
      indicator: totals.map((d) => ({ name: names(d.id, d.name), max: 5 })),
      radius: '65%',
      axisName: { color: '#333' },
    },
    series: [
      {
        type: 'radar',
        name: seriesName,
        data: [
          {
            value: totals.map((d) => Number(d.value.toFixed(3))),
            name: seriesName,
            areaStyle: { opacity: 0.25 },
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
    grid: { left: 170, right: 20, top: 10, bottom: 60 },
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
      left: 'center',
      bottom: 0,
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

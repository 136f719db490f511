/** ECharts options of results over time, benchmarks and the body's analytics (pure; values are display strings). */
import type { EChartsCoreOption } from 'echarts/core';
import type { Analytics, Benchmark, Comparison } from '@engine/contract/index';

const num = (s: string) => Number(s);
export const UP = '#389e0d';
export const DOWN = '#cf1322';

/** Totals of the results over time, one bar each, labelled with the date. */
export function totalsOption(c: Comparison, label: (at: string) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 20, top: 24, bottom: 30 },
    xAxis: { type: 'category', data: c.results.map((r) => label(r.at)) },
    yAxis: { type: 'value', min: 0, max: 5, interval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 56,
        data: c.results.map((r, i) => ({
          value: num(r.total),
          itemStyle: { color: i === c.results.length - 1 ? '#1f5fa8' : '#8fb3e8' },
          label: { show: true, position: 'top', formatter: `${r.total}\n${r.conclusion}` },
        })),
      },
    ],
  };
}

/** Domain scores before and after, side by side. */
export function domainsOption(
  c: Comparison,
  names: { before: string; after: string },
  domainName: (id: string, zh: string) => string,
): EChartsCoreOption {
  const d = c.delta!;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 60 },
    xAxis: {
      type: 'category',
      data: d.domains.map((x) => domainName(x.id, x.name)),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value', min: 0, max: 5 },
    series: [
      {
        type: 'bar',
        name: names.before,
        data: d.domains.map((x) => num(x.before)),
        itemStyle: { color: '#bfbfbf' },
      },
      {
        type: 'bar',
        name: names.after,
        data: d.domains.map((x) => num(x.after)),
        itemStyle: { color: '#1f5fa8' },
      },
    ],
  };
}

/**
 * The peers' interquartile range per domain as a floating bar (q1 → q3), the median as a tick, this enterprise as
 * a dot.
 */
export function benchmarkOption(
  g: Benchmark['groups'][number],
  labels: { own: string; median: string; iqr: string },
  domainName: (id: string, zh: string) => string,
): EChartsCoreOption {
  const ds = g.domains ?? [];
  const names = ds.map((d) => domainName(d.id, d.name));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.iqr, labels.median, labels.own] },
    grid: { left: 100, right: 20, top: 30, bottom: 20 },
    yAxis: { type: 'category', data: names, inverse: true },
    xAxis: { type: 'value', min: 0, max: 5 },
    series: [
      {
        type: 'bar',
        stack: 'q',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: ds.map((d) => num(d.q1)),
        tooltip: { show: false },
      },
      {
        type: 'bar',
        stack: 'q',
        name: labels.iqr,
        barWidth: 14,
        itemStyle: { color: '#d6e4ff' },
        data: ds.map((d) => num(d.q3) - num(d.q1)),
      },
      {
        type: 'scatter',
        name: labels.median,
        symbol: 'rect',
        symbolSize: [3, 18],
        itemStyle: { color: '#595959' },
        data: ds.map((d, i) => [num(d.median), names[i]]),
      },
      {
        type: 'scatter',
        name: labels.own,
        symbolSize: 12,
        itemStyle: { color: '#d4380d' },
        data: ds.map((d, i) => [num(d.own), names[i]]),
      },
    ],
  };
}

export const LEVEL_COLOURS = ['#bfbfbf', '#ffd666', '#95de64', '#5cdbd3', '#597ef7', '#9254de'];

/** Results per level, stacked per industry. */
export function levelsOption(
  a: Analytics,
  industryName: (i: string) => string,
  levelName: (l: number) => string,
): EChartsCoreOption {
  const inds = [...new Set(a.levelsByIndustry.map((r) => r.industry))];
  const levels = [...new Set(a.levelsByIndustry.map((r) => r.level))].sort((x, y) => x - y);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: inds.map(industryName) },
    yAxis: { type: 'value', minInterval: 1 },
    series: levels.map((l) => ({
      type: 'bar',
      stack: 'n',
      name: levelName(l),
      barMaxWidth: 64,
      itemStyle: { color: LEVEL_COLOURS[l] },
      label: { show: true },
      data: inds.map((i) => a.levelsByIndustry.find((r) => r.industry === i && r.level === l)?.n ?? 0),
    })),
  };
}

/** Mean domain scores over all industries. */
export function domainMeansOption(
  a: Analytics,
  domainName: (id: string, zh: string) => string,
): EChartsCoreOption {
  const all = a.domainMeans.filter((d) => d.industry === 'all');
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 100, right: 40, top: 10, bottom: 20 },
    yAxis: { type: 'category', data: all.map((d) => domainName(d.id, d.name)), inverse: true },
    xAxis: { type: 'value', min: 0, max: 5 },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        itemStyle: { color: '#1f5fa8' },
        label: { show: true, position: 'right' },
        data: all.map((d) => num(d.mean)),
      },
    ],
  };
}

/** Results and mean total per year. */
export function trendOption(a: Analytics, names: { n: string; mean: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: a.trend.map((t) => String(t.year)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 5, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: names.n,
        barMaxWidth: 48,
        itemStyle: { color: '#8fb3e8' },
        data: a.trend.map((t) => t.n),
      },
      {
        type: 'line',
        name: names.mean,
        yAxisIndex: 1,
        itemStyle: { color: '#9e1b1b' },
        label: { show: true },
        data: a.trend.map((t) => num(t.meanTotal)),
      },
    ],
  };
}

/**
 * What the body's analytics exports print (the same shape as the contract's `Analytics`, declared here because
 * reports/ does not import the contract), and the charts of it.
 */
import * as chartsRuntime from 'echarts/charts.js';
import * as componentsRuntime from 'echarts/components.js';
import * as coreRuntime from 'echarts/core.js';
import { INDUSTRY_NAMES_ZH, type IndustryId } from '../model/types.js';
import { renderChart, type ChartImage } from './charts.js';

export interface AnalyticsData {
  bodyName: string;
  years: number[];
  year?: number;
  industry?: IndustryId;
  results: number;
  levelsByIndustry: { industry: IndustryId; level: number; n: number }[];
  domainMeans: { id: string; name: string; industry: IndustryId | 'all'; mean: string; n: number }[];
  weakestUnits: { id: string; name: string; mean: string; n: number }[];
  trend: { year: number; n: number; meanTotal: string; levels: { level: number; n: number }[] }[];
}

export const LEVEL_NAMES_ZH = ['未达一级', '一级', '二级', '三级', '四级', '五级'] as const;
const LEVEL_COLOURS = ['#bfbfbf', '#ffd666', '#95de64', '#5cdbd3', '#597ef7', '#9254de'];

// Stacked bars need the legend (charts.ts registers the others).
(coreRuntime as unknown as { use: (x: unknown[]) => void }).use([
  (componentsRuntime as Record<string, unknown>).LegendComponent,
  (chartsRuntime as Record<string, unknown>).LineChart,
]);

export function industries(d: AnalyticsData): IndustryId[] {
  return [...new Set(d.levelsByIndustry.map((r) => r.industry))];
}

/** Results per conclusion level, stacked per industry. */
export function levelsChart(d: AnalyticsData): ChartImage {
  const inds = industries(d);
  const levels = [...new Set(d.levelsByIndustry.map((r) => r.level))].sort((a, b) => a - b);
  return renderChart(
    {
      title: { text: '各行业成熟度等级分布', left: 'center', textStyle: { fontSize: 15 } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: inds.map((i) => INDUSTRY_NAMES_ZH[i]) },
      yAxis: { type: 'value', minInterval: 1, name: '家数' },
      series: levels.map((l) => ({
        type: 'bar',
        stack: 'n',
        name: LEVEL_NAMES_ZH[l],
        itemStyle: { color: LEVEL_COLOURS[l] },
        label: { show: true },
        data: inds.map((i) => d.levelsByIndustry.find((r) => r.industry === i && r.level === l)?.n ?? 0),
      })),
    },
    640,
    360,
  );
}

/** Mean domain scores (0–5) over all industries. */
export function domainChart(d: AnalyticsData): ChartImage {
  const all = d.domainMeans.filter((m) => m.industry === 'all');
  return renderChart(
    {
      title: { text: '能力域平均得分（0–5）', left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 110, right: 40, top: 40, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 5 },
      yAxis: { type: 'category', data: all.map((m) => m.name), inverse: true },
      series: [
        {
          type: 'bar',
          data: all.map((m) => Number(m.mean)),
          itemStyle: { color: '#2f5597' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => all[p.dataIndex]!.mean,
          },
        },
      ],
    },
    640,
    Math.max(220, 60 + all.length * 34),
  );
}

/** Results and mean total per year. */
export function trendChart(d: AnalyticsData): ChartImage {
  return renderChart(
    {
      title: { text: '年度趋势', left: 'center', textStyle: { fontSize: 15 } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: d.trend.map((t) => String(t.year)) },
      yAxis: [
        { type: 'value', name: '家数', minInterval: 1 },
        { type: 'value', name: '平均总分', min: 0, max: 5 },
      ],
      series: [
        { type: 'bar', name: '发布结果数', data: d.trend.map((t) => t.n), itemStyle: { color: '#8fb3e8' } },
        {
          type: 'line',
          name: '平均总分',
          yAxisIndex: 1,
          data: d.trend.map((t) => Number(t.meanTotal)),
          itemStyle: { color: '#9e1b1b' },
          label: { show: true, formatter: (p: { dataIndex: number }) => d.trend[p.dataIndex]!.meanTotal },
        },
      ],
    },
    640,
    340,
  );
}

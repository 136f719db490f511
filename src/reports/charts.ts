/**
 * Charts of a scoring result, rendered server-side: ECharts → SVG string (`ssr: true`) → text as glyph outlines
 * (chart-text.ts: Noto Sans CJK SC from fonts-noto-cjk, opened once per process) → PNG with resvg (no fonts).
 *
 * - radar of the domains: Σ over S1..S5 of the domain's level score B (0–5 axis, the domain's analogue of
 *   the total without the "met counts 1" rule);
 * - bar of the five level scores with the threshold line (0.8), bars of met levels in a darker colour;
 * - heatmap of the scoring units × levels (C, 0–1).
 *
 * Chart values are binary floats from the exact results (display only, never compared).
 */
import { Resvg } from '@resvg/resvg-js';
// The package's .d.ts files use extensionless relative imports, which NodeNext resolution cannot follow from
// the sub-paths: the runtime comes from the tree-shakable sub-paths, the types from the main entry.
import * as chartsRuntime from 'echarts/charts.js';
import * as componentsRuntime from 'echarts/components.js';
import * as coreRuntime from 'echarts/core.js';
import * as renderersRuntime from 'echarts/renderers.js';
import { LEVEL_CODES } from '../model/types.js';
import type { Exact, ScoreResult } from '../scoring/index.js';
import { outlineTexts } from './chart-text.js';
import type { ReportData } from './report-data.js';

type EChartsTypes = typeof import('echarts');

type EChartsCoreOption = Parameters<ReturnType<EChartsTypes['init']>['setOption']>[0];
const ec = coreRuntime as unknown as EChartsTypes;
type Extension = Parameters<typeof ec.use>[0];
const pick = (mod: object, names: string[]): Extension[] =>
  names.map((n) => {
    const x = (mod as Record<string, unknown>)[n];
    if (!x) throw new Error(`echarts: ${n} not found`);
    return x as Extension;
  });
ec.use([
  ...pick(chartsRuntime, ['BarChart', 'HeatmapChart', 'RadarChart']),
  ...pick(componentsRuntime, [
    'GridComponent',
    'MarkLineComponent',
    'RadarComponent',
    'TitleComponent',
    'VisualMapComponent',
  ]),
  ...pick(renderersRuntime, ['SVGRenderer']),
]);

export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';

export interface ChartImage {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** What the charts show (numbers for display only). */
export type ChartData = ReportData['charts'];

function render(option: EChartsCoreOption, width: number, height: number, scale = 2): ChartImage {
  const chart = ec.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FONT_FAMILY }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(outlineTexts(svg), {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'width', value: width * scale },
    background: '#ffffff',
  })
    .render()
    .asPng();
  return { svg, png: Buffer.from(png), width, height };
}

/** Radar of the domains (Σ_L B_{d,L}, 0–5). */
export function domainRadar(data: ChartData, width = 640, height = 440): ChartImage {
  return render(
    {
      radar: {
        indicator: data.radar.map((d) => ({ name: d.name, max: 5 })),
        radius: '66%',
        center: ['50%', '52%'],
        axisName: { color: '#333', fontSize: 13 },
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              value: data.radar.map((d) => Math.round(d.value * 100) / 100),
              name: '各等级得分之和',
              areaStyle: { opacity: 0.25 },
              label: { show: true, fontSize: 11, formatter: (p: { value: number }) => p.value.toFixed(2) },
            },
          ],
        },
      ],
    },
    width,
    height,
  );
}

/** Bar of the level scores S1..S5 with the threshold line. */
export function levelBars(data: ChartData, width = 640, height = 340): ChartImage {
  return render(
    {
      grid: { left: 50, right: 30, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: data.levels.map((l) => l.level), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.2 },
      series: [
        {
          type: 'bar',
          barWidth: '45%',
          data: data.levels.map((l) => ({
            value: l.value,
            itemStyle: { color: l.met ? '#2f5597' : '#9dc3e6' },
          })),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => data.levels[p.dataIndex]!.label,
          },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#c00000', type: 'dashed', width: 2 },
            label: { formatter: `满足线 ${data.threshold}`, position: 'insideEndTop', color: '#c00000' },
            data: [{ yAxis: data.threshold }],
          },
        },
      ],
    },
    width,
    height,
  );
}

/** Heatmap of the scoring units × levels (C, 0–1). */
export function unitHeatmap(data: ChartData, width = 680, rowHeight = 20): ChartImage {
  const rows = data.heatmap;
  const height = 90 + rowHeight * rows.length;
  const cells: [number, number, number][] = [];
  rows.forEach((u, y) =>
    LEVEL_CODES.forEach((_, x) => cells.push([x, y, Math.round((u.values[x] ?? 0) * 100) / 100])),
  );
  return render(
    {
      grid: { left: 250, right: 30, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: [...LEVEL_CODES], position: 'top', splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((u) => u.label),
        axisLabel: { fontSize: 11, width: 240, overflow: 'truncate' },
      },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 5,
        itemHeight: 160,
        text: ['1', '0'],
        inRange: { color: ['#f8696b', '#ffeb84', '#63be7b'] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => p.value[2]!.toFixed(2) },
        },
      ],
    },
    width,
    height,
  );
}

export interface ReportCharts {
  radar: ChartImage;
  levels: ChartImage;
  heatmap: ChartImage;
}

const num = (e: Exact | null | undefined): number => (e ? e.num / e.den : 0);

/** Chart data of a scoring result (without the report builder). */
export function chartDataOf(result: ScoreResult): ChartData {
  const domainName = new Map(result.domains.map((d) => [d.id, d.name] as const));
  return {
    levels: result.levels.map((l) => ({
      level: l.level,
      value: num(l.score),
      label: l.score.display,
      met: l.counted,
    })),
    threshold: Number(result.policy.levelMetThreshold),
    radar: result.domains.map((d) => ({
      name: d.name,
      value: LEVEL_CODES.reduce((a, l) => a + num(d.levels[l]), 0),
    })),
    heatmap: result.units.map((u) => ({
      label: `${u.name}（${domainName.get(u.domainId) ?? ''}）`,
      values: LEVEL_CODES.map((l) => num(u.levels[l])),
    })),
  };
}

export function reportCharts(data: ChartData): ReportCharts {
  return { radar: domainRadar(data), levels: levelBars(data), heatmap: unitHeatmap(data) };
}

/** Renders any ECharts option (the analytics charts, analytics-charts.ts) with the fonts of the report charts. */
export function renderChart(option: EChartsCoreOption, width: number, height: number): ChartImage {
  return render(option, width, height);
}

/**
 * Charts of a scoring result, rendered server-side: ECharts → SVG string (`ssr: true`) → PNG with resvg, using
 * the CJK fonts found by fontconfig (`fc-list :lang=zh`; Debian package fonts-noto-cjk).
 *
 * - radar of the domains: Σ over S1..S5 of the domain's level score B (0–5 axis, the domain's analogue of
 *   the total without the "met counts 1" rule);
 * - bar of the five level scores with the threshold line (0.8), bars of met levels in a darker colour;
 * - heatmap of the scoring units × levels (C, 0–1).
 *
 * Chart values are binary floats from the exact results (display only, never compared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
// The package's .d.ts files use extensionless relative imports, which NodeNext resolution cannot follow from
// the sub-paths: the runtime comes from the tree-shakable sub-paths, the types from the main entry.
import * as chartsRuntime from 'echarts/charts.js';
import * as componentsRuntime from 'echarts/components.js';
import * as coreRuntime from 'echarts/core.js';
import * as renderersRuntime from 'echarts/renderers.js';
import { LEVEL_CODES } from '../model/types.js';
import type { Exact, ScoreResult } from '../scoring/index.js';
import { ToolMissingError } from './pdf.js';

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

let fontCache: string[] | undefined;
let latinCache: { file: string; family: string } | null | undefined;

/**
 * A Latin font for texts without CJK characters (numbers, S1…S5): shaping with the large CJK collection costs
 * ~20 ms per text in resvg, a small TrueType font a fraction of that. Null when fontconfig finds none.
 */
export function latinFont(): { file: string; family: string } | null {
  if (latinCache !== undefined) return latinCache;
  latinCache = null;
  for (const family of ['DejaVu Sans', 'Liberation Sans']) {
    const r = spawnSync('fc-match', ['-f', '%{file}\n%{family}', family], { encoding: 'utf8' });
    const [file, fam] = (r.stdout ?? '').split('\n');
    if (
      r.status === 0 &&
      file &&
      existsSync(file) &&
      fam?.split(',').includes(family) &&
      /\.(ttf|otf)$/i.test(file)
    ) {
      latinCache = { file, family };
      break;
    }
  }
  return latinCache;
}

const CJK_RE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Uses the Latin font for the texts of an SVG that have no CJK character. */
function latinForPlainTexts(svg: string, family: string): string {
  return svg.replace(
    /(<text\b[^>]*font-family:)([^;"]*)([^>]*>)([^<]*)(<\/text>)/g,
    (m, a, _f, b, text, c) => (CJK_RE.test(text as string) ? m : `${a}${family}${b}${text}${c}`),
  );
}

/** CJK font files (Sans preferred) from fontconfig; throws ToolMissingError when there is none. */
export function cjkFontFiles(): string[] {
  if (fontCache) return fontCache;
  const r = spawnSync('fc-list', [':lang=zh', 'file'], { encoding: 'utf8' });
  const files = (r.status === 0 ? r.stdout : '')
    .split('\n')
    .map((l) => l.replace(/:\s*$/, '').trim())
    .filter((f) => f && existsSync(f));
  const unique = [...new Set(files)].sort((a, b) => Number(/Serif/.test(a)) - Number(/Serif/.test(b)));
  if (unique.length === 0)
    throw new ToolMissingError('a CJK font (fc-list :lang=zh finds none)', 'fonts-noto-cjk');
  fontCache =
    unique.filter((f) => /Sans/i.test(f)).length > 0 ? unique.filter((f) => /Sans/i.test(f)) : unique;
  return fontCache;
}

const num = (e: Exact | null | undefined): number => (e ? e.num / e.den : 0);

function render(option: EChartsCoreOption, width: number, height: number, scale = 2): ChartImage {
  const chart = ec.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FONT_FAMILY }, ...option });
  const latin = latinFont();
  const svg = latin ? latinForPlainTexts(chart.renderToSVGString(), latin.family) : chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    font: {
      fontFiles: latin ? [...cjkFontFiles(), latin.file] : cjkFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CJK_FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: width * scale },
    background: '#ffffff',
  })
    .render()
    .asPng();
  return { svg, png: Buffer.from(png), width, height };
}

/** Radar of the domains (Σ_L B_{d,L}, 0–5). */
export function domainRadar(result: ScoreResult, width = 640, height = 480): ChartImage {
  const values = result.domains.map((d) => LEVEL_CODES.reduce((a, l) => a + num(d.levels[l]), 0));
  return render(
    {
      title: { text: '能力域得分雷达图', left: 'center', textStyle: { fontSize: 16 } },
      radar: {
        indicator: result.domains.map((d) => ({ name: d.name, max: 5 })),
        radius: '62%',
        center: ['50%', '55%'],
        axisName: { color: '#333', fontSize: 13 },
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              value: values.map((v) => Math.round(v * 100) / 100),
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
export function levelBars(result: ScoreResult, width = 640, height = 400): ChartImage {
  const threshold = Number(result.policy.levelMetThreshold);
  return render(
    {
      title: { text: '各成熟度等级得分', left: 'center', textStyle: { fontSize: 16 } },
      grid: { left: 50, right: 30, top: 60, bottom: 40 },
      xAxis: { type: 'category', data: result.levels.map((l) => l.level), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.2 },
      series: [
        {
          type: 'bar',
          barWidth: '45%',
          data: result.levels.map((l) => ({
            value: num(l.score),
            itemStyle: { color: l.counted ? '#2f5597' : '#9dc3e6' },
          })),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => result.levels[p.dataIndex]!.score.display,
          },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#c00000', type: 'dashed', width: 2 },
            label: {
              formatter: `满足线 ${result.policy.levelMetThreshold}`,
              position: 'insideEndTop',
              color: '#c00000',
            },
            data: [{ yAxis: threshold }],
          },
        },
      ],
    },
    width,
    height,
  );
}

/** Heatmap of the scoring units × levels (C, 0–1). */
export function unitHeatmap(result: ScoreResult, width = 680, rowHeight = 22): ChartImage {
  const units = result.units;
  const height = 110 + rowHeight * units.length;
  const data: [number, number, number][] = [];
  units.forEach((u, y) =>
    LEVEL_CODES.forEach((l, x) => data.push([x, y, Math.round(num(u.levels[l]) * 100) / 100])),
  );
  const domainName = new Map(result.domains.map((d) => [d.id, d.name] as const));
  return render(
    {
      title: { text: '能力子域 × 等级得分热力图', left: 'center', textStyle: { fontSize: 16 } },
      grid: { left: 260, right: 30, top: 50, bottom: 60 },
      xAxis: { type: 'category', data: [...LEVEL_CODES], position: 'top', splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: units.map((u) => `${u.name}（${domainName.get(u.domainId) ?? ''}）`),
        axisLabel: { fontSize: 11, width: 250, overflow: 'truncate' },
      },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 10,
        itemHeight: 160,
        text: ['1', '0'],
        inRange: { color: ['#f8696b', '#ffeb84', '#63be7b'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
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

export function reportCharts(result: ScoreResult): ReportCharts {
  return { radar: domainRadar(result), levels: levelBars(result), heatmap: unitHeatmap(result) };
}

/** Renders any ECharts option (the analytics charts, analytics-charts.ts) with the fonts of the report charts. */
export function renderChart(option: EChartsCoreOption, width: number, height: number): ChartImage {
  return render(option, width, height);
}

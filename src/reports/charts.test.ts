import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { compileScoring, randomAssessment, score, seededRng } from '../scoring/index.js';
import { chartFaces, outlineTexts } from './chart-text.js';
import { chartDataOf, domainRadar, levelBars, unitHeatmap } from './charts.js';

const model = loadModel('nfm-dtmm-2024-draft');
const compiled = compileScoring(model, 'mining');
const result = score(compiled, randomAssessment(compiled, seededRng(9)));
const data = chartDataOf(result);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('charts (requires fonts-noto-cjk)', () => {
  it('opens Noto Sans CJK SC once', () => {
    expect(chartFaces()).toBe(chartFaces());
    expect(chartFaces().regular.font.postscriptName).toBe('NotoSansCJKsc-Regular');
  });

  it('radar names every domain; bars show every level score and the threshold line', () => {
    const radar = domainRadar(data);
    for (const d of result.domains) expect(radar.svg).toContain(d.name);
    expect(radar.png.subarray(0, 4)).toEqual(PNG);
    const bars = levelBars(data);
    for (const l of result.levels) expect(bars.svg).toContain(`>${l.score.display}<`);
    expect(bars.svg).toContain('满足线 0.8');
    expect(bars.png.readUInt32BE(16)).toBe(bars.width * 2); // PNG IHDR width, rendered at 2×
  });

  it('heatmap has one row per unit and one cell per unit × level', () => {
    const h = unitHeatmap(data);
    for (const u of result.units) expect(h.svg).toContain(u.name.slice(0, 6));
    const cells = (h.svg.match(/<text[^>]*>\d\.\d\d<\/text>/g) ?? []).length;
    expect(cells).toBe(result.units.length * 5);
  });

  it('draws text as outlines: no <text> left, one path per text, anchored and centred as the SVG says', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">' +
      '<text dominant-baseline="central" text-anchor="middle" style="font-size:12px;" transform="translate(50 20)" fill="#333">组织 &amp; 数据</text>' +
      '<text x="5" y="30" style="font-size:10px;font-weight:bold">S1</text></svg>';
    const out = outlineTexts(svg);
    expect(out).not.toContain('<text');
    expect(out.match(/<path /g)).toHaveLength(2);
    expect(out).toContain('<g transform="translate(50 20)" fill="#333">');
    // middle anchor: shifted left by half the advance; central baseline: shifted down.
    expect(out).toMatch(/translate\(-\d+(\.\d+)? -\d+(\.\d+)?\)" d="M/);
  });
});

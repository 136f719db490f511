import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { compileScoring, randomAssessment, score, seededRng } from '../scoring/index.js';
import { cjkFontFiles, domainRadar, levelBars, unitHeatmap } from './charts.js';

const model = loadModel('nfm-dtmm-2024-draft');
const compiled = compileScoring(model, 'mining');
const result = score(compiled, randomAssessment(compiled, seededRng(9)));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('charts (requires fonts-noto-cjk)', () => {
  it('finds CJK fonts', () => {
    expect(cjkFontFiles().length).toBeGreaterThan(0);
  });

  it('radar names every domain; bars show every level score and the threshold line', () => {
    const radar = domainRadar(result);
    for (const d of result.domains) expect(radar.svg).toContain(d.name);
    expect(radar.png.subarray(0, 4)).toEqual(PNG);
    const bars = levelBars(result);
    for (const l of result.levels) expect(bars.svg).toContain(`>${l.score.display}<`);
    expect(bars.svg).toContain('满足线 0.8');
    expect(bars.png.readUInt32BE(16)).toBe(bars.width * 2); // PNG IHDR width, rendered at 2×
  });

  it('heatmap has one row per unit and one cell per unit × level', () => {
    const h = unitHeatmap(result);
    for (const u of result.units) expect(h.svg).toContain(u.name.slice(0, 6));
    const cells = (h.svg.match(/<text[^>]*>\d\.\d\d<\/text>/g) ?? []).length;
    expect(cells).toBe(result.units.length * 5);
  });
});

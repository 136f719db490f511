/**
 * Issue 12 in the browser: the body admin filters the assessment list, the 导出 Excel button shows how many
 * assessments it will export, a click downloads the workbook (Chinese file name) — read back with exceljs: the
 * list's rows for the filter, typed cells, the 筛选条件 sheet naming the filter and the exporter.
 */
import { isCreditCode } from '../src/process/credit-code.js';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loginAs, screenshot, serverAndBrowser } from './helpers.js';

const live = serverAndBrowser();
const SHOTS = process.env.DTMA_E2E_SHOTS ?? 'tmp/screens/e2e';

describe('the assessment list’s Excel export (issue 12)', () => {
  it('exports the filtered list the body admin sees, as the button says', async () => {
    const { context, page } = await loginAs(live.browser, 'body');
    const button = page.getByTestId('export-xlsx');
    await button.waitFor();
    await page.waitForLoadState('networkidle');
    const get = (url: string) =>
      page.evaluate(
        async (u) => (await fetch(u)).json() as Promise<{ total: number; items: { id: string }[] }>,
        url,
      );
    const all = (await get('/api/assessments')).total;
    expect(await button.innerText()).toContain(`导出 Excel（${all} 项）`);

    // Filter: one industry.
    await page.getByRole('combobox', { name: '行业' }).click();
    await page.locator('.ant-select-item-option', { hasText: '冶炼' }).click();
    await page.waitForLoadState('networkidle');
    const listed = (await get('/api/assessments?industry=smelting&limit=200')).items.map((x) => x.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(all);
    await page.waitForFunction(
      `document.querySelector('[data-testid="export-xlsx"]')?.textContent?.includes('（${listed.length} 项）')`,
    );
    await screenshot(page, `${SHOTS}/list-export.png`);

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^评估清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('评估清单')!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['企业名称', '统一社会信用代码', '行业', '细分领域', '当前阶段']);
    const col = (h: string) => header.indexOf(h) + 1;
    const ids = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      ids.push(ws.getRow(r).getCell(col('评估编号')).value);
      expect(ws.getRow(r).getCell(col('行业')).value).toBe('冶炼');
      expect(isCreditCode(String(ws.getRow(r).getCell(col('统一社会信用代码')).value))).toBe(true);
      expect(ws.getRow(r).getCell(col('申请日期')).value).toBeInstanceOf(Date);
      expect(typeof ws.getRow(r).getCell(col('评估要求数')).value).toBe('number');
    }
    expect(ids).toEqual(listed);
    const filters = wb.getWorksheet('筛选条件')!;
    const lines = new Map<string, ExcelJS.CellValue>();
    filters.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get('行业')).toBe('冶炼');
    expect(lines.get('导出条数')).toBe(listed.length);
    expect(String(lines.get('导出人'))).toContain('body@dtma.demo');
    await context.close();
  });
});

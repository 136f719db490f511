import { Document, Packer, Paragraph, HeadingLevel, TableOfContents } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { findPythonUno, LibreOfficeError, LibreOfficeServer } from './libreoffice.js';
import { findSoffice } from './pdf.js';

const python = findPythonUno();
const server = python ? new LibreOfficeServer(findSoffice(), python) : undefined;
afterAll(() => server?.shutdown());

async function smallDocx(): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { heading1: { paragraph: { outlineLevel: 0 } } } },
    sections: [
      {
        children: [
          new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1' }),
          new Paragraph({ text: '第一章', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
          new Paragraph('正文'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('warm LibreOffice (requires libreoffice-writer and python3-uno)', () => {
  it('finds a python3 with uno', () => {
    expect(python).not.toBeNull();
  });

  it('converts one document after the other in one soffice, and starts a new one after soffice was killed', async () => {
    const docx = await smallDocx();
    const a = await server!.convert(docx, 'docx', 'pdf', {
      filter: 'writer_pdf_Export',
      updateIndexes: true,
    });
    const b = await server!.convert(docx, 'docx', 'pdf', { filter: 'writer_pdf_Export' });
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    expect(server!.stats).toMatchObject({ conversions: 2, starts: 1 });
    process.kill(-server!.pid!, 'SIGKILL');
    await expect(
      server!.convert(docx, 'docx', 'pdf', { filter: 'writer_pdf_Export' }),
    ).rejects.toBeInstanceOf(LibreOfficeError);
    const c = await server!.convert(docx, 'docx', 'pdf', { filter: 'writer_pdf_Export' });
    expect(c.subarray(0, 5).toString()).toBe('%PDF-');
    expect(server!.stats.starts).toBe(2);
  }, 180_000);

  it('a conversion over its time limit fails and the next one runs in a fresh soffice', async () => {
    const docx = await smallDocx();
    await expect(
      server!.convert(docx, 'docx', 'pdf', { filter: 'writer_pdf_Export', timeoutMs: 1 }),
    ).rejects.toThrow(/did not finish converting within 1 ms/);
    const ok = await server!.convert(docx, 'docx', 'pdf', { filter: 'writer_pdf_Export' });
    expect(ok.subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('shutdown leaves no soffice of its own behind (wrapper and soffice.bin)', async () => {
    const other = new LibreOfficeServer(findSoffice(), python!);
    await other.convert(await smallDocx(), 'docx', 'pdf', { filter: 'writer_pdf_Export' });
    const group = other.pid!;
    // Live (not zombie) processes of the soffice process group.
    const members = () =>
      spawnSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter(([, pgid, stat]) => pgid === String(group) && !stat?.startsWith('Z'));
    expect(members().length).toBeGreaterThan(0);
    await other.shutdown();
    expect(members()).toEqual([]);
  }, 180_000);
});

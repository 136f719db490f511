/**
 * The certificate of a published result as a PDF, written directly (pdfkit; the Noto CJK fonts of the Debian
 * package fonts-noto-cjk, subset to the glyphs used, so a certificate is some 100 KB and takes milliseconds, no
 * LibreOffice). A4 landscape, Chinese layout: title, the enterprise, the conclusion and the band-safe total, the
 * model version, the body, the dates, the number, and a QR code of the public verification address (vector
 * modules from the `qrcode` package). Pure apart from reading the fonts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { INDUSTRY_NAMES_ZH, type IndustryId } from '../model/types.js';
import { ToolMissingError } from './pdf.js';

export interface CertificateData {
  number: string;
  enterprise: string;
  industry: IndustryId;
  /** 三级 领域级, or 未达一级. */
  conclusion: string;
  /** Band-safe display of the total. */
  total: string;
  modelId: string;
  modelTitle: string;
  body: string;
  issuedOn: string;
  validUntil: string;
  /** Verification code, printed in groups. */
  code: string;
  /** The absolute verification address, encoded in the QR code. */
  verifyUrl: string;
}

interface Face {
  file: string;
  name: string;
  /** The font file, read once per process. */
  data: Buffer;
}

let faces: Record<'title' | 'serif' | 'sans', Face> | undefined;

function match(pattern: string): Face | undefined {
  const r = spawnSync('fc-match', ['-f', '%{file}|%{postscriptname}', pattern], { encoding: 'utf8' });
  const [file, name] = (r.status === 0 ? r.stdout : '').split('|');
  if (!file || !name || !existsSync(file) || !/CJK/.test(name)) return undefined;
  const same = faces && Object.values(faces).find((x) => x.file === file);
  return { file, name, data: same?.data ?? readFileSync(file) };
}

/** The Noto CJK faces (serif bold for the title, serif, sans); ToolMissingError without fonts-noto-cjk. */
function fonts(): Record<'title' | 'serif' | 'sans', Face> {
  if (faces) return faces;
  const sans = match('Noto Sans CJK SC');
  if (!sans) throw new ToolMissingError('the Noto CJK fonts (fc-match finds none)', 'fonts-noto-cjk');
  const serif = match('Noto Serif CJK SC') ?? sans;
  faces = { title: match('Noto Serif CJK SC:bold') ?? serif, serif, sans };
  return faces;
}

/** 2025-11-26 → 2025年11月26日. */
export function zhDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The code in groups of four for reading. */
export function groupedCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

const RED = '#9e1b1b';
const GOLD = '#b8860b';
const INK = '#1f1f1f';
const GREY = '#595959';

export async function certificatePdf(c: CertificateData): Promise<Buffer> {
  const f = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: {
      Title: `数字化转型成熟度评估证书 ${c.number}`,
      Author: c.body,
      Subject: `${c.enterprise} ${c.conclusion}`,
      Keywords: c.number,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('title', f.title.data, f.title.name);
  doc.registerFont('serif', f.serif.data, f.serif.name);
  doc.registerFont('sans', f.sans.data, f.sans.name);
  const W = doc.page.width; // 841.89
  const H = doc.page.height; // 595.28

  // Frame: an outer red rule, an inner gold one.
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(1.2)
    .strokeColor(GOLD)
    .rect(36, 36, W - 72, H - 72)
    .stroke();

  const center = (text: string, y: number, font: string, size: number, color = INK, spacing = 0) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 60, y, { width: W - 120, align: 'center', characterSpacing: spacing });

  doc
    .font('sans')
    .fontSize(10)
    .fillColor(GREY)
    .text(`证书编号：${c.number}`, 60, 52, { width: W - 120, align: 'right' });
  center('数字化转型成熟度评估证书', 78, 'title', 34, RED, 6);
  center('CERTIFICATE OF DIGITAL TRANSFORMATION MATURITY', 126, 'sans', 10, GREY, 2);

  center('兹证明', 168, 'serif', 15);
  center(c.enterprise, 194, 'title', 26);
  center(`依据《${c.modelTitle}》（${c.modelId}）`, 238, 'serif', 13);
  center(
    `按${INDUSTRY_NAMES_ZH[c.industry]}行业评估指标经评估组现场评估，其数字化转型成熟度评估结论为`,
    258,
    'serif',
    13,
  );
  center(c.conclusion, 284, 'title', 40, RED, 8);
  center(`评估总分 ${c.total}（满分 5）`, 342, 'serif', 14);

  // Dates and the body (left), QR and verification (right).
  const lx = 96;
  let y = 400;
  const line = (label: string, value: string) => {
    doc.font('serif').fontSize(12).fillColor(GREY).text(label, lx, y, { continued: true });
    doc.fillColor(INK).text(value);
    y += 24;
  };
  line('评估机构：', c.body);
  line('发证日期：', zhDate(c.issuedOn));
  line('有效期至：', zhDate(c.validUntil));
  line('模型版本：', c.modelId);

  const qr = QRCode.create(c.verifyUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = 96;
  const cell = size / n;
  const tx = W - 70 - 160;
  const qx = tx - 14 - size;
  const qy = 392;
  doc.rect(qx - 4, qy - 4, size + 8, size + 8).fill('#ffffff');
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (qr.modules.get(col, row)) doc.rect(qx + col * cell, qy + row * cell, cell + 0.02, cell + 0.02);
  doc.fill(INK);
  doc.font('sans').fontSize(9).fillColor(GREY);
  doc.text('扫码核验证书真伪', tx, qy + 2, { width: 160 });
  doc.text('核验码', tx, qy + 22, { width: 160 });
  doc
    .font('sans')
    .fontSize(8.5)
    .fillColor(INK)
    .text(groupedCode(c.code), tx, qy + 36, { width: 160 });
  doc
    .font('sans')
    .fontSize(7)
    .fillColor(GREY)
    .text(c.verifyUrl, tx, qy + 66, { width: 160 });

  // The seal: a red circle with the body's name (a printed mark, not an electronic signature).
  const sx = qx - 80;
  const sy = 440;
  doc.lineWidth(2.5).strokeColor(RED).circle(sx, sy, 44).stroke();
  doc.lineWidth(0.8).circle(sx, sy, 39).stroke();
  doc
    .font('title')
    .fontSize(20)
    .fillColor(RED)
    .text('★', sx - 10, sy - 14, { width: 20, align: 'center' });
  doc
    .font('sans')
    .fontSize(7)
    .fillColor(RED)
    .text('评估结果专用', sx - 30, sy + 12, { width: 60, align: 'center' });

  doc
    .font('sans')
    .fontSize(8)
    .fillColor(GREY)
    .text(
      '本证书依据已发布并封存的评估结果签发；评估结果重新打开时证书即行撤销。证书真伪及状态以平台核验结果为准。',
      60,
      H - 62,
      { width: W - 120, align: 'center' },
    );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

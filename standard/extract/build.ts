/**
 * Builds the model files from the seed text. Pure: no file system access (see extract.ts).
 */
import { createHash } from 'node:crypto';
import type {
  AppendixRow,
  AppendixTable,
  DomainDef,
  IndustryId,
  LevelBand,
  LevelCode,
  ModelMeta,
  Requirement,
  SatisfactionGrade,
  SubdomainDef,
} from '../../src/model/types.js';
import { INDUSTRIES, LEVEL_CODES } from '../../src/model/types.js';
import { cellLines, cellText, cellTextLine, groupRows, parseCells, type Cell } from './cells.js';
import { CORRECTIONS, type Correction } from './corrections.js';
import {
  DOMAIN_NAMES,
  GRADE_KEYS,
  INDICATOR_TYPES,
  INDUSTRY_KEYWORDS,
  LEVEL_NAMES,
  SUBDOMAIN_NAMES,
} from './names.js';
import { buildDisplayFile, DISPLAY_CORRECTIONS, type DisplayCorrection } from './display.js';
import { numberingIssues, splitCell, type LineFix } from './split.js';
import { clean, collapseSpaces, toLines, type SeedLine } from './text.js';

export const MODEL_ID = 'nfm-dtmm-2024-draft';

/** Why a seed line that is not requirement text is accounted for. */
export type LineRole = 'title' | 'header' | 'domain-label' | 'row-label' | 'ignored';

export interface Diagnostic {
  line: number;
  table: string;
  where: string;
  message: string;
}

export interface BuildResult {
  /** File name → content (JSON text), for the files the extractor writes. */
  files: Record<string, string>;
  meta: ModelMeta;
  domains: DomainDef[];
  grades: SatisfactionGrade[];
  levels: LevelBand[];
  appendices: AppendixTable[];
  /** Lines of the appendix tables that are structure, not requirement text. */
  structuralLines: Map<number, LineRole>;
  /** First and last line of each appendix table (title or header to last cell line). */
  appendixRanges: { table: string; from: number; to: number }[];
  diagnostics: Diagnostic[];
}

function findLine(lines: readonly SeedLine[], test: (text: string) => boolean, from = 1, what = ''): number {
  const l = lines.find((x) => x.line >= from && test(clean(x.text)));
  if (!l) throw new Error(`seed: ${what} not found`);
  return l.line;
}

function range(lines: readonly SeedLine[], from: number, to: number): SeedLine[] {
  return lines.filter((l) => l.line >= from && l.line <= to);
}

// ---------------------------------------------------------------- Table 1

export function parseTable1(lines: readonly SeedLine[]): DomainDef[] {
  const title = findLine(lines, (t) => t.startsWith('表1'), 1, 'Table 1 title');
  const end = findLine(lines, (t) => t === '计算方法', title, 'end of Table 1 (计算方法)');
  const { cells } = parseCells(range(lines, title + 1, end - 1));
  const headerEnd = cells.findIndex((c) => cellText(c) === '指标类型');
  if (headerEnd < 0) throw new Error('Table 1: header cell 指标类型 not found');
  const rows = groupRows(cells.slice(headerEnd + 2), 4);
  const domains: DomainDef[] = [];
  let type: 'common' | 'industry' | undefined;
  for (const [dCell, sCell, tCell, wCell] of rows as [Cell, Cell, Cell, Cell][]) {
    const dName = cellText(dCell);
    if (dName !== '') {
      const d = DOMAIN_NAMES[dName];
      if (!d) throw new Error(`Table 1 line ${cellTextLine(dCell)}: unknown domain ${dName}`);
      domains.push({
        id: d.id,
        name: dName,
        nameEn: d.nameEn,
        seedLine: cellTextLine(dCell),
        subdomains: [],
      });
    }
    const domain = domains[domains.length - 1];
    if (!domain) throw new Error(`Table 1 line ${sCell.line}: row before any domain`);
    const tName = cellText(tCell);
    if (tName !== '') {
      type = INDICATOR_TYPES[tName];
      if (!type) throw new Error(`Table 1 line ${cellTextLine(tCell)}: unknown indicator type ${tName}`);
    }
    if (!type) throw new Error(`Table 1 line ${sCell.line}: no indicator type`);
    const sName = cellText(sCell);
    const s = SUBDOMAIN_NAMES[sName];
    if (!s) throw new Error(`Table 1 line ${sCell.line}: unknown sub-domain ${sName}`);
    const w = /^(\d+)%$/.exec(cellText(wCell));
    if (!w)
      throw new Error(`Table 1 line ${wCell.line}: weight "${cellText(wCell)}" is not an integer percentage`);
    const sub: SubdomainDef = {
      id: s.id,
      name: sName,
      nameEn: s.nameEn,
      type,
      weightPercent: Number(w[1]),
      seedLine: cellTextLine(sCell),
    };
    domain.subdomains.push(sub);
  }
  return domains;
}

// ---------------------------------------------------------------- Tables 2 and 3

export function parseTable2(lines: readonly SeedLine[]): SatisfactionGrade[] {
  const title = findLine(lines, (t) => t.startsWith('表2'), 1, 'Table 2 title');
  const end = findLine(
    lines,
    (t) => t.startsWith('有色金属企业数字化转型成熟度等级得分'),
    title,
    'end of Table 2',
  );
  const rows = groupRows(parseCells(range(lines, title + 1, end - 1)).cells, 2).slice(1);
  return rows.map(([label, score]) => {
    const name = cellText(label!);
    const g = GRADE_KEYS[name];
    if (!g) throw new Error(`Table 2 line ${label!.line}: unknown grade ${name}`);
    const s = cellText(score!);
    if (!/^(0|1|0\.\d+)$/.test(s)) throw new Error(`Table 2 line ${score!.line}: bad score ${s}`);
    return { key: g.key, label: name, labelEn: g.labelEn, score: s };
  });
}

export function parseTable3(lines: readonly SeedLine[]): LevelBand[] {
  const title = findLine(lines, (t) => t.startsWith('表3'), 1, 'Table 3 title');
  const end = findLine(lines, (t) => /^附\s*录\s*A/.test(t), title, 'Appendix A title');
  const rows = groupRows(parseCells(range(lines, title + 1, end - 1)).cells, 3).slice(1);
  return rows.map(([conclusion, interval, description]) => {
    const m = /^(\S+)\s+(\S+)$/.exec(cellText(conclusion!));
    if (!m) throw new Error(`Table 3 line ${conclusion!.line}: bad conclusion ${cellText(conclusion!)}`);
    const [, ordinal, name] = m as unknown as [string, string, string];
    const info = LEVEL_NAMES[name];
    if (!info) throw new Error(`Table 3 line ${conclusion!.line}: unknown level ${name}`);
    const r = /^(\d+(?:\.\d+)?)≤S([＜<≤])(\d+(?:\.\d+)?)$/.exec(cellText(interval!));
    if (!r) throw new Error(`Table 3 line ${interval!.line}: bad interval ${cellText(interval!)}`);
    return {
      level: info.level,
      ordinal,
      name,
      nameEn: info.nameEn,
      min: r[1]!,
      max: r[3]!,
      maxInclusive: r[2] === '≤',
      description: cellText(description!),
      seedLine: conclusion!.line,
    };
  });
}

// ---------------------------------------------------------------- Appendices

interface TableLocation {
  id: 'common' | IndustryId;
  title: string;
  /** Title line, or header line when the table has no title. */
  seedLine: number;
  headerLine: number;
  to: number;
}

/** Counts the industry keywords in a text and returns the industry with the most hits. */
export function identifyIndustry(text: string): { industry: IndustryId; counts: Record<IndustryId, number> } {
  const counts = Object.fromEntries(
    INDUSTRIES.map((i) => [i, (text.match(INDUSTRY_KEYWORDS[i]) ?? []).length]),
  ) as Record<IndustryId, number>;
  const industry = [...INDUSTRIES].sort((a, b) => counts[b] - counts[a])[0]!;
  return { industry, counts };
}

export function locateAppendices(
  lines: readonly SeedLine[],
  corrections: readonly Correction[] = CORRECTIONS,
): { tables: TableLocation[]; industryCounts: Record<string, Record<IndustryId, number>> } {
  const aTitle = findLine(lines, (t) => /^附\s*录\s*A/.test(t), 1, 'Appendix A title');
  const isHeader = (l: SeedLine) => /^[ \u3000]*\t(能力域|序号)$/.test(l.text);
  const isTitle = (l: SeedLine) => /^表B\.\d/.test(clean(l.text));
  const headers = lines.filter((l) => l.line > aTitle && isHeader(l)).map((l) => l.line);
  if (headers.length !== 4)
    throw new Error(`seed: expected 4 appendix table headers, found ${headers.length}`);
  const last = lines[lines.length - 1]!.line;
  const tables: TableLocation[] = [];
  const industryCounts: Record<string, Record<IndustryId, number>> = {};
  headers.forEach((h, i) => {
    const next = headers[i + 1] ?? last + 1;
    // the table ends before the next header, or before the title line that precedes it
    const titleOfNext = lines.find((l) => l.line > h && l.line < next && isTitle(l));
    const to = (titleOfNext?.line ?? next) - 1;
    const prev = lines.find((l) => l.line === h - 1);
    const ownTitle = i === 0 ? aTitle : prev && isTitle(prev) ? prev.line : undefined;
    if (i === 0) {
      tables.push({
        id: 'common',
        title: collapseSpaces(lines[aTitle - 1]!.text).replace(/^附\s*录\s*A\s*/, '附录A '),
        seedLine: aTitle,
        headerLine: h,
        to,
      });
      return;
    }
    const text = range(lines, h, to)
      .map((l) => l.text)
      .join('\n');
    const { industry, counts } = identifyIndustry(text);
    industryCounts[String(h)] = counts;
    if (ownTitle !== undefined) {
      tables.push({
        id: industry,
        title: collapseSpaces(lines[ownTitle - 1]!.text),
        seedLine: ownTitle,
        headerLine: h,
        to,
      });
    } else {
      const c = corrections.find((x) => x.line === h && x.kind === 'table-title');
      if (!c || c.kind !== 'table-title') throw new Error(`seed line ${h}: appendix table without title`);
      if (c.industry !== industry) {
        throw new Error(`seed line ${h}: correction says ${c.industry}, content says ${industry}`);
      }
      tables.push({ id: industry, title: c.title, seedLine: h, headerLine: h, to });
    }
  });
  const ids = tables.slice(1).map((t) => t.id);
  if ([...ids].sort().join() !== [...INDUSTRIES].sort().join()) {
    throw new Error(`seed: Appendix B tables identified as ${ids.join(', ')}`);
  }
  return { tables, industryCounts };
}

function lineFixes(corrections: readonly Correction[]): Map<number, LineFix> {
  const fixes = new Map<number, LineFix>();
  for (const c of corrections) {
    const f = fixes.get(c.line) ?? {};
    if (c.kind === 'ignore') f.ignore = true;
    else if (c.kind === 'append-to-previous') f.appendToPrevious = true;
    else if (c.kind === 'replace') (f.replace ??= []).push({ find: c.find, replace: c.replace });
    else continue;
    fixes.set(c.line, f);
  }
  return fixes;
}

export function parseAppendix(
  lines: readonly SeedLine[],
  loc: TableLocation,
  domains: readonly DomainDef[],
  corrections: readonly Correction[],
  structural: Map<number, LineRole>,
  diagnostics: Diagnostic[],
  /** Receives the item number printed in the seed of each requirement id (null: none). */
  printed?: Map<string, number | null>,
): AppendixTable {
  const subById = new Map<string, { sub: SubdomainDef; domain: DomainDef }>();
  const subByName = new Map<string, SubdomainDef>();
  for (const d of domains)
    for (const s of d.subdomains) {
      subById.set(s.id, { sub: s, domain: d });
      subByName.set(s.name, s);
    }
  const domainByName = new Map(domains.map((d) => [d.name, d]));
  const fixes = lineFixes(corrections);

  structural.set(loc.seedLine, 'title');
  const { cells } = parseCells(range(lines, loc.headerLine, loc.to));
  const [header, ...rows] = groupRows(cells, 7);
  for (const c of header!) for (const l of cellLines(c)) structural.set(l.line, 'header');

  let domainLabel: DomainDef | undefined;
  const out: AppendixRow[] = [];
  for (const row of rows) {
    const [dCell, sCell, ...levelCells] = row as [Cell, Cell, ...Cell[]];
    const dText = cellText(dCell);
    if (dText !== '') {
      const dLine = cellTextLine(dCell);
      const ignored = corrections.some((c) => c.line === dLine && c.kind === 'domain-label-ignored');
      structural.set(dLine, 'domain-label');
      if (!ignored) {
        domainLabel = domainByName.get(dText);
        if (!domainLabel) throw new Error(`${loc.id} line ${dLine}: "${dText}" is not a Table 1 domain`);
      }
    }
    const name = cellText(sCell);
    const nameLine = cellTextLine(sCell);
    structural.set(nameLine, 'row-label');
    const fix = corrections.find((c) => c.line === nameLine && c.kind === 'row');
    let rowId: string;
    let covers: string[];
    if (fix && fix.kind === 'row') {
      rowId = fix.rowId;
      covers = fix.covers;
    } else {
      const sub = subByName.get(name);
      if (!sub) throw new Error(`${loc.id} line ${nameLine}: "${name}" is not a Table 1 sub-domain`);
      rowId = sub.id;
      covers = [sub.id];
    }
    const coverDomains = new Set(
      covers.map((id) => {
        const found = subById.get(id);
        if (!found) throw new Error(`${loc.id} line ${nameLine}: covers unknown sub-domain ${id}`);
        return found.domain;
      }),
    );
    if (coverDomains.size !== 1) throw new Error(`${loc.id} line ${nameLine}: covers several domains`);
    const domain = [...coverDomains][0]!;
    if (!domainLabel || domainLabel.id !== domain.id) {
      throw new Error(
        `${loc.id} line ${nameLine}: row ${name} is in domain ${domain.name} (Table 1) but stands under ${domainLabel?.name}`,
      );
    }
    const levels = {} as Record<LevelCode, Requirement[]>;
    LEVEL_CODES.forEach((code, i) => {
      const cell = levelCells[i]!;
      const where = `${rowId} ${code}`;
      const segs = splitCell(cellLines(cell), fixes);
      for (const issue of numberingIssues(segs)) {
        diagnostics.push({ line: cell.line, table: loc.id, where, message: issue });
      }
      levels[code] = segs.map((s, k) => {
        for (const flag of s.flags) {
          diagnostics.push({ line: s.lines[0]!, table: loc.id, where, message: flag });
        }
        return {
          id: `${loc.id}.${rowId}.${code}.${k + 1}`,
          seq: k + 1,
          text: s.text,
          examples: s.examples,
          seedLines: s.lines,
        };
      });
      segs.forEach((s, k) => printed?.set(`${loc.id}.${rowId}.${code}.${k + 1}`, s.number));
    });
    out.push({ id: rowId, name, covers, domainId: domain.id, seedLine: nameLine, levels });
  }
  for (const c of corrections) {
    if (c.kind === 'ignore' && c.line >= loc.headerLine && c.line <= loc.to)
      structural.set(c.line, 'ignored');
  }
  return { id: loc.id, title: loc.title, seedLine: loc.seedLine, rows: out };
}

/** Requirements with the same text within one row (in different level cells or twice in one). */
export function duplicateTexts(table: AppendixTable): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const row of table.rows) {
    const seen = new Map<string, Requirement>();
    for (const code of LEVEL_CODES) {
      for (const r of row.levels[code]) {
        const key = r.text.replace(/[。；;，,\s]+$/, '');
        const first = seen.get(key);
        if (first) {
          out.push({
            line: r.seedLines[0]!,
            table: table.id,
            where: r.id,
            message: `same text as ${first.id} (line ${first.seedLines[0]})`,
          });
        } else seen.set(key, r);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- everything

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function buildModel(
  seed: string,
  sourceFile: string,
  corrections: readonly Correction[] = CORRECTIONS,
  displayCorrections: readonly DisplayCorrection[] = DISPLAY_CORRECTIONS,
): BuildResult {
  const lines = toLines(seed);
  const domains = parseTable1(lines);
  const grades = parseTable2(lines);
  const levels = parseTable3(lines);
  const { tables } = locateAppendices(lines, corrections);
  const structural = new Map<number, LineRole>();
  const diagnostics: Diagnostic[] = [];
  const printed = new Map<string, number | null>();
  const appendices = tables.map((t) =>
    parseAppendix(lines, t, domains, corrections, structural, diagnostics, printed),
  );
  for (const t of appendices) diagnostics.push(...duplicateTexts(t));
  diagnostics.sort((a, b) => a.line - b.line);

  const meta: ModelMeta = {
    id: MODEL_ID,
    title: clean(lines[0]!.text),
    titleEn:
      'Digital transformation maturity model and assessment method for the non-ferrous metals industry',
    status: 'draft',
    source: { file: sourceFile, sha256: createHash('sha256').update(seed, 'utf8').digest('hex') },
  };
  const byId = Object.fromEntries(appendices.map((t) => [t.id, t])) as Record<string, AppendixTable>;
  const ordered = [byId.common, byId.mining, byId.smelting, byId.processing].flatMap((t) =>
    t!.rows.flatMap((r) =>
      LEVEL_CODES.flatMap((l) => r.levels[l].map((q) => ({ ...q, printed: printed.get(q.id) ?? null }))),
    ),
  );
  const display = buildDisplayFile(ordered, lines, displayCorrections);
  if (display.unused.length > 0) {
    throw new Error(
      `display corrections not applied: ${display.unused.map((c) => `line ${c.line} "${c.find}"`).join(', ')}`,
    );
  }
  const files: Record<string, string> = {
    'meta.json': toJson(meta),
    'table1-indicators.json': toJson({ domains }),
    'table2-satisfaction.json': toJson({ grades }),
    'table3-levels.json': toJson({ levels }),
    'appendix-a-common.json': toJson(byId.common),
    'appendix-b-mining.json': toJson(byId.mining),
    'appendix-b-smelting.json': toJson(byId.smelting),
    'appendix-b-processing.json': toJson(byId.processing),
    'display-text.json': toJson(display.file),
  };
  return {
    files,
    meta,
    domains,
    grades,
    levels,
    appendices,
    structuralLines: structural,
    appendixRanges: tables.map((t) => ({ table: t.id, from: t.seedLine, to: t.to })),
    diagnostics,
  };
}

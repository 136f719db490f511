/** Types and helpers shared by the report generators (xlsx, charts, docx). */
import { INDUSTRY_NAMES_ZH, type IndustryId } from '../model/types.js';

/** Basic information of an assessment, as shown on the workbook cover and in the report. */
export interface AssessmentInfo {
  enterprise: string;
  industry: IndustryId;
  modelId: string;
  /** Model title (meta.title), optional. */
  modelTitle?: string;
  /** ISO dates (YYYY-MM-DD). */
  assessedFrom?: string;
  assessedTo?: string;
  reportDate?: string;
  /** Assessment team: leader first. */
  team?: { name: string; role?: string }[];
  /** Free text: size, sub-sector, stage of development (used in the suggestions' introduction). */
  profile?: string;
}

/** Evidence and rationale of one requirement's score. */
export interface RequirementNote {
  evidence?: string;
  rationale?: string;
}

export function industryLabel(industry: IndustryId): string {
  return `${INDUSTRY_NAMES_ZH[industry]}（${industry}）`;
}

/** Column letter(s) of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

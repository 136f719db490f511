/**
 * The Table 2 grades as the web app shows them: values, labels and tenths come from `src/model/grades.ts` (read
 * from the standard's data); this file adds the one colour map of the web app, by grade key.
 */
import { gradeOfValue, type GradeKey, type ScoreValue } from '@engine/model/grades';

export { GRADES, SCORE_VALUES, tenthsOf } from '@engine/model/grades';

/** `solid`: a selected grade button; `tag`: an antd Tag colour. */
export const GRADE_COLORS: Record<GradeKey, { solid: string; tag: string }> = {
  full: { solid: '#237804', tag: 'green' },
  mostly: { solid: '#5b8c00', tag: 'lime' },
  partly: { solid: '#ad6800', tag: 'gold' },
  none: { solid: '#a8071a', tag: 'red' },
};

export function gradeColor(v: ScoreValue): { solid: string; tag: string } {
  return GRADE_COLORS[gradeOfValue(v).key];
}

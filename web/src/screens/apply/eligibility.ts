import type { EligibilityAnswers } from '@engine/contract/index';

/** 4.2.1 eligibility declarations, in the standard's order. */
export const ELIGIBILITY_KEYS: readonly (keyof EligibilityAnswers)[] = [
  'compliesWithLaws',
  'truthfulnessCommitment',
  'hasTransformationPlan',
  'noMajorSafetyAccident',
  'noMajorEnvironmentalIncident',
];

export function eligibilityComplete(checked: readonly string[]): boolean {
  return ELIGIBILITY_KEYS.every((k) => checked.includes(k));
}

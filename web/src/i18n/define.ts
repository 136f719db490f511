/**
 * Messages of one feature, in both languages: `en` must have exactly the keys of `zh` (the type says so).
 * Each feature keeps its strings in `web/src/i18n/features/<feature>.ts` and is added once in messages.ts.
 */
export interface FeatureMessages<Z extends Record<string, string>> {
  zh: Z;
  en: Record<keyof Z, string>;
}

export function defineMessages<const Z extends Record<string, string>>(
  zh: Z,
  en: Record<keyof Z, string>,
): FeatureMessages<Z> {
  return { zh, en };
}

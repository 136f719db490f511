/**
 * Messages loaded with their screen, not with the first script: a feature (`features/<feature>.ts` and its
 * `<feature>.en.ts`) that only lazily loaded screens import and that is NOT added to messages.ts / messages-en.ts —
 * the login page's initial chunk stays within its budget. Looked up here in the current language (i18n.test.ts
 * checks their keys and placeholders as it does the others').
 */
import { format, useI18n } from './i18n';

export type FeatureText<Z extends Record<string, string>> = (
  key: keyof Z & string,
  vars?: Record<string, string | number>,
) => string;

export function useFeatureText<Z extends Record<string, string>>(
  zh: Z,
  en: Record<keyof Z, string>,
): FeatureText<Z> {
  const { lang } = useI18n();
  return (key, vars) => format((lang === 'en' ? en[key] : zh[key]) ?? key, vars);
}

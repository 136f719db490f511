/**
 * Messages of a lazily loaded feature (`i18n/lazy/<feature>.ts`): both languages travel with the screens that
 * import them — never in the first script's dictionaries (messages.ts, messages-en.ts) — and are looked up in the
 * current language here. `en` has exactly the keys of `zh` (the type says so; i18n.test.ts checks placeholders).
 */
import { useCallback } from 'react';
import { useI18n } from '../i18n';
import { format } from '../translate';

export interface LazyMessages<Z extends Record<string, string>> {
  zh: Z;
  en: Record<keyof Z, string>;
}

export function defineLazyMessages<const Z extends Record<string, string>>(
  zh: Z,
  en: Record<keyof Z, string>,
): LazyMessages<Z> {
  return { zh, en };
}

export type FeatureText<Z> = (key: keyof Z & string, vars?: Record<string, string | number>) => string;

export function useFeatureText<Z extends Record<string, string>>(m: LazyMessages<Z>): FeatureText<Z> {
  const { lang } = useI18n();
  return useCallback(
    (key: keyof Z & string, vars?: Record<string, string | number>) =>
      format((lang === 'en' ? m.en[key] : m.zh[key]) as string, vars),
    [lang, m],
  );
}

/** Tiny own i18n: zh-CN default, English switch; the choice is kept in localStorage. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { gradeOfValue, type ScoreValue } from '@engine/model/grades';
import type { MessageKey } from './messages';
import { format, langLoaded, loadLang, translate, type Lang } from './translate';
import { errorText } from './errors';

export { format, loadLang, translate, type Lang };

export type TFunc = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunc;
  /** Picks the Chinese or English variant of a model text (`name` / `nameEn`). */
  pick: (zhText: string, enText: string | undefined) => string;
  /** The label of a Table 2 grade (全部满足 … / Fully met …), from the standard's data. */
  grade: (v: ScoreValue) => string;
  /** Any error (an ApiError above all) as a sentence in the current language. */
  err: (e: unknown) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  try {
    const v = localStorage.getItem('dtma.lang');
    if (v === 'en' || v === 'zh') return v;
  } catch {
    /* no storage */
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // The language shown: switches only once its dictionary is loaded (English is a chunk of its own).
  const [lang, setLangState] = useState<Lang>(() => (langLoaded(initialLang()) ? initialLang() : 'zh'));
  const apply = useCallback((l: Lang) => {
    setLangState(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);
  useEffect(() => {
    const wanted = initialLang();
    if (wanted !== 'zh') void loadLang(wanted).then(() => apply(wanted));
  }, [apply]);
  const setLang = useCallback(
    (l: Lang) => {
      try {
        localStorage.setItem('dtma.lang', l);
      } catch {
        /* ignore */
      }
      void loadLang(l).then(() => apply(l));
    },
    [apply],
  );
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zhText, enText) => (lang === 'en' && enText ? enText : zhText),
      grade: (v) => (lang === 'en' ? gradeOfValue(v).labelEn : gradeOfValue(v).label),
      err: (e) => errorText(lang, e),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

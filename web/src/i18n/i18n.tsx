/** Tiny own i18n: zh-CN default, English switch; the choice is kept in localStorage. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { gradeOfValue, type ScoreValue } from '@engine/model/grades';
import { en, zh, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  return format(DICTS[lang][key], vars);
}

export type TFunc = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunc;
  /** Picks the Chinese or English variant of a model text (`name` / `nameEn`). */
  pick: (zhText: string, enText: string | undefined) => string;
  /** The label of a Table 2 grade (全部满足 … / Fully met …), from the standard's data. */
  grade: (v: ScoreValue) => string;
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
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem('dtma.lang', l);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zhText, enText) => (lang === 'en' && enText ? enText : zhText),
      grade: (v) => (lang === 'en' ? gradeOfValue(v).labelEn : gradeOfValue(v).label),
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

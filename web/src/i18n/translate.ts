/** Looking a message up in a language and filling its `{name}` placeholders (no React). */
import { zh, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
/** Chinese is always here; English arrives with `loadLang('en')` (its own chunk). */
const DICTS: { zh: Record<MessageKey, string>; en?: Record<MessageKey, string> } = { zh };

/** Loads a language's dictionary (English: the messages-en chunk); resolves at once when it is here. */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en' && !DICTS.en) DICTS.en = (await import('./messages-en')).en;
}

/** Whether `lang`'s dictionary is loaded (until then `translate` answers in Chinese). */
export function langLoaded(lang: Lang): boolean {
  return lang === 'zh' || DICTS.en !== undefined;
}

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  return format((DICTS[lang] ?? DICTS.zh)[key], vars);
}

/** Looking a message up in a language and filling its `{name}` placeholders (no React). */
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

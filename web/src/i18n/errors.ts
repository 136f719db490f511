/**
 * Errors in the user's language: the server's `{ code, field, params }` (src/service/errors.ts, src/http/errors.ts)
 * becomes a sentence in Chinese or English naming the field in the user's terms; the server's English `message`
 * is never shown. `fieldPath` gives the form field the error belongs to, so screens can show it next to it.
 */
import { gradeOfValue, isScoreValue } from '@engine/model/grades';
import type { ApiError } from '../api/client';
import { zh, type MessageKey } from './messages';
import { format, type Lang, translate } from './translate';

/** Request validation keywords (Ajv, through src/http/errors.ts) the web app words itself. */
export const VALIDATION_KEYWORDS = [
  'required',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'type',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'additionalProperties',
  'nul',
  'request',
  'invalid',
  'const',
  'anyOf',
  'oneOf',
  'uniqueItems',
  'maxProperties',
] as const;

const REQUEST_PARTS = ['body', 'params', 'querystring', 'query'];
/** Field prefixes that name the record, not the field (`plan.purpose`, `meeting.heldAt`, `write.rationale`). */
const RECORD_PREFIXES = ['plan', 'meeting', 'write', 'item', 'application', 'form'];

/** The form path of an error field: `body.schedule.0.date` / `plan.schedule.0.date` → ['schedule', 0, 'date']. */
export function fieldPath(field: string | undefined): (string | number)[] {
  if (!field) return [];
  const segs = field.split('.').filter(Boolean);
  while (segs.length > 1 && (REQUEST_PARTS.includes(segs[0]!) || RECORD_PREFIXES.includes(segs[0]!)))
    segs.shift();
  return segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function has(key: string): key is MessageKey {
  return key in zh;
}

/** The label of the last named segment of a field (`schedule.0.date` → 日期), or a neutral word. */
export function fieldLabel(lang: Lang, field: string | undefined): string {
  const names = fieldPath(field).filter((s): s is string => typeof s === 'string');
  for (let i = names.length - 1; i >= 0; i--) {
    const key = `field.${names[i]}`;
    if (has(key)) return translate(lang, key);
  }
  return translate(lang, 'field.unknown');
}

type Params = Readonly<Record<string, string | number | boolean | null>>;

/** The message key for a code and its parameters, most specific first. */
export function errorKey(code: string, field: string | undefined, params: Params | undefined): MessageKey {
  const rule = typeof params?.rule === 'string' ? params.rule : undefined;
  // A rule of one field (`newPassword` + `minLength`: the password rules) reads best in that field's words.
  const name = fieldPath(field)
    .filter((s): s is string => typeof s === 'string')
    .pop();
  if (rule && name && has(`rule.${name}.${rule}`)) return `rule.${name}.${rule}` as MessageKey;
  if (code === 'VALIDATION' && rule && REQUEST_PARTS.includes(field?.split('.')[0] ?? '')) {
    const k = `validation.${rule}`;
    if (has(k)) return k;
  }
  const candidates: string[] = [];
  if (rule) {
    candidates.push(`rule.${code}.${rule}`);
    // A rule without its code reads right only where the code says "the input is not acceptable".
    if (code === 'VALIDATION' || code === 'DEADLINE_PASSED' || code === 'RULE_VIOLATION') {
      // The rule, then its parents: `sections.analysis` → `sections`.
      const segs = rule.split('.');
      for (let n = segs.length; n > 0; n--) candidates.push(`rule.${segs.slice(0, n).join('.')}`);
    }
  }
  if (params) for (const k of Object.keys(params)) if (k !== 'rule') candidates.push(`rule.${code}.${k}`);
  if (typeof params?.reason === 'string') candidates.push(`rule.${code}.${params.reason}`);
  if (code === 'VALIDATION' && !rule) candidates.push('validation.invalid');
  candidates.push(`error.${code}`);
  for (const k of candidates) if (has(k)) return k;
  return 'error.INTERNAL';
}

function localTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The values a message may name, derived from the raw parameters (labels, local times, sizes). */
export function messageVars(lang: Lang, field: string | undefined, params: Params | undefined) {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}))
    if (v !== null) vars[k] = typeof v === 'boolean' ? String(v) : v;
  vars.field = fieldLabel(lang, field);
  if (typeof params?.teamValue === 'string' && isScoreValue(params.teamValue)) {
    const g = gradeOfValue(params.teamValue);
    vars.teamValueLabel = lang === 'zh' ? g.label : g.labelEn;
  }
  if (typeof params?.deadline === 'string') vars.deadlineLocal = localTime(lang, params.deadline);
  if (typeof params?.stage === 'string' && has(`stage.${params.stage}`))
    vars.stageName = translate(lang, `stage.${params.stage}` as MessageKey);
  if (typeof params?.command === 'string')
    vars.commandName = has(`command.${params.command}`)
      ? translate(lang, `command.${params.command}` as MessageKey)
      : translate(lang, 'field.unknown');
  if (typeof params?.retryAfter === 'number') vars.minutes = Math.max(1, Math.ceil(params.retryAfter / 60));
  if (typeof params?.maxBytes === 'number') vars.megabytes = Math.round(params.maxBytes / 1024 / 1024);
  if (typeof params?.limitBytes === 'number') vars.limitMb = Math.round(params.limitBytes / 1024 / 1024);
  if (typeof params?.usedBytes === 'number') vars.usedMb = Math.round(params.usedBytes / 1024 / 1024);
  if (!('limit' in vars) && typeof params?.max === 'number') vars.limit = params.max;
  for (const k of ['missingCount', 'pendingCount', 'item', 'limit'])
    if (!(k in vars)) vars[k] = k === 'limit' ? '' : 0;
  return vars;
}

function capitalise(lang: Lang, s: string): string {
  return lang === 'en' && s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A sentence for any error thrown by the API client (or anything else: a neutral sentence). */
export function errorText(lang: Lang, e: unknown): string {
  const api = e as Partial<ApiError> | null;
  if (!api || typeof api !== 'object' || typeof api.code !== 'string' || typeof api.status !== 'number')
    return translate(lang, 'error.INTERNAL');
  const key = errorKey(api.code, api.field, api.params);
  return capitalise(lang, format(translate(lang, key), messageVars(lang, api.field, api.params)));
}

/** The form path an error belongs to (empty when it concerns no single field). */
export function errorField(e: unknown): (string | number)[] {
  const api = e as Partial<ApiError> | null;
  return api && typeof api === 'object' && typeof api.field === 'string' ? fieldPath(api.field) : [];
}

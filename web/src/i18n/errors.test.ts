/**
 * Every error the server can send has a sentence in both languages (issue 12, defect 2): every code of the
 * contract, every request-validation keyword, and every rule the process and the use cases name — found by
 * reading their sources, so a new `fail(…)` or `validation(…)` without a translation fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@engine/contract/errors';
import { zh } from './messages';
import { en } from './messages-en';
import { errorKey, errorText, fieldLabel, fieldPath, VALIDATION_KEYWORDS } from './errors';
import { loadLang } from './translate';

// English is a chunk of its own, loaded when chosen (translate.ts).
beforeAll(() => loadLang('en'));

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const PROCESS_CODE: Record<string, string> = {
  validation: 'VALIDATION',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  illegal_transition: 'INVALID_TRANSITION',
  conflict: 'VERSION_CONFLICT',
  locked: 'LOCKED',
  deadline_passed: 'DEADLINE_PASSED',
};

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(join(SRC, dir))
    .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('test-fixtures'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(SRC, dir, f), 'utf8') }));
}

/** The text of each call `name(…)` in `text` (balanced parentheses, strings skipped). */
function calls(text: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\b${name}\\(`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let i = m.index + name.length;
    let quote: string | null = null;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') {
        depth--;
        if (depth === 0) break;
      }
    }
    out.push(text.slice(m.index + name.length + 1, i));
  }
  return out;
}

/** Top-level arguments of a call's text. */
function args(call: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < call.length; i++) {
    const c = call[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(call.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (call.slice(start).trim()) out.push(call.slice(start).trim());
  return out;
}

/** A field argument as written → the rule the server derives (template parts: indices dropped, others `*`). */
function ruleOfArg(arg: string | undefined, prefix = ''): string | undefined {
  if (!arg || arg === 'undefined') return undefined;
  let a = arg;
  const f = /^f\((.*)\)$/s.exec(a);
  if (f) {
    a = f[1]!;
    prefix = 'plan.';
  }
  const lit = /^['`](.*)['`]$/s.exec(a);
  if (!lit) return undefined; // a computed field (a variable): named by an explicit rule or not user-facing
  const body = lit[1]!.replace(/\$\{field\}/g, 'item').replace(/\$\{(i|index)\}/g, '0');
  return (prefix + body)
    .replace(/^(body|params|querystring)\./, '')
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .join('.');
}

function resolves(code: string, rule: string, field?: string): boolean {
  // A computed part (`eligibility.${f.key}`): a sentence for the fixed part before it.
  const fixed = rule.split('.${')[0]!;
  return errorKey(code, field, { rule: fixed }).startsWith('rule.');
}

describe('error messages (issue 12, defect 2)', () => {
  it('every error code of the contract, and NETWORK, has a sentence in both languages', () => {
    for (const code of [...ERROR_CODES, 'NETWORK']) {
      expect(zh, code).toHaveProperty([`error.${code}`]);
      expect(en, code).toHaveProperty([`error.${code}`]);
    }
  });

  it('every request-validation keyword has a sentence', () => {
    for (const k of VALIDATION_KEYWORDS) expect(zh, k).toHaveProperty([`validation.${k}`]);
  });

  it('every rule the process refuses input with (validation, deadline) has its own sentence', () => {
    const missing: string[] = [];
    let n = 0;
    for (const { file, text } of sources('process')) {
      for (const c of calls(text, 'fail')) {
        const [codeArg, , fieldArg, detailsArg] = args(c);
        const code = PROCESS_CODE[/^'(\w+)'$/.exec(codeArg ?? '')?.[1] ?? ''];
        if (code !== 'VALIDATION' && code !== 'DEADLINE_PASSED') continue;
        const explicit = /\brule:\s*'([\w.-]+)'/.exec(detailsArg ?? '')?.[1];
        const rule = explicit ?? ruleOfArg(fieldArg);
        if (!rule) continue;
        n++;
        if (!resolves(code, rule)) missing.push(`${file}: ${code} ${rule}`);
      }
    }
    expect(n).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('every rule the use cases refuse input with has its own sentence', () => {
    const missing: string[] = [];
    let n = 0;
    for (const { file, text } of sources('service')) {
      for (const c of calls(text, 'validation')) {
        const [, fieldArg, paramsArg] = args(c);
        const rule = /\brule:\s*'([\w.-]+)'/.exec(paramsArg ?? '')?.[1] ?? ruleOfArg(fieldArg);
        if (!rule) continue;
        n++;
        const field = /^'([\w.]+)'$/.exec(fieldArg ?? '')?.[1];
        if (!resolves('VALIDATION', rule, field)) missing.push(`${file}: ${rule}`);
      }
      for (const m of text.matchAll(/new ServiceError\(\s*'(\w+)'[^;]*?\brule:\s*'([\w.-]+)'/gs)) {
        n++;
        const key = errorKey(m[1]!, undefined, { rule: m[2]!, stage: 'scoring' });
        if (key === 'error.INTERNAL') missing.push(`${file}: ${m[1]} ${m[2]}`);
      }
    }
    expect(n).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('words the errors of the issue naturally, next to the field concerned', () => {
    const err = (status: number, code: string, field?: string, params?: Record<string, string | number>) => ({
      status,
      code,
      field,
      params,
    });
    // body.schedule.0.date … must match pattern "^\d{4}-\d{2}-\d{2}$"
    const date = err(400, 'VALIDATION', 'body.schedule.0.date', { rule: 'pattern' });
    expect(errorText('zh', date)).toBe('日期的格式不正确。');
    expect(fieldPath(date.field)).toEqual(['schedule', 0, 'date']);
    // body/rationale must NOT have fewer than 1 characters
    expect(errorText('zh', err(400, 'VALIDATION', 'body.rationale', { rule: 'minLength', limit: 1 }))).toBe(
      '请填写理由。',
    );
    expect(errorText('en', err(400, 'VALIDATION', 'body.rationale', { rule: 'minLength', limit: 1 }))).toBe(
      'Please fill in the rationale.',
    );
    // submit the evidence (证明材料) for the requirements first
    expect(errorText('zh', err(422, 'VALIDATION', 'evidence', { rule: 'application.evidence' }))).toBe(
      '请先为评估要求上传证明材料，再提交申请。',
    );
    // the 正式评估计划 is missing
    expect(errorText('zh', err(400, 'VALIDATION', 'plans.formal', { rule: 'plans.formal' }))).toBe(
      '尚未编制正式评估计划。',
    );
    // the contest window is open until 2026-12-05T22:24:02.481Z…
    const open = errorText(
      'zh',
      err(400, 'VALIDATION', 'contestWindow', {
        rule: 'contestWindow.open',
        deadline: '2026-12-05T22:24:02.481Z',
      }),
    );
    expect(open).toMatch(/^申诉期至 2026\/12\/0[56] \d\d:\d\d 结束/);
    expect(open).not.toMatch(/T\d\d:|Z/);
    // a contest asking for a lower grade (defect 4)
    expect(
      errorText(
        'zh',
        err(400, 'VALIDATION', 'requestedValue', { rule: 'contest.requestedValue.notAbove', teamValue: '1' }),
      ),
    ).toContain('「全部满足」');
    expect(errorText('zh', err(401, 'UNAUTHENTICATED', undefined, { reason: 'credentials' }))).toBe(
      '用户名或密码错误。',
    );
    expect(errorText('zh', err(0, 'NETWORK'))).toBe('无法连接服务器，请检查网络。');
    expect(errorText('en', new Error('Failed to fetch'))).toBe(en['error.INTERNAL']);
  });

  it('names fields in the user’s terms, never by their wire names', () => {
    expect(fieldLabel('zh', 'body.contactPhone')).toBe('联系电话');
    expect(fieldLabel('zh', 'body.xyz')).toBe('该项');
    expect(fieldLabel('en', 'plan.schedule.2.activity')).toBe('the activity');
  });
});

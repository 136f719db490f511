import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zh } from './messages';
import { en } from './messages-en';
import { format, translate } from './i18n';
import { loadLang } from './translate';
import { pagingMessages } from './lazy/paging';
import { exportMessages } from './lazy/exports';

// English is a chunk of its own, loaded when chosen (translate.ts).
beforeAll(() => loadLang('en'));
import {
  STAGES,
  DISCIPLINES,
  EVIDENCE_METHODS,
  CONFLICT_KINDS,
  FIRST_MEETING_TOPICS,
  FINAL_MEETING_TOPICS,
} from '@engine/process/types';
import { COMMAND_TYPES } from '@engine/process/state-machine';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.trim(), `zh ${k}`).not.toBe('');
    for (const [k, v] of Object.entries(en)) expect(v.trim(), `en ${k}`).not.toBe('');
  });
  it('use the same placeholders in both languages', () => {
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[k]), k).toEqual(placeholders(zh[k]));
    }
  });
  it('cover every value of the process enums the UI shows', () => {
    const keys = new Set(Object.keys(zh));
    for (const s of STAGES) expect(keys.has(`stage.${s}`), s).toBe(true);
    for (const d of DISCIPLINES) expect(keys.has(`discipline.${d}`), d).toBe(true);
    for (const m of EVIDENCE_METHODS) expect(keys.has(`method.${m}`), m).toBe(true);
    for (const c of CONFLICT_KINDS) expect(keys.has(`conflict.${c}`), c).toBe(true);
    for (const t of [...FIRST_MEETING_TOPICS, ...FINAL_MEETING_TOPICS])
      expect(keys.has(`topic.${t}`), t).toBe(true);
  });
  it('name every process command in words (the history shows no raw command names)', () => {
    const keys = new Set(Object.keys(zh));
    for (const c of COMMAND_TYPES) expect(keys.has(`command.${c}`), c).toBe(true);
  });
  it('contain every static key used in the source', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(100);
    for (const k of used) expect(k in zh, k).toBe(true);
  });
});

describe('lazily loaded feature messages (i18n/lazy)', () => {
  const LAZY = { paging: pagingMessages, exports: exportMessages };
  it('have the same keys and placeholders in both languages, none empty', () => {
    for (const [name, m] of Object.entries(LAZY)) {
      expect(Object.keys(m.en).sort(), name).toEqual(Object.keys(m.zh).sort());
      for (const [k, v] of Object.entries(m.zh)) {
        expect(v.trim(), `${name} zh ${k}`).not.toBe('');
        expect((m.en as Record<string, string>)[k]!.trim(), `${name} en ${k}`).not.toBe('');
        expect(placeholders((m.en as Record<string, string>)[k]!), `${name} ${k}`).toEqual(placeholders(v));
        expect(k in zh, `${k} is also in the main dictionary`).toBe(false);
      }
    }
  });
  it('are used: every key of the paging messages appears in a screen', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !p.includes(`${join('i18n', 'lazy')}`))
          files.push(p);
      }
    };
    walk(root);
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const k of Object.keys(pagingMessages.zh)) expect(source, k).toMatch(new RegExp(`\\btp\\('${k}'`));
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('已评 {n} / {total} 条', { n: 3, total: 722 })).toBe('已评 3 / 722 条');
    expect(format('{a} {b}', { a: 'x' })).toBe('x {b}');
    expect(translate('en', 'live.answered', { n: 1, total: 2 })).toBe('1 / 2 answered');
  });
});

/** Feature messages loaded with their screen (i18n/lazy), not with the first script. */
const LAZY_FEATURES = { paging: pagingMessages, exports: exportMessages };

describe('messages loaded with their screens (i18n/lazy)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  it('stay out of the first script: messages.ts and messages-en.ts do not import them', () => {
    for (const file of ['i18n/messages.ts', 'i18n/messages-en.ts']) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const name of Object.keys(LAZY_FEATURES)) expect(text, file).not.toMatch(`./lazy/${name}`);
    }
  });
  it('contain every key the screens look up with tx(…)', () => {
    const keys = new Set(Object.keys(exportMessages.zh));
    const used: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
          for (const m of readFileSync(p, 'utf8').matchAll(/\btx\('([\w.]+)'/g)) used.push(m[1]!);
      }
    };
    walk(root);
    expect(used.length).toBeGreaterThan(3);
    for (const k of used) expect(keys.has(k), k).toBe(true);
  });
});

/** `dtma model diff A B`: what changed between two model versions, and the mapping file between them. */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { diffModels, mappingOf, type ModelDiff } from '../../model/diff.js';
import { loadModel } from '../../model/load.js';
import type { StandardModel } from '../../model/types.js';
import { CliCommandError } from '../errors.js';
import { renderTable } from '../text-table.js';

export interface ModelDiffOptions {
  json?: boolean;
  /** Write the mapping file here. */
  mapping?: string;
  threshold?: string;
}

/** A model version by id (under standard/) or by the path of its folder. */
export function modelByIdOrPath(ref: string): StandardModel {
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref) && !existsSync(ref)) return loadModel(ref);
  const folder = resolve(ref);
  if (!existsSync(folder)) throw new CliCommandError(`model ${ref}: neither a model id nor a folder`);
  return loadModel(basename(folder), dirname(folder));
}

/** The changed middle of two texts with a few characters of context (the common start and end left out). */
export function changedPart(before: string, after: string, context = 6): [string, string] {
  const a = [...before];
  const b = [...after];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const from = Math.max(0, i - context);
  const cut = (x: string[]) =>
    (from > 0 ? '…' : '') +
    x.slice(from, x.length - j + Math.min(j, context)).join('') +
    (j > context ? '…' : '');
  return [cut(a), cut(b)];
}

const short = (s: string, n = 60) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);

export function formatDiff(d: ModelDiff): string {
  const out: string[] = [
    `${d.from} → ${d.to}: ${d.unchanged} unchanged, ${d.added.length} added, ${d.removed.length} removed, ` +
      `${d.moved.length} moved, ${d.reworded.length} reworded, ${d.weights.length} weights changed ` +
      `(reworded = text similarity ≥ ${d.threshold})`,
  ];
  if (d.added.length)
    out.push(
      '',
      '新增 added',
      renderTable(
        ['id', 'text'],
        d.added.map((r) => [r.id, short(r.text)]),
      ),
    );
  if (d.removed.length)
    out.push(
      '',
      '删除 removed',
      renderTable(
        ['id', 'text'],
        d.removed.map((r) => [r.id, short(r.text)]),
      ),
    );
  if (d.moved.length)
    out.push(
      '',
      '移动 moved',
      renderTable(
        ['from', 'to', 'similarity', 'reworded'],
        d.moved.map((m) => [m.from.id, m.to.id, m.similarity.toFixed(3), m.reworded ? 'yes' : 'no']),
      ),
    );
  if (d.reworded.length)
    out.push(
      '',
      '改写 reworded',
      renderTable(
        ['id', 'similarity', 'before', 'after'],
        d.reworded.map((r) => {
          const [before, after] = changedPart(r.before, r.after);
          return [r.id, r.similarity.toFixed(3), short(before, 40), short(after, 40)];
        }),
      ),
    );
  if (d.weights.length)
    out.push(
      '',
      '权重 weights (Table 1)',
      renderTable(
        ['sub-domain', 'id', 'from', 'to'],
        d.weights.map((w) => [
          w.name,
          w.subdomainId,
          w.from === null ? '—' : `${w.from}%`,
          w.to === null ? '—' : `${w.to}%`,
        ]),
      ),
    );
  return out.join('\n');
}

export function modelDiffCommand(
  a: string,
  b: string,
  options: ModelDiffOptions,
  print: (t: string) => void,
): void {
  const threshold = options.threshold === undefined ? undefined : Number(options.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    throw new CliCommandError('--threshold must be a number in (0, 1]');
  const d = diffModels(modelByIdOrPath(a), modelByIdOrPath(b), threshold);
  if (options.mapping) {
    writeFileSync(options.mapping, JSON.stringify(mappingOf(d), null, 2) + '\n');
  }
  print(options.json ? JSON.stringify(d, null, 2) : formatDiff(d));
  if (options.mapping && !options.json) print(`\nmapping written to ${options.mapping}`);
}

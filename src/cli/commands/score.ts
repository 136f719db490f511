/** `dtma score`: scores one file, or every `*.json` file of a folder, and prints the result. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadModel, ModelLoadError } from '../../model/load.js';
import { INDUSTRY_NAMES_ZH, LEVEL_CODES, type IndustryId } from '../../model/types.js';
import {
  type CompiledScoring,
  compileScoring,
  score,
  type ScoreResult,
  ScoringError,
} from '../../scoring/index.js';
import { BatchFailedError } from '../errors.js';
import { policyOverrides, type PolicyFlags } from '../policy-options.js';
import { createProgress, type ProgressStream } from '../progress.js';
import { InputFileError, parseScoreInput } from '../score-input.js';
import { renderTable } from '../text-table.js';

export interface ScoreCommandOptions extends PolicyFlags {
  industry?: IndustryId;
  model?: string;
  json?: boolean;
  partial?: boolean;
  trace?: boolean;
}

export class CliUsageError extends Error {}

const DEFAULT_MODEL = 'nfm-dtmm-2024-draft';

/** Files to score: the file itself, or the folder's `*.json` files in name order. */
export function inputFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(path, f));
}

/**
 * `dtma score FILE|FOLDER`: one file prints its result (an error is thrown as is); a folder scores every file
 * with progress on stderr, prints the results of the good files and then fails listing every bad file.
 */
export async function scoreCommand(
  path: string,
  options: ScoreCommandOptions,
  print: (text: string) => void,
  progressStream: ProgressStream = process.stderr,
): Promise<void> {
  const compiledFor = compiledCache(options);
  const files = inputFiles(path);
  const single = files.length === 1 && files[0] === path;
  const results: { file: string; result: ScoreResult }[] = [];
  const failures: { file: string; message: string }[] = [];
  if (single) {
    results.push({ file: path, result: scoreFile(path, options, compiledFor) });
  } else {
    const progress = createProgress(files.length, 'score', progressStream);
    try {
      for (const file of files) {
        progress.start(file);
        try {
          results.push({ file, result: scoreFile(file, options, compiledFor) });
          progress.done(file);
        } catch (error) {
          if (!isFileError(error)) throw error;
          failures.push({ file, message: (error as Error).message });
          progress.done(file, (error as Error).message);
        }
        // Let the bar's timer run between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      progress.stop();
    }
  }
  if (options.json) {
    print(JSON.stringify(single ? results[0]!.result : results, null, 2));
  } else if (results.length > 0) {
    print(
      results
        .map(({ file, result }) => formatResult(result, files.length > 1 ? file : undefined))
        .join('\n\n'),
    );
  }
  if (failures.length > 0) throw new BatchFailedError(failures, files.length);
}

/** Errors that concern one input file (a batch reports them and goes on). */
export function isFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    error instanceof InputFileError ||
    error instanceof ScoringFileError ||
    error instanceof CliUsageError ||
    error instanceof ModelLoadError ||
    code === 'ENOENT' ||
    code === 'EISDIR' ||
    code === 'EACCES'
  );
}

/** Scores one file; errors name the file. */
export function scoreFile(
  file: string,
  options: ScoreCommandOptions,
  compiledFor: (modelId: string, industry: IndustryId) => CompiledScoring,
): ScoreResult {
  const input = parseScoreInput(readFileSync(file, 'utf8'), file);
  const industry = options.industry ?? input.industry;
  if (!industry) {
    throw new CliUsageError(
      `${file}: no industry — pass --industry mining|smelting|processing or set "industry" in the file`,
    );
  }
  if (options.industry && input.industry && options.industry !== input.industry) {
    throw new CliUsageError(
      `${file}: the file is for industry ${input.industry}, --industry says ${options.industry}`,
    );
  }
  const modelId = options.model ?? input.modelId ?? DEFAULT_MODEL;
  try {
    return score(compiledFor(modelId, industry), input.scores, {
      partial: options.partial,
      trace: options.trace,
    });
  } catch (error) {
    if (error instanceof ScoringError) throw new ScoringFileError(file, error);
    throw error;
  }
}

export class ScoringFileError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: ScoringError,
  ) {
    const details = cause.issues.slice(0, 30).map((i) => `  ${i.id}: ${i.message}`);
    if (cause.issues.length > 30) details.push(`  … and ${cause.issues.length - 30} more`);
    super([`${file}: ${cause.code}: ${cause.message}`, ...details].join('\n'));
    this.name = 'ScoringFileError';
  }
}

/** A compiled scorer per model × industry for this run's policy. */
export function compiledCache(
  options: ScoreCommandOptions,
): (modelId: string, industry: IndustryId) => CompiledScoring {
  const cache = new Map<string, CompiledScoring>();
  const overrides = policyOverrides(options);
  return (modelId, industry) => {
    const key = `${modelId}/${industry}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compileScoring(loadModel(modelId), industry, overrides);
      cache.set(key, compiled);
    }
    return compiled;
  };
}

export function formatResult(result: ScoreResult, file?: string): string {
  const c = result.conclusion;
  const out: string[] = [];
  if (file) out.push(`■ ${basename(file)}`);
  out.push(
    `${INDUSTRY_NAMES_ZH[result.industry]} (${result.industry}) · model ${result.modelId} · ` +
      `rescaling ${result.policy.weightRescaling} · met when ${result.policy.levelMetComparison === 'at-least' ? '≥' : '>'} ${result.policy.levelMetThreshold}` +
      (result.policy.gating ? ' · gating on' : ''),
  );
  if (!result.complete)
    out.push(`partial result: ${result.missing.length} requirements without a score, counted as 0`);
  out.push('');
  out.push(
    renderTable(
      ['能力域 domain', ...LEVEL_CODES],
      result.domains.map((d) => [d.name, ...LEVEL_CODES.map((l) => d.levels[l]?.display ?? '—')]),
    ),
  );
  out.push('');
  out.push(
    renderTable(
      ['等级 level', '得分 score', '满足 met', '计入 counts'],
      result.levels.map((l) => [
        l.level,
        l.score.display,
        l.met ? (l.flagged ? 'yes (lower level unmet)' : 'yes') : 'no',
        l.contribution.display,
      ]),
    ),
  );
  out.push('');
  out.push(
    `总分 total S = ${result.levels.map((l) => l.contribution.display).join(' + ')} = ${result.total.display}`,
  );
  out.push(
    `结论 conclusion: ${c.belowLevel1 ? c.name : `${c.ordinal} ${c.name} (${c.nameEn})`}  [${c.interval}]`,
  );
  if (result.gatingFlags.length) {
    out.push(`note: ${result.gatingFlags.join(', ')} counted as met although a lower level is not met`);
  }
  return out.join('\n');
}

export { InputFileError };

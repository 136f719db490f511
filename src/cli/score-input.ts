/**
 * Reading a score input file (`dtma score FILE.json`): JSON syntax errors name the line and column,
 * schema errors name the JSON path; the file's grades are passed on as given (the engine parses them).
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { jsonErrorOffset } from './json-error-offset.js';
import type { IndustryId } from '../model/types.js';

export const SCORE_INPUT_SCHEMA_URL = new URL('../../schemas/score-input.schema.json', import.meta.url);

export interface ScoreInput {
  modelId?: string;
  industry?: IndustryId;
  scores: Record<string, string | number>;
}

export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${file}${where ? ` ${where}` : ''}: ${detail}`);
    this.name = 'InputFileError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ReturnType<Ajv['compile']> {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCORE_INPUT_SCHEMA_URL, 'utf8')) as object;
    validator = new Ajv({ allErrors: true }).compile(schema);
  }
  validator(value);
  return validator;
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function parseScoreInput(text: string, file: string): ScoreInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text) ?? 0;
    const { line, column } = lineAndColumn(text, offset);
    throw new InputFileError(
      file,
      `line ${line}, column ${column}`,
      `invalid JSON (${(error as Error).message})`,
    );
  }
  const check = validate(value);
  if (check.errors?.length) {
    // Report the most specific errors: those below the root; fall back to the root error.
    const specific = check.errors.filter((e) => e.instancePath !== '');
    const errors = specific.length ? specific : check.errors;
    const lines = errors
      .slice(0, 20)
      .map(
        (e) =>
          `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'propertyName' in e.params ? ` (${String(e.params.propertyName)})` : ''}`,
      );
    throw new InputFileError(
      file,
      '',
      `does not match the score input schema:\n  ${[...new Set(lines)].join('\n  ')}`,
    );
  }
  if (value && typeof value === 'object' && 'scores' in value) return value as ScoreInput;
  return { scores: value as Record<string, string | number> };
}

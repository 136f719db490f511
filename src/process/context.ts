import type { IndustryId } from '../model/types.js';
import type {
  Assessment,
  CommandOf,
  CommandType,
  JsonValue,
  ProcessActor,
  ProcessError,
  ProcessOptions,
} from './types.js';

/** What every guard and effect gets besides the assessment and the command. */
export interface Ctx {
  actor: ProcessActor;
  now: Date;
  /** `now` as ISO-8601. */
  at: string;
  options: ProcessOptions;
  /** In the assessment's scope and (when injected) a requirement of its industry. */
  inScope: (requirementId: string) => boolean;
  /** The injected model lookup, if any. */
  isRequirementOf?: (industry: IndustryId, id: string) => boolean;
}

export interface EventDraft {
  type: string;
  data: { [key: string]: JsonValue };
}

export interface Step {
  assessment: Assessment;
  events: EventDraft[];
}

/** A guard: the rule of the standard that must hold for the command; `null` when it holds. */
export type Guard<K extends CommandType> = (
  a: Assessment,
  cmd: CommandOf<K>,
  ctx: Ctx,
) => ProcessError | null;
/** An effect: the new state (stage, version and history are set by the state machine). */
export type Effect<K extends CommandType> = (a: Assessment, cmd: CommandOf<K>, ctx: Ctx) => Step;

export const noGuard = (): null => null;

/** The first error of a list, with every problem listed in `details.problems`. */
export function firstOf(errors: ProcessError[]): ProcessError | null {
  const [first] = errors;
  if (first === undefined) return null;
  if (errors.length === 1) return first;
  return {
    ...first,
    details: {
      ...(first.details ?? {}),
      problems: errors.map((e) => ({ field: e.field ?? null, message: e.message })),
    },
  };
}

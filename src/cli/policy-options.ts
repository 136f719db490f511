/** The scoring-policy flags shared by `dtma model show` and `dtma score`. */
import { Option, type Command } from 'commander';
import type { ScoringPolicy } from '../model/types.js';

export interface PolicyFlags {
  rescale?: ScoringPolicy['weightRescaling'];
  threshold?: string;
  strict?: boolean;
  gating?: boolean;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--rescale <policy>', 'weight rescaling for sub-domains an industry lacks').choices([
        'within-domain',
        'within-type',
        'global',
      ]),
    )
    .option('--threshold <decimal>', 'level-met threshold, exact decimal (model default 0.8)')
    .option('--strict', 'a level is met only when its score is strictly greater than the threshold ("超过")')
    .option('--gating', 'count a level as met only when every lower level is met');
}

export function policyOverrides(flags: PolicyFlags): Partial<ScoringPolicy> {
  const overrides: Partial<ScoringPolicy> = {};
  if (flags.rescale) overrides.weightRescaling = flags.rescale;
  if (flags.threshold !== undefined) overrides.levelMetThreshold = flags.threshold;
  if (flags.strict) overrides.levelMetComparison = 'greater-than';
  if (flags.gating) overrides.gating = true;
  return overrides;
}

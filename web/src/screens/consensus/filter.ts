import type { ConsensusItem } from '@engine/contract/index';

export type ConsensusFilter = 'disagreements' | 'undecided' | 'all';

export function consensusFilter(
  i: Pick<ConsensusItem, 'disagreement' | 'team'>,
  f: ConsensusFilter,
): boolean {
  if (f === 'disagreements') return i.disagreement;
  if (f === 'undecided') return i.team === null;
  return true;
}

import type { ConsensusItem } from '../../api/contract';

export type ConsensusFilter = 'disagreements' | 'undecided' | 'all';

export function consensusFilter(
  i: Pick<ConsensusItem, 'disagreement' | 'team'>,
  f: ConsensusFilter,
): boolean {
  if (f === 'disagreements') return i.disagreement;
  if (f === 'undecided') return i.team === null;
  return true;
}

import type { TeamRuleResult } from '@engine/process/team';
import type { TFunc } from '../../i18n/i18n';

/** Localised text of a team rule result (the process module's messages are English). */
export function teamRuleLabel(t: TFunc, r: TeamRuleResult, n: number): string {
  switch (r.rule) {
    case 'odd_size':
      return t('teamRule.odd', { n });
    case 'min_size':
      return t('teamRule.min', { n });
    case 'one_leader':
      return t('teamRule.oneLeader', { n: r.experts?.length ?? 0 });
    case 'distinct_members':
      return t('teamRule.distinct');
    case 'discipline_covered':
      return t('teamRule.discipline', { d: r.discipline ? t(`discipline.${r.discipline}`) : '' });
    case 'trained':
      return t('teamRule.trained');
    case 'no_conflict_of_interest':
      return t('teamRule.conflict');
  }
}

import Tag from 'antd/es/tag';
import Tooltip from 'antd/es/tooltip';
import type { RequirementEvidenceState } from '@engine/contract/index';
import { useI18n } from '../i18n/i18n';

export const REVIEW_COLOR = { accepted: 'green', needs_more: 'orange', rejected: 'red' } as const;

/**
 * 4.5.2 / 4.6.2: the state of a requirement's evidence beside it (consensus and expert scoring screens): the
 * worst review outcome, an open request with its due date, else the number of items.
 */
export function EvidenceStateTag({ state }: { state: RequirementEvidenceState | undefined }) {
  const { t } = useI18n();
  if (!state) return null;
  const summary = t('review.state.summary', {
    items: state.items,
    accepted: state.accepted,
    needsMore: state.needsMore,
    rejected: state.rejected,
    unreviewed: state.unreviewed,
  });
  const outcome =
    state.rejected > 0
      ? 'rejected'
      : state.needsMore > 0
        ? 'needs_more'
        : state.items > 0 && state.accepted === state.items
          ? 'accepted'
          : null;
  return (
    <Tooltip title={summary}>
      <span data-testid="evidence-state">
        {outcome ? (
          <Tag color={REVIEW_COLOR[outcome]}>{t(`review.outcome.${outcome}`)}</Tag>
        ) : state.items > 0 ? (
          <Tag>{t('review.unreviewed')}</Tag>
        ) : null}
        {state.dueDate && <Tag color="orange">{t('review.state.request', { date: state.dueDate })}</Tag>}
      </span>
    </Tooltip>
  );
}

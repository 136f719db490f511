import Card from 'antd/es/card';
import Progress from 'antd/es/progress';
import Statistic from 'antd/es/statistic';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import type { ScoreResult } from '../engine/live';
import { useI18n } from '../i18n/i18n';

/** Level scores, total and conclusion of a (partial) result. */
export function LiveResult({
  result,
  answered,
  total,
  title,
}: {
  result: ScoreResult;
  answered: number;
  total: number;
  title?: string;
}) {
  const { t, pick } = useI18n();
  const c = result.conclusion;
  return (
    <Card size="small" title={title ?? t('live.title')} data-testid="live-result">
      <Statistic
        title={t('live.total')}
        value={result.total.display}
        suffix="/ 5"
        valueStyle={{ fontSize: 28 }}
      />
      <div style={{ margin: '4px 0 12px' }}>
        <Tag
          color={c.belowLevel1 ? 'default' : 'blue'}
          style={{ fontSize: 14, padding: '2px 8px' }}
          data-testid="live-conclusion"
        >
          {c.belowLevel1
            ? t('live.below1')
            : `${pick(c.ordinal, `Level ${c.level}`)} ${pick(c.name, c.nameEn)}`}
        </Tag>
        <Typography.Text type="secondary">{c.interval}</Typography.Text>
      </div>
      {result.levels.map((l) => (
        <div key={l.level} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <b style={{ width: 24 }}>{l.level}</b>
          <Progress
            aria-label={`${l.level} ${l.score.display}`}
            percent={(l.score.num / l.score.den) * 100}
            showInfo={false}
            size="small"
            strokeColor={l.met ? '#389e0d' : '#d48806'}
            style={{ flex: 1, margin: 0 }}
          />
          <span style={{ width: 40, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
            {l.score.display}
          </span>
          <span style={{ width: 18 }}>{l.met ? '✓' : ''}</span>
        </div>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('live.answered', { n: answered, total })}
        {!result.complete && ` · ${t('live.partialNote')}`}
      </Typography.Paragraph>
    </Card>
  );
}

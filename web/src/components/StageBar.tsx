import type { Stage } from '@engine/contract/index';
import { CheckOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';
import { MAIN_PATH, stageIndex } from '../shared/stages';

/**
 * Every stage of the main path (4.4 → 4.7, 结果发布 included), wrapping onto more rows when narrow — never
 * clipped. Done stages are ticked, the current one stands out, with the date each was entered.
 */
export function StageBar({ stage, enteredAt }: { stage: Stage; enteredAt: Partial<Record<Stage, string>> }) {
  const { t } = useI18n();
  const current = stageIndex(stage);
  const side = stage === 'rejected' || stage === 'withdrawn';
  const done = (i: number) => i < current || stage === 'published';
  return (
    <ol
      aria-label={t('home.process')}
      data-testid="stage-bar"
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(112px, 1fr))',
        gap: 6,
        listStyle: 'none',
        margin: 0,
        padding: 0,
      }}
    >
      {MAIN_PATH.map((s, i) => {
        const now = i === current && stage !== 'published' && !side;
        const ok = done(i);
        return (
          <li
            key={s}
            aria-current={now ? 'step' : undefined}
            style={{
              display: 'flex',
              gap: 6,
              alignItems: 'flex-start',
              padding: '6px 8px',
              borderRadius: 6,
              background: now ? '#e6f0fa' : ok ? '#f6ffed' : '#fafafa',
              border: `1px solid ${now ? '#1f5fa8' : ok ? '#b7eb8f' : '#f0f0f0'}`,
            }}
          >
            <span
              style={{
                flex: 'none',
                width: 20,
                height: 20,
                borderRadius: 10,
                fontSize: 12,
                lineHeight: '20px',
                textAlign: 'center',
                color: '#fff',
                background: now ? '#1f5fa8' : ok ? '#237804' : '#595959',
              }}
            >
              {ok ? <CheckOutlined /> : i + 1}
            </span>
            <span style={{ minWidth: 0 }}>
              <span style={{ display: 'block', fontSize: 13, fontWeight: now ? 600 : 400, color: '#262626' }}>
                {t(`stage.${s}`)}
              </span>
              {enteredAt[s] && (
                <span style={{ display: 'block', fontSize: 12, color: '#595959' }}>
                  {enteredAt[s]!.slice(0, 10)}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

import Radio from 'antd/es/radio';
import type { ScoreValue } from '@engine/contract/index';
import { useI18n } from '../i18n/i18n';

export const SCORE_VALUES: readonly ScoreValue[] = ['1', '0.8', '0.5', '0'];
const COLORS: Record<ScoreValue, string> = {
  '1': '#237804',
  '0.8': '#5b8c00',
  '0.5': '#d48806',
  '0': '#a8071a',
};

/** The four Table 2 grades; `hotkeys` shows 1–4 next to the labels. */
export function GradeButtons({
  value,
  onChange,
  disabled,
  hotkeys,
  size = 'middle',
}: {
  value: ScoreValue | undefined;
  onChange: (v: ScoreValue) => void;
  disabled?: boolean;
  hotkeys?: boolean;
  size?: 'small' | 'middle' | 'large';
}) {
  const { t } = useI18n();
  return (
    <Radio.Group
      size={size}
      value={value}
      disabled={disabled}
      buttonStyle="solid"
      optionType="button"
      onChange={(e) => onChange(e.target.value as ScoreValue)}
    >
      {SCORE_VALUES.map((v, i) => (
        <Radio.Button
          key={v}
          value={v}
          data-testid={`grade-${v}`}
          style={value === v ? { background: COLORS[v], borderColor: COLORS[v] } : undefined}
        >
          {hotkeys ? `${i + 1} · ` : ''}
          {t(`grade.${v}`)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

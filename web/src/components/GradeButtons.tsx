import Radio from 'antd/es/radio';
import type { ScoreValue } from '@engine/contract/index';
import { useI18n } from '../i18n/i18n';
import { gradeColor, SCORE_VALUES } from '../shared/grades';

export { SCORE_VALUES };

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
  const { grade } = useI18n();
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
          style={
            value === v ? { background: gradeColor(v).solid, borderColor: gradeColor(v).solid } : undefined
          }
        >
          {hotkeys ? `${i + 1} · ` : ''}
          {grade(v)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

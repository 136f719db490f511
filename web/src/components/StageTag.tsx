import Tag from 'antd/es/tag';
import type { Stage } from '@engine/contract/index';
import { useI18n } from '../i18n/i18n';

const COLORS: Partial<Record<Stage, string>> = {
  application: 'default',
  submitted: 'gold',
  rejected: 'red',
  withdrawn: 'default',
  scoring: 'blue',
  consensus: 'geekblue',
  communication: 'orange',
  published: 'green',
};

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return <Tag color={COLORS[stage] ?? 'cyan'}>{t(`stage.${stage}`)}</Tag>;
}

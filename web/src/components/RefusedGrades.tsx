import type { CSSProperties } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import { useI18n } from '../i18n/i18n';
import type { ScoreSheetState } from '../scores/useScoreSheet';

/** Grades the server refused (a locked sheet, a stage that moved on): shown with the reason until discarded. */
export function RefusedGrades({ sheet, style }: { sheet: ScoreSheetState; style?: CSSProperties }) {
  const { t, err } = useI18n();
  const first = sheet.failed[0];
  if (!first) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      message={t('offline.failed', {
        n: sheet.failed.length,
        reason: err({ status: 409, code: first.error?.code ?? 'INTERNAL', params: first.error?.params }),
      })}
      action={
        <Button
          size="small"
          danger
          onClick={() => sheet.failed.forEach((r) => sheet.discard(r.requirementId))}
        >
          {t('offline.discard')}
        </Button>
      }
    />
  );
}

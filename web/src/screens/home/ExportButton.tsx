/**
 * 导出 Excel (issue 12): the list with the filters applied, as the server's workbook (GET /api/assessments/export)
 * — the count shown is the list's total for the same filters; beyond the export's ceiling the button is off.
 */
import Button from 'antd/es/button';
import Tooltip from 'antd/es/tooltip';
import { DownloadOutlined } from '@ant-design/icons';
import { ASSESSMENT_EXPORT_MAX } from '@engine/contract/limits';
import { useI18n } from '../../i18n/i18n';
import { useFeatureText } from '../../i18n/lazy/useFeatureText';
import { exportMessages } from '../../i18n/lazy/exports';
import { exportUrl, type ExportQuery } from './exportUrl';

export function ExportButton({ filters, count }: { filters: Omit<ExportQuery, 'lang'>; count?: number }) {
  const { lang } = useI18n();
  const tx = useFeatureText(exportMessages);
  const tooMany = count !== undefined && count > ASSESSMENT_EXPORT_MAX;
  const hint =
    count === undefined
      ? undefined
      : count === 0
        ? tx('export.none')
        : tooMany
          ? tx('export.tooMany', { n: count, max: ASSESSMENT_EXPORT_MAX })
          : tx('export.hint', { n: count });
  const off = count === undefined || count === 0 || tooMany;
  return (
    <Tooltip title={hint}>
      <Button
        icon={<DownloadOutlined />}
        data-testid="export-xlsx"
        disabled={off}
        {...(off ? {} : { href: exportUrl(filters, lang), download: true })}
      >
        {count === undefined ? tx('export.button') : tx('export.buttonN', { n: count })}
      </Button>
    </Tooltip>
  );
}

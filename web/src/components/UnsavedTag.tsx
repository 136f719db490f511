import Tag from 'antd/es/tag';
import Tooltip from 'antd/es/tooltip';
import { CheckCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';

/** "未保存 N 条": grades kept on this device and not yet confirmed by the server (or "已全部保存"). */
export function UnsavedTag({ n }: { n: number }) {
  const { t } = useI18n();
  if (n === 0)
    return (
      <Tag icon={<CheckCircleOutlined />} color="success" data-testid="unsaved-count" data-unsaved="0">
        {t('offline.allSaved')}
      </Tag>
    );
  return (
    <Tooltip title={t('offline.unsavedHint')}>
      <Tag
        icon={<CloudUploadOutlined />}
        color="warning"
        data-testid="unsaved-count"
        data-unsaved={n}
        role="status"
      >
        {t('offline.unsaved', { n })}
      </Tag>
    </Tooltip>
  );
}

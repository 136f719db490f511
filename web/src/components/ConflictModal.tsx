import Modal from 'antd/es/modal';
import Descriptions from 'antd/es/descriptions';
import Typography from 'antd/es/typography';
import Button from 'antd/es/button';
import type { Conflict } from '../scores/useScoreSheet';
import { useI18n } from '../i18n/i18n';

/** 409 VERSION_CONFLICT: the stored value and mine side by side; the user decides. */
export function ConflictModal({
  conflict,
  onResolve,
  label,
}: {
  conflict: Conflict | null;
  onResolve: (c: 'theirs' | 'mine') => void;
  label?: (requirementId: string) => string;
}) {
  const { t, grade } = useI18n();
  return (
    <Modal
      open={conflict !== null}
      title={t('conflict.title')}
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="theirs" onClick={() => onResolve('theirs')} data-testid="conflict-theirs">
          {t('conflict.keepTheirs')}
        </Button>,
        <Button
          key="mine"
          type="primary"
          danger
          onClick={() => onResolve('mine')}
          data-testid="conflict-mine"
        >
          {t('conflict.useMine')}
        </Button>,
      ]}
    >
      {conflict && (
        <>
          <Typography.Paragraph>{t('conflict.explain')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {label ? label(conflict.requirementId) : conflict.requirementId}
          </Typography.Paragraph>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('conflict.theirs', { v: conflict.current.version })}>
              <b>{grade(conflict.current.value)}</b> {conflict.current.note}
            </Descriptions.Item>
            <Descriptions.Item label={t('conflict.mine')}>
              <b>{grade(conflict.mine.value)}</b> {conflict.mine.note}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}

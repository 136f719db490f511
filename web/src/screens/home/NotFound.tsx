import Result from 'antd/es/result';
import Button from 'antd/es/button';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/router';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}

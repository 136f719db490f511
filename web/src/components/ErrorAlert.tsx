import type { CSSProperties } from 'react';
import Alert from 'antd/es/alert';
import { useI18n } from '../i18n/i18n';

/** An error as a sentence in the user's language (never the server's raw text). */
export function ErrorAlert({
  error,
  closable,
  style,
}: {
  error: unknown;
  closable?: boolean;
  style?: CSSProperties;
}) {
  const { err } = useI18n();
  return <Alert type="error" showIcon closable={closable} message={err(error)} style={style} role="alert" />;
}

import { useState, type FormEvent } from 'react';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import Alert from 'antd/es/alert';
import Typography from 'antd/es/typography';
import { useI18n } from '../../i18n/i18n';
import { api } from '../../api/client';
import { PASSWORD_MIN_LENGTH } from '@engine/contract/auth';

/** `/reset-password#token=…`: the link an administrator issued; sets a new password once, no session needed. */
export default function ResetPasswordScreen() {
  const { t, err } = useI18n();
  // Read once: the link's token is in the hash, which nothing else may change afterwards.
  const [token] = useState(
    () => new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '',
  );
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError(t('profile.mismatch'));
    setBusy(true);
    setError(undefined);
    try {
      await api('POST /api/auth/password-reset', { body: { token, newPassword: password } });
      setDone(true);
    } catch (x) {
      setError(err(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 12,
      }}
    >
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('profile.resetTitle')}
        </Typography.Title>
        {done ? (
          <Alert
            type="success"
            showIcon
            message={t('profile.resetDone')}
            action={<Button href="/">{t('login.submit')}</Button>}
            data-testid="reset-done"
          />
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            {error && (
              <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} />
            )}
            <label htmlFor="newPassword" style={{ display: 'block', marginBottom: 6 }}>
              {t('profile.newPassword')}
            </label>
            <Input.Password
              id="newPassword"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <label htmlFor="againPassword" style={{ display: 'block', margin: '12px 0 6px' }}>
              {t('profile.againPassword')}
            </label>
            <Input.Password
              id="againPassword"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('profile.passwordRules', { min: PASSWORD_MIN_LENGTH })}
            </Typography.Paragraph>
            <Button type="primary" htmlType="submit" block loading={busy} disabled={!password || !token}>
              {t('profile.setPassword')}
            </Button>
          </form>
        )}
      </Card>
    </main>
  );
}

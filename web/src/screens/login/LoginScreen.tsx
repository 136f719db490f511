import { useState, type FormEvent } from 'react';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import Alert from 'antd/es/alert';
import Segmented from 'antd/es/segmented';
import Typography from 'antd/es/typography';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n, type Lang } from '../../i18n/i18n';
import { useAuth } from '../../app/auth';
import { navigate } from '../../app/router';
import { ApiError } from '../../api/client';

/** The first page: kept light (no form library) so it loads fast on a site's mobile network. */
export function LoginScreen() {
  const { t, lang, setLang, err } = useI18n();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m = { username: username.trim() === '', password: password === '' };
    setMissing(m);
    if (m.username || m.password) return;
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      navigate('/');
    } catch (x) {
      setError(x instanceof ApiError && x.status === 401 ? t('login.failed') : err(x));
    } finally {
      setBusy(false);
    }
  };
  const field = (id: 'username' | 'password', label: string, input: React.ReactNode) => (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </label>
      {input}
      {missing[id] && (
        <div id={`${id}-help`} role="alert" style={{ color: '#cf1322', marginTop: 4 }}>
          {t('form.required')}
        </div>
      )}
    </div>
  );
  return (
    <main
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 12,
        boxSizing: 'border-box',
        background: 'linear-gradient(135deg,#0f3460 0%,#1f5fa8 100%)',
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            aria-label="语言 / Language"
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        <Typography.Title level={1} style={{ textAlign: 'center', marginTop: 8, fontSize: 20 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center', color: '#595959' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <form onSubmit={(e) => void submit(e)} noValidate>
          {field(
            'username',
            t('login.username'),
            <Input
              id="username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              value={username}
              status={missing.username ? 'error' : undefined}
              aria-invalid={missing.username || undefined}
              aria-describedby={missing.username ? 'username-help' : undefined}
              onChange={(e) => setUsername(e.target.value)}
            />,
          )}
          {field(
            'password',
            t('login.password'),
            <Input.Password
              id="password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={password}
              status={missing.password ? 'error' : undefined}
              aria-invalid={missing.password || undefined}
              aria-describedby={missing.password ? 'password-help' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />,
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </form>
      </Card>
    </main>
  );
}

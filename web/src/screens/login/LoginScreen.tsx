import { useState } from 'react';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
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

interface LoginForm {
  username: string;
  password: string;
}

export function LoginScreen() {
  const { t, lang, setLang, err } = useI18n();
  const { login } = useAuth();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(v.username, v.password);
      navigate('/');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('login.failed') : err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#0f3460 0%,#1f5fa8 100%)',
      }}
    >
      <Card style={{ width: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 8 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<LoginForm> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

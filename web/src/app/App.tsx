import { lazy, Suspense, useEffect } from 'react';
import ConfigProvider from 'antd/es/config-provider';
import Spin from 'antd/es/spin';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { AuthProvider, useAuth } from './auth';
import { navigate, parseRoute, usePath, verifyCodeOf } from './router';
import { LoginScreen } from '../screens/login/LoginScreen';

/** The signed-in app (layout, screens) and the pages used signed out load after the login page's script. */
const Shell = lazy(() => import('./Shell'));
const ResetPasswordScreen = lazy(() => import('../screens/login/ResetPasswordScreen'));
const VerifyScreen = lazy(() => import('../screens/verify/VerifyScreen'));

const BIG_SPIN = <Spin size="large" style={{ margin: '20vh auto', display: 'block' }} />;

function Routes() {
  if (window.location.pathname === '/reset-password')
    return (
      <Suspense fallback={BIG_SPIN}>
        <ResetPasswordScreen />
      </Suspense>
    );
  return <SignedInRoutes />;
}

function SignedInRoutes() {
  const path = usePath();
  const route = parseRoute(path);
  const { user, checking } = useAuth();
  useEffect(() => {
    if (!checking && !user && route.name !== 'login') navigate('/login');
    if (!checking && user && route.name === 'login') navigate('/');
  }, [checking, user, route.name]);
  if (checking) return BIG_SPIN;
  if (!user || route.name === 'login') return <LoginScreen />;
  return (
    <Suspense fallback={BIG_SPIN}>
      <Shell route={route} />
    </Suspense>
  );
}

function Localized() {
  const { lang } = useI18n();
  // Dates in the user's language: antd's pickers read dayjs's locale (month names, week starting on Monday).
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  const verifyCode = verifyCodeOf(window.location.pathname);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1f5fa8',
          colorLink: '#1f5fa8',
          borderRadius: 4,
          // Secondary text at 4.5:1 or more on white (antd's default 45 % black is about 3.4:1).
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
        },
      }}
    >
      {verifyCode !== undefined ? (
        // The public verification of a certificate: no login, no session.
        <Suspense fallback={BIG_SPIN}>
          <VerifyScreen code={verifyCode} />
        </Suspense>
      ) : (
        <AuthProvider>
          <Routes />
        </AuthProvider>
      )}
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}

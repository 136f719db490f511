import { lazy, Suspense, useEffect } from 'react';
import ConfigProvider from 'antd/es/config-provider';
import Spin from 'antd/es/spin';
import AntApp from 'antd/es/app';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { AuthProvider, useAuth } from './auth';
import { navigate, parseRoute, usePath, verifyCodeOf } from './router';
import { AppLayout } from './AppLayout';
import { LoginScreen } from '../screens/login/LoginScreen';

const HomeScreen = lazy(() => import('../screens/home/HomeScreen'));
const ApplyScreen = lazy(() => import('../screens/apply/ApplyScreen'));
const AssessmentScreen = lazy(() => import('../screens/assessment/AssessmentScreen'));
const NotFound = lazy(() => import('../screens/home/NotFound'));
const AnalyticsScreen = lazy(() => import('../screens/analytics/AnalyticsScreen'));
const VerifyScreen = lazy(() => import('../screens/verify/VerifyScreen'));

function Routes() {
  const path = usePath();
  const route = parseRoute(path);
  const { user, checking } = useAuth();
  useEffect(() => {
    if (!checking && !user && route.name !== 'login') navigate('/login');
    if (!checking && user && route.name === 'login') navigate('/');
  }, [checking, user, route.name]);
  if (checking) return <Spin size="large" style={{ margin: '20vh auto', display: 'block' }} />;
  if (!user || route.name === 'login') return <LoginScreen />;
  return (
    <AppLayout route={route}>
      <Suspense fallback={<Spin style={{ margin: 48, display: 'block' }} />}>
        {route.name === 'home' && <HomeScreen />}
        {route.name === 'apply' && <ApplyScreen />}
        {route.name === 'analytics' && <AnalyticsScreen />}
        {route.name === 'assessment' && <AssessmentScreen id={route.id} tab={route.tab} />}
        {route.name === 'notFound' && <NotFound />}
      </Suspense>
    </AppLayout>
  );
}

function Localized() {
  const { lang } = useI18n();
  const verifyCode = verifyCodeOf(window.location.pathname);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 4 } }}
    >
      <AntApp style={{ height: '100%' }}>
        {verifyCode !== undefined ? (
          // The public verification: no login, no session.
          <Suspense fallback={<Spin size="large" style={{ margin: '20vh auto', display: 'block' }} />}>
            <VerifyScreen code={verifyCode} />
          </Suspense>
        ) : (
          <AuthProvider>
            <Routes />
          </AuthProvider>
        )}
      </AntApp>
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

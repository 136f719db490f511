/** The signed-in app: the layout and the screens (loaded after login, so the login page loads little). */
import { lazy, Suspense } from 'react';
import Spin from 'antd/es/spin';
import AntApp from 'antd/es/app';
import { AppLayout } from './AppLayout';
import type { Route } from './router';

const HomeScreen = lazy(() => import('../screens/home/HomeScreen'));
const ApplyScreen = lazy(() => import('../screens/apply/ApplyScreen'));
const AssessmentScreen = lazy(() => import('../screens/assessment/AssessmentScreen'));
const NotFound = lazy(() => import('../screens/home/NotFound'));
const AdminScreen = lazy(() => import('../screens/admin/AdminScreen'));
const ProfileScreen = lazy(() => import('../screens/profile/ProfileScreen'));
const AnalyticsScreen = lazy(() => import('../screens/analytics/AnalyticsScreen'));

export default function Shell({ route }: { route: Route }) {
  return (
    <AntApp style={{ height: '100%' }}>
      <AppLayout route={route}>
        <Suspense fallback={<Spin style={{ margin: 48, display: 'block' }} />}>
          {route.name === 'home' && <HomeScreen />}
          {route.name === 'apply' && <ApplyScreen />}
          {route.name === 'analytics' && <AnalyticsScreen />}
          {route.name === 'assessment' && <AssessmentScreen id={route.id} tab={route.tab} />}
          {route.name === 'admin' && <AdminScreen page={route.page} />}
          {route.name === 'profile' && <ProfileScreen />}
          {route.name === 'notFound' && <NotFound />}
        </Suspense>
      </AppLayout>
    </AntApp>
  );
}

import type { ReactNode } from 'react';
import Layout from 'antd/es/layout';
import Menu from 'antd/es/menu';
import Segmented from 'antd/es/segmented';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { AppstoreOutlined, BarChartOutlined, FormOutlined, LogoutOutlined } from '@ant-design/icons';
import { useI18n, type Lang } from '../i18n/i18n';
import { useAuth } from './auth';
import { navigate, type Route } from './router';

export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, hasRole, logout } = useAuth();
  const isEnterprise = hasRole('enterprise_user');
  const homeLabel = isEnterprise
    ? t('nav.myAssessments')
    : hasRole('body_admin')
      ? t('nav.overview')
      : t('nav.myTasks');
  const items = [
    { key: 'home', icon: <AppstoreOutlined />, label: homeLabel },
    ...(isEnterprise ? [{ key: 'apply', icon: <FormOutlined />, label: t('nav.apply') }] : []),
    ...(hasRole('body_admin')
      ? [{ key: 'analytics', icon: <BarChartOutlined />, label: t('nav.analytics') }]
      : []),
  ];
  const selected = route.name === 'apply' ? 'apply' : route.name === 'analytics' ? 'analytics' : 'home';
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, background: '#0f3460' }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Segmented<Lang>
          size="small"
          value={lang}
          onChange={setLang}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'EN', value: 'en' },
          ]}
        />
        <Space>
          <Typography.Text style={{ color: '#dbe6f5' }} data-testid="current-user">
            {user?.displayName}
            {user?.orgName ? ` · ${user.orgName}` : ''}
          </Typography.Text>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            onClick={(e) => navigate(e.key === 'home' ? '/' : `/${e.key}`)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

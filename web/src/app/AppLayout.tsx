import { useState, type ReactNode } from 'react';
import Layout from 'antd/es/layout';
import Menu from 'antd/es/menu';
import Segmented from 'antd/es/segmented';
import Button from 'antd/es/button';
import Drawer from 'antd/es/drawer';
import Grid from 'antd/es/grid';
import Typography from 'antd/es/typography';
import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  FormOutlined,
  LogoutOutlined,
  MenuOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useI18n, type Lang } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useAuth } from './auth';
import { navigate, type Route } from './router';
import { OfflineBanner } from './connectivity';
import { NotificationBell } from './NotificationBell';

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: MessageKey;
}

/** The menu of the signed-in user's roles (the server decides what each page may show). */
function navItems(hasRole: ReturnType<typeof useAuth>['hasRole']): NavItem[] {
  const items: NavItem[] = [];
  if (hasRole('platform_admin')) {
    items.push(
      { key: 'home', path: '/', icon: <AppstoreOutlined />, label: 'nav.platformHome' },
      { key: 'orgs', path: '/admin/orgs', icon: <BankOutlined />, label: 'nav.orgs' },
      { key: 'users', path: '/admin/users', icon: <TeamOutlined />, label: 'nav.users' },
      { key: 'experts', path: '/admin/experts', icon: <SolutionOutlined />, label: 'nav.experts' },
      { key: 'audit', path: '/admin/audit', icon: <AuditOutlined />, label: 'nav.audit' },
    );
  } else if (hasRole('enterprise_user')) {
    items.push(
      { key: 'home', path: '/', icon: <AppstoreOutlined />, label: 'nav.myAssessments' },
      { key: 'apply', path: '/apply', icon: <FormOutlined />, label: 'nav.apply' },
    );
  } else if (hasRole('body_admin')) {
    items.push(
      { key: 'home', path: '/', icon: <AppstoreOutlined />, label: 'nav.overview' },
      { key: 'analytics', path: '/analytics', icon: <BarChartOutlined />, label: 'nav.analytics' },
      { key: 'users', path: '/admin/users', icon: <TeamOutlined />, label: 'nav.users' },
      { key: 'experts', path: '/admin/experts', icon: <SolutionOutlined />, label: 'nav.experts' },
    );
  } else {
    items.push({ key: 'home', path: '/', icon: <AppstoreOutlined />, label: 'nav.myTasks' });
  }
  items.push({ key: 'profile', path: '/profile', icon: <UserOutlined />, label: 'nav.profile' });
  return items;
}

function selectedKey(route: Route): string {
  if (route.name === 'admin') return route.page;
  if (route.name === 'apply' || route.name === 'profile' || route.name === 'analytics') return route.name;
  return 'home';
}

export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, hasRole, logout } = useAuth();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const narrow = !(screens.md ?? true);
  const [open, setOpen] = useState(false);
  const items = navItems(hasRole);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(route)]}
      items={items.map((i) => ({ key: i.key, icon: i.icon, label: t(i.label) }))}
      onClick={(e) => {
        setOpen(false);
        navigate(items.find((i) => i.key === e.key)?.path ?? '/');
      }}
      style={{ height: '100%', borderInlineEnd: 0 }}
    />
  );
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          paddingInline: narrow ? 8 : 20,
          background: '#0f3460',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {!wide && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={t('nav.menu')}
            onClick={() => setOpen(true)}
          />
        )}
        <Typography.Text
          strong
          style={{
            color: '#fff',
            fontSize: narrow ? 15 : 16,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            minWidth: 0,
          }}
        >
          {narrow ? t('app.short') : t('app.title')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
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
        <NotificationBell />
        <Typography.Text
          style={{ color: '#dbe6f5', whiteSpace: 'nowrap', display: narrow ? 'none' : undefined }}
          data-testid="current-user"
        >
          {user?.displayName}
          {user?.orgName && wide ? ` · ${user.orgName}` : ''}
        </Typography.Text>
        <Button
          size="small"
          icon={<LogoutOutlined />}
          onClick={() => void logout()}
          aria-label={t('nav.logout')}
          data-testid="logout"
        >
          {narrow ? null : t('nav.logout')}
        </Button>
      </Layout.Header>
      <OfflineBanner />
      <Layout>
        {wide && (
          <Layout.Sider width={180} theme="light">
            {menu}
          </Layout.Sider>
        )}
        {!wide && (
          <Drawer
            open={open}
            onClose={() => setOpen(false)}
            placement="left"
            width={240}
            title={user?.displayName}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: narrow ? 10 : 20, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

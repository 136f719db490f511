import { useState } from 'react';
import Table from 'antd/es/table';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Modal from 'antd/es/modal';
import Form from 'antd/es/form';
import Checkbox from 'antd/es/checkbox';
import Switch from 'antd/es/switch';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import App from 'antd/es/app';
import Popconfirm from 'antd/es/popconfirm';
import { PASSWORD_MIN_LENGTH } from '@engine/contract/auth';
import { KeyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Role, UserListItem, UserSort, UserView } from '@engine/contract/index';
import { ROLES } from '@engine/access/types';
import { DISCIPLINES } from '@engine/process/types';
import { api, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../i18n/i18n';
import { errorField } from '../../i18n/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverTable, sortable, updateItems, useListQuery, usePagingText } from '../../components/paging';
import { OrgSelect } from '../../components/RemoteSelect';

/** Roles a body admin may hand out in its own body (the server checks the same, src/service/admin.ts). */
const BODY_GRANTABLE: readonly Role[] = ['body_admin', 'expert'];

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  organisationId?: string | null;
  roles: Role[];
  disciplines: string[];
}

interface UserFilters {
  role?: Role;
  orgId?: string;
  active?: boolean;
}

/**
 * Users and roles: all (platform admin) or the own body's (body admin), a page at a time — searched, filtered
 * and sorted by the server; create, edit, (de)activate, reset.
 */
export default function UsersScreen() {
  const { t, err } = useI18n();
  const tp = usePagingText();
  const { message } = App.useApp();
  const { user: me, hasRole } = useAuth();
  const platform = hasRole('platform_admin');
  const list = useListQuery<UserFilters, UserSort>({});
  const users = useApi((signal) => api('GET /api/users', { signal, query: list.query }), [list.key]);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [issued, setIssued] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const rolesNow = Form.useWatch('roles', form) ?? [];
  const grantable = platform ? ROLES : BODY_GRANTABLE;
  /** A user changed: the row shows it (its organisation's name kept), wherever it is listed. */
  const replace = (u: UserView) =>
    users.setData(updateItems((items) => items.map((x) => (x.id === u.id ? { ...x, ...u } : x))));

  const fail = (e: unknown) => {
    const name = errorField(e)[0];
    if (typeof name === 'string' && form.getFieldInstance(name))
      form.setFields([{ name, errors: [err(e)] } as never]);
    else message.error(err(e));
  };

  const save = async (v: UserForm) => {
    setBusy(true);
    try {
      const disciplines = v.roles.includes('expert') ? (v.disciplines as never[]) : [];
      if (editing === 'new') {
        const u = await api('POST /api/users', {
          body: {
            username: v.username.trim(),
            displayName: v.displayName,
            password: v.password,
            organisationId: platform ? (v.organisationId ?? null) : (me?.orgId ?? null),
            roles: v.roles,
            disciplines,
          },
        });
        users.reload();
        message.success(t('admin.created', { name: u.displayName }));
      } else if (editing) {
        const u = await api('PATCH /api/users/:userId', {
          params: { userId: editing.id },
          body: { displayName: v.displayName, roles: v.roles, disciplines, expectedVersion: editing.version },
        });
        replace(u);
        message.success(t('admin.savedUser', { name: u.displayName }));
      }
      setEditing(null);
    } catch (e) {
      if (isConflict(e) && e.current) replace(e.current as UserView);
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (u: UserView, active: boolean) => {
    try {
      replace(
        await api('PATCH /api/users/:userId', {
          params: { userId: u.id },
          body: { active, expectedVersion: u.version },
        }),
      );
    } catch (e) {
      if (isConflict(e) && e.current) replace(e.current as UserView);
      message.error(err(e));
    }
  };

  /** A one-time reset link (POST …/password-reset): the old password stops working at once. */
  const reset = async (u: UserView) => {
    try {
      const r = await api('POST /api/users/:userId/password-reset', { params: { userId: u.id } });
      setIssued({ name: u.displayName, url: `${window.location.origin}${r.path}`, expiresAt: r.expiresAt });
    } catch (e) {
      message.error(err(e));
    }
  };

  const open = (u: UserView | 'new') => {
    setEditing(u);
    form.setFieldsValue(
      u === 'new'
        ? {
            username: '',
            displayName: '',
            password: '',
            organisationId: platform ? undefined : me?.orgId,
            roles: ['expert'],
            disciplines: [],
          }
        : { ...u, roles: u.roles as Role[], password: '' },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('users.title')}
      </Typography.Title>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={tp('usersSearch')}
            aria-label={tp('usersSearch')}
            value={list.search}
            onChange={(e) => list.setSearch(e.target.value)}
            style={{ width: 260 }}
            data-testid="users-search"
          />
          <Select<Role>
            allowClear
            placeholder={tp('allRoles')}
            aria-label={t('users.roles')}
            value={list.filters.role}
            onChange={(role) => list.setFilter({ role })}
            style={{ width: 150 }}
            data-testid="users-role"
            options={ROLES.map((r) => ({ value: r, label: t(`roleName.${r}`) }))}
          />
          {platform && (
            <OrgSelect
              allowClear
              withKind
              placeholder={tp('allOrgs')}
              aria-label={t('users.org')}
              value={list.filters.orgId}
              onChange={(orgId) => list.setFilter({ orgId })}
              style={{ width: 260 }}
            />
          )}
          <Select<'1' | '0'>
            allowClear
            placeholder={tp('allStates')}
            aria-label={t('users.active')}
            value={list.filters.active === undefined ? undefined : list.filters.active ? '1' : '0'}
            onChange={(v) => list.setFilter({ active: v === undefined ? undefined : v === '1' })}
            style={{ width: 120 }}
            options={[
              { value: '1', label: t('users.active') },
              { value: '0', label: t('users.inactive') },
            ]}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-new">
          {t('users.new')}
        </Button>
      </Space>
      {users.error && <ErrorAlert error={users.error} />}
      <Table<UserListItem>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 900 }}
        {...serverTable<UserListItem, UserFilters, UserSort>(list, users.data?.total, tp)}
        columns={[
          {
            title: t('users.name'),
            ...sortable(list, 'name'),
            render: (_, u) => (
              <span>
                {u.displayName}
                {!u.active && <Tag style={{ marginInlineStart: 6 }}>{t('users.inactive')}</Tag>}
              </span>
            ),
          },
          { title: t('users.username'), ...sortable(list, 'username'), dataIndex: 'username' },
          {
            title: t('users.org'),
            ...sortable(list, 'organisation'),
            render: (_, u) => (u.organisationId ? (u.organisationName ?? '—') : t('users.noOrg')),
          },
          {
            title: t('users.roles'),
            render: (_, u) => (
              <Space size={[2, 2]} wrap>
                {u.roles.map((r) => (
                  <Tag
                    key={r}
                    color={r === 'platform_admin' ? 'purple' : r === 'body_admin' ? 'blue' : 'default'}
                  >
                    {(ROLES as readonly string[]).includes(r) ? t(`roleName.${r as Role}`) : r}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('users.disciplines'),
            render: (_, u) =>
              u.disciplines
                .filter((d) => (DISCIPLINES as readonly string[]).includes(d))
                .map((d) => t(`discipline.${d as (typeof DISCIPLINES)[number]}`))
                .join('、') || '—',
          },
          {
            title: t('users.active'),
            width: 80,
            render: (_, u) => (
              <Switch
                size="small"
                checked={u.active}
                disabled={u.id === me?.id}
                aria-label={t('users.activeLabel', { name: u.displayName })}
                onChange={(v) => void setActive(u, v)}
              />
            ),
          },
          {
            title: t('users.actions'),
            width: 200,
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => open(u)}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm
                  title={t('users.resetPassword')}
                  description={t('users.resetConfirm', { name: u.displayName })}
                  okText={t('confirm.ok')}
                  cancelText={t('confirm.cancel')}
                  disabled={u.id === me?.id}
                  onConfirm={() => void reset(u)}
                >
                  <Button size="small" icon={<KeyOutlined />} disabled={u.id === me?.id}>
                    {t('users.resetPassword')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('users.new') : editing ? editing.displayName : ''}
        onCancel={() => setEditing(null)}
        okText={editing === 'new' ? t('admin.create') : t('common.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        forceRender
      >
        <Form<UserForm> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, type: 'email', message: t('form.required') }]}
          >
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
              rules={[
                {
                  required: true,
                  min: PASSWORD_MIN_LENGTH,
                  message: t('users.passwordHint', { min: PASSWORD_MIN_LENGTH }),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          {editing === 'new' && platform && (
            <Form.Item name="organisationId" label={t('users.org')}>
              <OrgSelect allowClear withKind />
            </Form.Item>
          )}
          <Form.Item
            name="roles"
            label={t('users.roles')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Checkbox.Group options={grantable.map((r) => ({ value: r, label: t(`roleName.${r}`) }))} />
          </Form.Item>
          {rolesNow.includes('expert') && (
            <Form.Item name="disciplines" label={t('users.disciplines')}>
              <Checkbox.Group options={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={issued ? t('users.resetTitle', { name: issued.name }) : ''}
        onCancel={() => setIssued(null)}
        footer={<Button onClick={() => setIssued(null)}>{t('confirm.ok')}</Button>}
      >
        {issued && (
          <>
            <Typography.Paragraph>
              {t('users.resetLink', {
                name: issued.name,
                expires: issued.expiresAt.slice(0, 16).replace('T', ' '),
              })}
            </Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="reset-link">
              {issued.url}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Space>
  );
}

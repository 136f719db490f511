import { useEffect, useState } from 'react';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Space from 'antd/es/space';
import Tag from 'antd/es/tag';
import Form from 'antd/es/form';
import Select from 'antd/es/select';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import DatePicker from 'antd/es/date-picker';
import Typography from 'antd/es/typography';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ExpertProfile, Role } from '@engine/contract/index';
import { ROLES } from '@engine/access/types';
import { CONFLICT_KINDS, type ConflictKind } from '@engine/process/types';
import { api, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgSelect } from '../../components/RemoteSelect';
import { errorField } from '../../i18n/errors';
import { PASSWORD_MIN_LENGTH } from '@engine/contract/auth';

interface ConflictRow {
  enterpriseOrgId: string;
  kind: ConflictKind;
  description: string;
  declaredAt?: string;
  endedOn?: Dayjs | null;
}

/** One's own account, and for an expert the expert profile: training validity and declared interests (4.2.2). */
export default function ProfileScreen() {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { user, hasRole } = useAuth();
  const expert = hasRole('expert', 'team_leader');
  const profile = useApi(
    (signal) =>
      expert && user
        ? api('GET /api/users/:userId/expert-profile', { params: { userId: user.id }, signal })
        : Promise.resolve(null),
    [expert, user?.id],
  );
  const [form] = Form.useForm<{ conflicts: ConflictRow[] }>();
  const [busy, setBusy] = useState(false);
  const p = profile.data;
  useEffect(() => {
    if (p)
      form.setFieldsValue({
        conflicts: p.conflicts.map((c) => ({ ...c, endedOn: c.endedOn ? dayjs(c.endedOn) : null })),
      });
  }, [p, form]);

  const save = async (v: { conflicts: ConflictRow[] }) => {
    if (!user || !p) return;
    setBusy(true);
    try {
      const saved = await api('PUT /api/users/:userId/expert-profile', {
        params: { userId: user.id },
        body: {
          trainingValidUntil: p.trainingValidUntil,
          conflicts: (v.conflicts ?? []).map((c) => ({
            enterpriseOrgId: c.enterpriseOrgId,
            kind: c.kind,
            description: c.description ?? '',
            ...(c.declaredAt ? { declaredAt: c.declaredAt } : {}),
            ...(c.endedOn ? { endedOn: c.endedOn.format('YYYY-MM-DD') } : {}),
          })),
          expectedVersion: p.version,
        },
      });
      profile.setData(saved);
      message.success(t('profile.saved'));
    } catch (e) {
      if (isConflict(e) && e.current) profile.setData(e.current as ExpertProfile);
      message.error(err(e));
    } finally {
      setBusy(false);
    }
  };

  if (!user) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 900 }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <Card size="small" title={t('profile.account')}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('users.name')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.org')}>{user.orgName ?? t('users.noOrg')}</Descriptions.Item>
          <Descriptions.Item label={t('users.roles')}>
            <Space size={[2, 2]} wrap>
              {user.roles.map((r) => (
                <Tag key={r}>{(ROLES as readonly string[]).includes(r) ? t(`roleName.${r as Role}`) : r}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('profile.password')}>
        <PasswordChange />
      </Card>
      {expert && (
        <Card size="small" title={t('profile.expert')}>
          {profile.error && <ErrorAlert error={profile.error} />}
          {p && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert
                type={
                  p.trainingValidUntil && p.trainingValidUntil >= dayjs().format('YYYY-MM-DD')
                    ? 'success'
                    : 'warning'
                }
                showIcon
                message={
                  p.trainingValidUntil
                    ? t('experts.trainingValid', { date: p.trainingValidUntil })
                    : t('experts.trainingNone')
                }
                description={t('profile.trainingReadOnly')}
              />
              <Typography.Title level={5}>{t('profile.declare')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('profile.declareHint')}</Typography.Paragraph>
              <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
                <Form.List name="conflicts">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                          <Form.Item
                            name={[f.name, 'enterpriseOrgId']}
                            label={t('profile.enterprise')}
                            rules={[{ required: true, message: t('form.required') }]}
                            style={{ width: 240, marginBottom: 8 }}
                          >
                            <OrgSelect kind="enterprise" aria-label={t('profile.enterprise')} />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'kind']}
                            label={t('profile.kind')}
                            rules={[{ required: true, message: t('form.required') }]}
                            style={{ width: 150, marginBottom: 8 }}
                          >
                            <Select
                              options={CONFLICT_KINDS.map((k) => ({ value: k, label: t(`conflict.${k}`) }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'description']}
                            label={t('profile.description')}
                            style={{ width: 260, marginBottom: 8 }}
                          >
                            <Input />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'endedOn']}
                            label={t('profile.endedOn')}
                            style={{ marginBottom: 8 }}
                          >
                            <DatePicker />
                          </Form.Item>
                          <Button
                            type="text"
                            icon={<MinusCircleOutlined />}
                            aria-label={t('evidence.confirmDelete')}
                            onClick={() => remove(f.name)}
                            style={{ marginTop: 30 }}
                          />
                        </Space>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ kind: 'consulting', description: '' })}
                      >
                        {t('profile.add')}
                      </Button>
                    </>
                  )}
                </Form.List>
                <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
                  {t('common.save')}
                </Button>
              </Form>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  again: string;
}

/** Changing one's own password: the current one, the new one twice; errors next to their field. */
function PasswordChange() {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);
  const save = async (v: PasswordValues) => {
    setBusy(true);
    try {
      await api('POST /api/auth/password', {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      form.resetFields();
      message.success(t('profile.passwordChanged'));
    } catch (e) {
      const name = errorField(e)[0];
      if (name === 'currentPassword' || name === 'newPassword') form.setFields([{ name, errors: [err(e)] }]);
      else message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<PasswordValues>
      form={form}
      name="password"
      layout="vertical"
      onFinish={(v) => void save(v)}
      style={{ maxWidth: 420 }}
    >
      <Form.Item
        name="currentPassword"
        label={t('profile.currentPassword')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('profile.newPassword')}
        extra={t('profile.passwordRules', { min: PASSWORD_MIN_LENGTH })}
        rules={[
          {
            required: true,
            min: PASSWORD_MIN_LENGTH,
            message: t('rule.newPassword.minLength', { min: PASSWORD_MIN_LENGTH }),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="again"
        label={t('profile.againPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: (_, v: string) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('profile.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-change">
        {t('profile.setPassword')}
      </Button>
    </Form>
  );
}

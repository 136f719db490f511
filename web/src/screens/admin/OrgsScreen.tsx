import { useMemo, useState } from 'react';
import Table from 'antd/es/table';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Input from 'antd/es/input';
import Segmented from 'antd/es/segmented';
import Modal from 'antd/es/modal';
import Form from 'antd/es/form';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import App from 'antd/es/app';
import { PlusOutlined } from '@ant-design/icons';
import type { CreateOrganisationRequest, Organisation, ProfileInput } from '@engine/contract/index';
import { INDUSTRIES } from '@engine/model/types';
import { PROFILE_FIELDS, PROFILE_LISTS, profileLabel, type ProfileField } from '@engine/model/profile';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { errorField } from '../../i18n/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

type KindFilter = 'all' | 'body' | 'enterprise';

const PROFILE_KEY: Record<ProfileField, `orgs.${ProfileField}`> = {
  size: 'orgs.size',
  subSector: 'orgs.subSector',
  region: 'orgs.region',
  ownership: 'orgs.ownership',
};

/** The enterprise profile's selects (4.6.4), labels from the lists in the current language. */
function ProfileItems({ prefix }: { prefix: 'profile' | null }) {
  const { t, lang } = useI18n();
  return (
    <>
      {PROFILE_FIELDS.map((f) => (
        <Form.Item key={f} name={prefix ? [prefix, f] : f} label={t(PROFILE_KEY[f])}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid={`org-profile-${f}`}
            options={PROFILE_LISTS[f].map((o) => ({ value: o.code, label: lang === 'en' ? o.en : o.zh }))}
          />
        </Form.Item>
      ))}
    </>
  );
}

/** Organisations (platform admin): assessment bodies and enterprises, searchable, with a create form. */
export default function OrgsScreen() {
  const { t, err, lang } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [profileForm] = Form.useForm<ProfileInput>();
  const q = useApi((signal) => api('GET /api/orgs', { signal }), []);
  const [kind, setKind] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CreateOrganisationRequest>();
  const kindNow = Form.useWatch('kind', form);
  const rows = useMemo(() => {
    const s = search.trim().toLowerCase();
    return (q.data ?? []).filter(
      (o) =>
        (kind === 'all' || o.kind === kind) &&
        (!s || o.name.toLowerCase().includes(s) || (o.creditCode ?? '').toLowerCase().includes(s)),
    );
  }, [q.data, kind, search]);
  const create = async (v: CreateOrganisationRequest) => {
    setBusy(true);
    try {
      const body: CreateOrganisationRequest = {
        kind: v.kind,
        name: v.name,
        ...(v.creditCode ? { creditCode: v.creditCode } : {}),
        ...(v.kind === 'enterprise' && v.industry ? { industry: v.industry } : {}),
        ...(v.kind === 'enterprise' && v.profile ? { profile: cleanProfile(v.profile) } : {}),
      };
      const o = await api('POST /api/orgs', { body });
      q.setData((d) => [...(d ?? []), o]);
      message.success(t('admin.created', { name: o.name }));
      setCreating(false);
      form.resetFields();
    } catch (e) {
      const name = errorField(e)[0];
      const path = errorField(e);
      if (name === 'name' || name === 'creditCode' || name === 'industry' || name === 'kind')
        form.setFields([{ name, errors: [err(e)] }]);
      else if (name === 'profile' && PROFILE_FIELDS.includes(path[1] as ProfileField))
        form.setFields([{ name: ['profile', path[1] as ProfileField], errors: [err(e)] }]);
      else message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  const openProfile = (o: Organisation) => {
    setEditing(o);
    profileForm.setFieldsValue(o.profile);
  };
  const saveProfile = async (v: ProfileInput) => {
    if (!editing) return;
    setBusy(true);
    try {
      const o = await api('PUT /api/orgs/:orgId/profile', {
        params: { orgId: editing.id },
        body: { ...cleanProfile(v), expectedVersion: editing.version },
      });
      q.setData((d) => (d ?? []).map((x) => (x.id === o.id ? o : x)));
      message.success(t('orgs.profileSaved', { name: o.name }));
      setEditing(null);
    } catch (e) {
      const name = errorField(e)[0];
      if (PROFILE_FIELDS.includes(name as ProfileField))
        profileForm.setFields([{ name: name as ProfileField, errors: [err(e)] }]);
      else message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  const profileText = (o: Organisation) =>
    PROFILE_FIELDS.map((f) => profileLabel(f, o.profile[f], lang === 'en' ? 'en' : 'zh'))
      .filter(Boolean)
      .join(lang === 'en' ? ', ' : '、') || '—';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('orgs.title')}
      </Typography.Title>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.search')}
            aria-label={t('admin.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
          />
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('admin.all') },
              { value: 'body', label: t('orgKind.body') },
              { value: 'enterprise', label: t('orgKind.enterprise') },
            ]}
          />
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="org-new"
        >
          {t('orgs.new')}
        </Button>
      </Space>
      {q.error && <ErrorAlert error={q.error} />}
      <Table<Organisation>
        rowKey="id"
        size="middle"
        loading={q.loading}
        dataSource={rows}
        scroll={{ x: 980 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('admin.count', { n }), hideOnSinglePage: true }}
        columns={[
          { title: t('orgs.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh') },
          {
            title: t('orgs.kind'),
            width: 130,
            render: (_, o) => (
              <Tag color={o.kind === 'body' ? 'blue' : 'default'}>{t(`orgKind.${o.kind}`)}</Tag>
            ),
          },
          {
            title: t('orgs.industry'),
            width: 110,
            render: (_, o) =>
              o.industry && (INDUSTRIES as readonly string[]).includes(o.industry)
                ? t(`industry.${o.industry as (typeof INDUSTRIES)[number]}`)
                : '—',
          },
          {
            title: t('orgs.profile'),
            width: 260,
            render: (_, o) =>
              o.kind === 'enterprise' ? (
                <Space size={4} wrap>
                  <span>{profileText(o)}</span>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => openProfile(o)}
                    data-testid="org-edit-profile"
                  >
                    {t('orgs.editProfile')}
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('orgs.creditCode'), width: 200, render: (_, o) => o.creditCode ?? '—' },
          { title: t('orgs.createdAt'), width: 120, render: (_, o) => o.createdAt.slice(0, 10) },
        ]}
      />
      <Modal
        open={creating}
        title={t('orgs.new')}
        onCancel={() => setCreating(false)}
        okText={t('admin.create')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<CreateOrganisationRequest>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'enterprise' }}
          onFinish={(v) => void create(v)}
        >
          <Form.Item
            name="kind"
            label={t('orgs.kind')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Radio.Group
              options={[
                { value: 'enterprise', label: t('orgKind.enterprise') },
                { value: 'body', label: t('orgKind.body') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('orgs.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('orgs.creditCode')}
            extra={t('orgs.creditCodeHint')}
            rules={[{ len: 18, message: t('orgs.creditCodeHint') }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          {kindNow === 'enterprise' && (
            <Form.Item name="industry" label={t('orgs.industry')}>
              <Select allowClear options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
            </Form.Item>
          )}
          {kindNow === 'enterprise' && (
            <>
              <Typography.Text type="secondary">{t('orgs.profileHint')}</Typography.Text>
              <ProfileItems prefix="profile" />
            </>
          )}
        </Form>
      </Modal>
      <Modal
        open={editing !== null}
        title={editing ? `${t('orgs.profile')} · ${editing.name}` : t('orgs.profile')}
        onCancel={() => setEditing(null)}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
        onOk={() => profileForm.submit()}
        destroyOnHidden
      >
        <Form<ProfileInput> form={profileForm} layout="vertical" onFinish={(v) => void saveProfile(v)}>
          <Typography.Paragraph type="secondary">{t('orgs.profileHint')}</Typography.Paragraph>
          <ProfileItems prefix={null} />
        </Form>
      </Modal>
    </Space>
  );
}

/** The profile as sent: every field (a cleared select is null, so clearing it clears the field). */
function cleanProfile(v: ProfileInput): Required<ProfileInput> {
  return {
    size: v.size ?? null,
    subSector: v.subSector ?? null,
    region: v.region ?? null,
    ownership: v.ownership ?? null,
  };
}

import { isCreditCode, normalizeCreditCode } from '@engine/process/credit-code';
import { useState } from 'react';
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
import type {
  CreateOrganisationRequest,
  Organisation,
  OrganisationSort,
  ProfileInput,
} from '@engine/contract/index';
import { INDUSTRIES } from '@engine/model/types';
import { PROFILE_FIELDS, PROFILE_LISTS, profileLabel, type ProfileField } from '@engine/model/profile';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { errorField } from '../../i18n/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverTable, sortable, updateItems, useListQuery, usePagingText } from '../../components/paging';

type KindFilter = 'all' | 'body' | 'enterprise';
type Industry = (typeof INDUSTRIES)[number];

interface OrgFilters {
  kind?: 'body' | 'enterprise';
  industry?: Industry;
  subSector?: string;
}

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

/**
 * Organisations (platform admin): assessment bodies and enterprises a page at a time — searched (name, credit
 * code), filtered (kind, industry, sub-sector) and sorted by the server — with a create form and the profile.
 */
export default function OrgsScreen() {
  const { t, err, lang } = useI18n();
  const tp = usePagingText();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [profileForm] = Form.useForm<ProfileInput>();
  const list = useListQuery<OrgFilters, OrganisationSort>({});
  const q = useApi((signal) => api('GET /api/orgs', { signal, query: list.query }), [list.key]);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CreateOrganisationRequest>();
  const kindNow = Form.useWatch('kind', form);
  const create = async (v: CreateOrganisationRequest) => {
    setBusy(true);
    try {
      const body: CreateOrganisationRequest = {
        kind: v.kind,
        name: v.name,
        ...(v.creditCode?.trim() ? { creditCode: normalizeCreditCode(v.creditCode) } : {}),
        ...(v.kind === 'enterprise' && v.industry ? { industry: v.industry } : {}),
        ...(v.kind === 'enterprise' && v.profile ? { profile: cleanProfile(v.profile) } : {}),
      };
      const o = await api('POST /api/orgs', { body });
      q.reload();
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
      q.setData(updateItems((items) => items.map((x) => (x.id === o.id ? o : x))));
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
            placeholder={tp('orgsSearch')}
            aria-label={tp('orgsSearch')}
            value={list.search}
            onChange={(e) => list.setSearch(e.target.value)}
            style={{ width: 260 }}
            data-testid="orgs-search"
          />
          <Segmented<KindFilter>
            value={list.filters.kind ?? 'all'}
            onChange={(k) => list.setFilter({ kind: k === 'all' ? undefined : k })}
            options={[
              { value: 'all', label: t('admin.all') },
              { value: 'body', label: t('orgKind.body') },
              { value: 'enterprise', label: t('orgKind.enterprise') },
            ]}
          />
          <Select<Industry>
            allowClear
            placeholder={t('lists.allIndustries')}
            aria-label={t('orgs.industry')}
            value={list.filters.industry}
            onChange={(industry) => list.setFilter({ industry })}
            style={{ width: 130 }}
            options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))}
          />
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={tp('allSubSectors')}
            aria-label={t('orgs.subSector')}
            value={list.filters.subSector}
            onChange={(subSector) => list.setFilter({ subSector })}
            style={{ width: 170 }}
            options={PROFILE_LISTS.subSector.map((o) => ({
              value: o.code,
              label: lang === 'en' ? o.en : o.zh,
            }))}
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
        dataSource={q.data?.items ?? []}
        scroll={{ x: 980 }}
        {...serverTable<Organisation, OrgFilters, OrganisationSort>(list, q.data?.total, tp)}
        columns={[
          { title: t('orgs.name'), dataIndex: 'name', ...sortable(list, 'name') },
          {
            title: t('orgs.kind'),
            ...sortable(list, 'kind'),
            width: 130,
            render: (_, o) => (
              <Tag color={o.kind === 'body' ? 'blue' : 'default'}>{t(`orgKind.${o.kind}`)}</Tag>
            ),
          },
          {
            title: t('orgs.industry'),
            ...sortable(list, 'industry'),
            width: 120,
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
          {
            title: t('orgs.createdAt'),
            ...sortable(list, 'created'),
            width: 130,
            render: (_, o) => o.createdAt.slice(0, 10),
          },
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
            rules={[
              {
                // The server's check (GB 32100), run as the user types: the same function, the same message.
                validator: (_, v: string | undefined) =>
                  !v || isCreditCode(normalizeCreditCode(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('rule.creditCode'))),
              },
            ]}
          >
            <Input maxLength={40} />
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

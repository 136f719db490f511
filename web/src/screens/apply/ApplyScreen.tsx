import { useEffect, useState } from 'react';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import Checkbox from 'antd/es/checkbox';
import Button from 'antd/es/button';
import Alert from 'antd/es/alert';
import Typography from 'antd/es/typography';
import type { CreateAssessmentRequest, EligibilityAnswers } from '@engine/contract/index';
import type { IndustryId } from '@engine/model/types';
import { api, ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { assessmentPath, navigate } from '../../app/router';
import { ELIGIBILITY_KEYS, eligibilityComplete } from './eligibility';

interface ApplyForm {
  modelId: string;
  industry: IndustryId;
  scope: string;
  requestedLevel?: number;
  contactName: string;
  contactPhone: string;
  eligibility: (keyof EligibilityAnswers)[];
}

export default function ApplyScreen() {
  const { t, pick } = useI18n();
  const models = useApi((signal) => api('GET /api/models', { signal }), []);
  const [form] = Form.useForm<ApplyForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const checked = Form.useWatch('eligibility', form) ?? [];
  const modelId = Form.useWatch('modelId', form);
  const model = models.data?.find((m) => m.id === modelId) ?? models.data?.[0];
  // The first model once the list is there (initialValues of a form that already exists do not apply).
  const firstModelId = models.data?.[0]?.id;
  useEffect(() => {
    if (firstModelId && !form.getFieldValue('modelId')) form.setFieldValue('modelId', firstModelId);
  }, [firstModelId, form]);

  const submit = async (v: ApplyForm) => {
    setBusy(true);
    setError(undefined);
    const eligibility = Object.fromEntries(
      ELIGIBILITY_KEYS.map((k) => [k, v.eligibility.includes(k)]),
    ) as unknown as EligibilityAnswers;
    const body: CreateAssessmentRequest = {
      modelId: v.modelId,
      industry: v.industry,
      eligibility,
      form: {
        scope: v.scope,
        requestedLevel: v.requestedLevel ?? null,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
      },
    };
    try {
      const a = await api('POST /api/assessments', { body });
      navigate(assessmentPath(a.id, 'self'));
    } catch (e) {
      setError(
        e instanceof ApiError && e.field
          ? `${e.field}: ${e.message}`
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('apply.title')} style={{ maxWidth: 860 }}>
      <Typography.Paragraph type="secondary">{t('apply.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {models.error && (
        <Alert type="error" showIcon message={models.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form<ApplyForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ eligibility: [], modelId: models.data?.[0]?.id }}
        key={models.data?.[0]?.id ?? 'loading'}
      >
        <Form.Item
          name="modelId"
          label={t('apply.model')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            loading={models.loading}
            options={(models.data ?? []).map((m) => ({
              value: m.id,
              label: `${pick(m.title, m.titleEn)} (${m.status})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="industry"
          label={t('apply.industry')}
          rules={[{ required: true, message: t('apply.industryRequired') }]}
        >
          <Radio.Group>
            {(['mining', 'smelting', 'processing'] as const).map((ind) => (
              <Radio.Button key={ind} value={ind} data-testid={`industry-${ind}`}>
                {t(`industry.${ind}`)}
                {model ? ` · ${t('apply.requirements', { n: model.requirementCounts[ind] })}` : ''}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="eligibility"
          label={t('apply.eligibility')}
          extra={t('apply.eligibilityHint')}
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                eligibilityComplete(v ?? [])
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('apply.eligibilityAll'))),
            },
          ]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {ELIGIBILITY_KEYS.map((k) => (
              <Checkbox key={k} value={k}>
                {t(`eligibility.${k}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="scope"
          label={t('apply.scope')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} placeholder={t('apply.scopePlaceholder')} />
        </Form.Item>
        <Form.Item name="requestedLevel" label={t('apply.requestedLevel')}>
          <Select
            allowClear
            options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t(`level.${n as 1 | 2 | 3 | 4 | 5}`) }))}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('apply.contactName')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input style={{ width: 300 }} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('apply.contactPhone')}
          rules={[{ required: true, pattern: /^[0-9+\-\s]{6,20}$/, message: t('apply.phoneInvalid') }]}
        >
          <Input style={{ width: 300 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!eligibilityComplete(checked)}>
          {t('apply.create')}
        </Button>
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          {t('apply.createHint')}
        </Typography.Text>
      </Form>
    </Card>
  );
}

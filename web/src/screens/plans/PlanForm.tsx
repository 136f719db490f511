import { useState } from 'react';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Checkbox from 'antd/es/checkbox';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import Tag from 'antd/es/tag';
import App from 'antd/es/app';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { EVIDENCE_METHODS } from '@engine/process/types';
import type { EvidenceMethod, PlanDoc, PlanKind } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';

interface PlanValues {
  purpose: string;
  scope: string;
  tasks: string[];
  methods: EvidenceMethod[];
  startDate: string;
  endDate: string;
  people: string[];
  schedule: { date: string; activity: string }[];
}

export function PlanForm({
  kind,
  plan,
  onSaved,
}: {
  kind: PlanKind;
  plan: PlanDoc | undefined;
  onSaved: (p: PlanDoc) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role } = useAssessment();
  const { run, busy: confirming } = useTransition();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<PlanDoc>();
  const [busy, setBusy] = useState(false);
  const editable = role === 'leader' && a.stage === 'planning';
  const team = a.team?.members ?? [];
  const initial: PlanValues = plan
    ? { ...plan }
    : {
        purpose: '',
        scope: a.applicationForm.scope,
        tasks: [''],
        methods: [],
        startDate: '',
        endDate: '',
        people: team.map((m) => m.expert.userId),
        schedule: [{ date: '', activity: '' }],
      };
  const save = async (v: PlanValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api('PUT /api/assessments/:id/plans/:kind', {
        params: { id: a.id, kind },
        body: { ...v, tasks: v.tasks.filter((x) => x.trim()), expectedVersion: plan?.version ?? 0 },
      });
      onSaved(saved);
      setConflict(undefined);
      message.success(t('common.saved'));
    } catch (e) {
      if (isConflict(e)) setConflict(e.current as PlanDoc);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 860 }}>
      {plan?.confirmed ? (
        <Alert
          type="success"
          showIcon
          message={t('plan.confirmed', { at: plan.confirmed.at.slice(0, 10), v: plan.version })}
        />
      ) : plan ? (
        <Alert type="warning" showIcon message={t('plan.unconfirmed', { v: plan.version })} />
      ) : null}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('conflict.title')}
          description={t('plan.conflict', { v: conflict.version, by: conflict.writtenBy })}
          action={
            <Button
              size="small"
              onClick={() => {
                onSaved(conflict);
                form.setFieldsValue(conflict);
                setConflict(undefined);
              }}
            >
              {t('conflict.keepTheirs')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      <Form<PlanValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 12 }}
        key={plan?.version ?? 0}
      >
        <Form.Item
          name="purpose"
          label={t('plan.purpose')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="scope"
          label={t('plan.scope')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <Form.Item label={t('plan.tasks')}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex' }} align="baseline">
                  <Form.Item name={f.name} style={{ width: 640, marginBottom: 6 }}>
                    <Input />
                  </Form.Item>
                  {editable && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  {t('plan.addTask')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item
          name="methods"
          label={t('plan.methods')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Checkbox.Group options={EVIDENCE_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
        </Form.Item>
        <Space>
          <Form.Item
            name="startDate"
            label={t('plan.start')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('plan.end')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="people" label={t('plan.people')}>
          <Checkbox.Group
            options={team.map((m) => ({
              value: m.expert.userId,
              label: m.role === 'leader' ? `${m.expert.name}（${t('team.leader')}）` : m.expert.name,
            }))}
          />
        </Form.Item>
        <Form.List name="schedule">
          {(fields, { add, remove }) => (
            <Form.Item label={t('plan.schedule')}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex' }} align="baseline">
                  <Form.Item name={[f.name, 'date']} style={{ marginBottom: 6 }}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'activity']} style={{ width: 480, marginBottom: 6 }}>
                    <Input placeholder={t('plan.activity')} />
                  </Form.Item>
                  {editable && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: '', activity: '' })}>
                  {t('plan.addScheduleItem')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        )}
      </Form>
      {role === 'enterprise' && plan && !plan.confirmed && (
        <Space style={{ marginTop: 12 }}>
          <Tag>{t('plan.version', { v: plan.version })}</Tag>
          <Button
            type="primary"
            loading={confirming}
            disabled={!a.allowedCommands.includes('plan.confirm')}
            onClick={() =>
              void run({ type: 'plan.confirm', kind, version: plan.version }).then(async (ok) => {
                if (!ok) return;
                const fresh = (await api('GET /api/assessments/:id/plans', { params: { id: a.id } }))[kind];
                if (fresh) onSaved(fresh);
              })
            }
          >
            {t('command.plan.confirm')}
          </Button>
        </Space>
      )}
    </div>
  );
}

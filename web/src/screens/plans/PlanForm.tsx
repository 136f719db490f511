import { useState } from 'react';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Checkbox from 'antd/es/checkbox';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import Tag from 'antd/es/tag';
import App from 'antd/es/app';
import DatePicker from 'antd/es/date-picker';
import Descriptions from 'antd/es/descriptions';
import Typography from 'antd/es/typography';
import Popconfirm from 'antd/es/popconfirm';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { EVIDENCE_METHODS } from '@engine/process/types';
import type { EvidenceMethod, PlanDoc, PlanKind } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorField } from '../../i18n/errors';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';

/** The form's values: dates as dayjs (antd's pickers in the user's language), ISO dates on the wire. */
interface PlanValues {
  purpose: string;
  scope: string;
  tasks: string[];
  methods: EvidenceMethod[];
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  people: string[];
  schedule: { date: Dayjs | null; activity: string }[];
}

const ISO = 'YYYY-MM-DD';
const day = (s: string | undefined) => (s ? dayjs(s, ISO) : null);

function toValues(p: PlanDoc): PlanValues {
  return {
    ...p,
    startDate: day(p.startDate),
    endDate: day(p.endDate),
    schedule: p.schedule.map((x) => ({ date: day(x.date), activity: x.activity })),
  };
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
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, refresh } = useAssessment();
  const { run, busy: confirming } = useTransition();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<PlanDoc>();
  const [busy, setBusy] = useState(false);
  const editable = role === 'leader' && a.stage === 'planning';
  const team = a.team?.members ?? [];
  const nameOf = new Map(team.map((m) => [m.expert.userId, m.expert.name]));
  // A new plan starts with the application's scope and the whole team — and no empty schedule row.
  const initial: PlanValues = plan
    ? toValues(plan)
    : {
        purpose: '',
        scope: a.applicationForm.scope,
        tasks: [''],
        methods: [],
        startDate: null,
        endDate: null,
        people: team.map((m) => m.expert.userId),
        schedule: [],
      };
  const save = async (v: PlanValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api('PUT /api/assessments/:id/plans/:kind', {
        params: { id: a.id, kind },
        body: {
          ...v,
          tasks: v.tasks.filter((x) => x?.trim()),
          startDate: v.startDate?.format(ISO) ?? '',
          endDate: v.endDate?.format(ISO) ?? '',
          schedule: (v.schedule ?? [])
            .filter((x) => x.date || x.activity?.trim())
            .map((x) => ({ date: x.date?.format(ISO) ?? '', activity: x.activity ?? '' })),
          expectedVersion: plan?.version ?? 0,
        },
      });
      onSaved(saved);
      setConflict(undefined);
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      if (isConflict(e)) setConflict(e.current as PlanDoc);
      else {
        // The error next to its field (schedule item 2's date, the end date …), else above the form.
        const path = errorField(e);
        if (path.length > 0 && form.getFieldInstance(path as never))
          form.setFields([{ name: path as never, errors: [err(e)] }]);
        else setError(err(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const status = plan?.confirmed ? (
    <Alert
      type="success"
      showIcon
      message={t('plan.confirmed', { at: plan.confirmed.at.slice(0, 10), v: plan.version })}
    />
  ) : plan ? (
    <Alert type="warning" showIcon message={t('plan.unconfirmed', { v: plan.version })} />
  ) : null;

  const confirmButton = role === 'enterprise' && plan && !plan.confirmed && (
    <Space style={{ marginTop: 12 }}>
      <Tag>{t('plan.version', { v: plan.version })}</Tag>
      <Popconfirm
        title={t('confirm.title', { command: t('command.plan.confirm') })}
        description={t('plan.readOnlyNote')}
        okText={t('confirm.ok')}
        cancelText={t('confirm.cancel')}
        disabled={!a.allowedCommands.includes('plan.confirm')}
        onConfirm={() =>
          void run({ type: 'plan.confirm', kind, version: plan.version }).then(async (ok) => {
            if (!ok) return;
            const fresh = (await api('GET /api/assessments/:id/plans', { params: { id: a.id } }))[kind];
            if (fresh) onSaved(fresh);
          })
        }
      >
        <Button type="primary" loading={confirming} disabled={!a.allowedCommands.includes('plan.confirm')}>
          {t('command.plan.confirm')}
        </Button>
      </Popconfirm>
    </Space>
  );

  if (!editable) {
    // Read-only: the plan as a document to read.
    return (
      <div style={{ maxWidth: 900 }}>
        {status}
        {!plan ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('plan.none')}
          </Typography.Paragraph>
        ) : (
          <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('plan.purpose')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{plan.purpose}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.scope')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{plan.scope}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.tasks')}>
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {plan.tasks.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ol>
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.methods')}>
              {plan.methods.map((m) => t(`method.${m}`)).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('plan.start')} – ${t('plan.end')}`}>
              {plan.startDate} – {plan.endDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.people')}>
              {plan.people.map((p) => nameOf.get(p) ?? '—').join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.schedule')}>
              {plan.schedule.map((x, i) => (
                <div key={i}>
                  <b>{x.date}</b> {x.activity}
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
        )}
        {confirmButton}
      </div>
    );
  }

  return (
    <div style={{ maxWidth: 860 }}>
      {status}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('conflict.title')}
          description={t('plan.conflict', { v: conflict.version, by: nameOf.get(conflict.writtenBy) ?? '—' })}
          action={
            <Space direction="vertical" size={2}>
              <Button
                size="small"
                onClick={() => {
                  onSaved(conflict);
                  form.setFieldsValue(toValues(conflict));
                  setConflict(undefined);
                }}
              >
                {t('conflict.keepTheirs')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() => {
                  onSaved(conflict);
                  setConflict(undefined);
                  form.submit();
                }}
              >
                {t('conflict.useMine')}
              </Button>
            </Space>
          }
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} role="alert" />}
      <Form<PlanValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 12 }}
        key={plan?.version ?? 0}
      >
        <Form.Item
          name="purpose"
          label={t('plan.purpose')}
          rules={[{ required: true, whitespace: true, message: t('rule.plan.purpose') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="scope"
          label={t('plan.scope')}
          rules={[{ required: true, whitespace: true, message: t('rule.plan.scope') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <Form.Item label={t('plan.tasks')}>
              {fields.map((f, i) => (
                <Space key={f.key} style={{ display: 'flex', width: '100%' }} align="baseline">
                  <Form.Item name={f.name} style={{ width: 'min(640px, 80vw)', marginBottom: 6 }}>
                    <Input aria-label={`${t('plan.tasks')} ${i + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('evidence.confirmDelete')}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                {t('plan.addTask')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item
          name="methods"
          label={t('plan.methods')}
          rules={[{ required: true, message: t('rule.plan.methods') }]}
        >
          <Checkbox.Group options={EVIDENCE_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="startDate"
            label={t('plan.start')}
            rules={[{ required: true, message: t('rule.plan.startDate') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('plan.end')}
            dependencies={['startDate']}
            rules={[
              { required: true, message: t('rule.plan.endDate') },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) => {
                  const start = getFieldValue('startDate') as Dayjs | null;
                  return !v || !start || !v.isBefore(start, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('rule.plan.endBeforeStart')));
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item
          name="people"
          label={t('plan.people')}
          rules={[{ required: true, message: t('rule.plan.people') }]}
        >
          <Checkbox.Group
            options={team.map((m) => ({
              value: m.expert.userId,
              label: m.role === 'leader' ? `${m.expert.name}（${t('team.leader')}）` : m.expert.name,
            }))}
          />
        </Form.Item>
        <Form.List
          name="schedule"
          rules={[
            {
              validator: (_, v: unknown[] | undefined) =>
                v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('rule.plan.schedule'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('plan.schedule')}>
              {fields.map((f, i) => (
                <Space key={f.key} style={{ display: 'flex' }} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'date']}
                    style={{ marginBottom: 6 }}
                    rules={[{ required: true, message: t('rule.plan.schedule.date', { item: i + 1 }) }]}
                  >
                    <DatePicker aria-label={`${t('plan.schedule')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'activity']}
                    style={{ width: 'min(480px, 70vw)', marginBottom: 6 }}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('rule.plan.schedule.activity', { item: i + 1 }),
                      },
                    ]}
                  >
                    <Input placeholder={t('plan.activity')} aria-label={`${t('plan.activity')} ${i + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('evidence.confirmDelete')}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                data-testid="plan-add-schedule"
                onClick={() =>
                  add({
                    date: form.getFieldValue('startDate') ?? null,
                    activity: '',
                  } as PlanValues['schedule'][number])
                }
              >
                {t('plan.addScheduleItem')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}

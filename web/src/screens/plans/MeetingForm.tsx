import { useState } from 'react';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Checkbox from 'antd/es/checkbox';
import Select from 'antd/es/select';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FINAL_MEETING_TOPICS, FIRST_MEETING_TOPICS } from '@engine/process/types';
import type { Attendee, Meeting } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';

interface MeetingValues {
  heldAt: string;
  minutes: string;
  attendees: Attendee[];
  topics: string[];
  planAgreed?: boolean;
}

export function MeetingForm({
  kind,
  meeting,
  onSaved,
}: {
  kind: 'first' | 'final';
  meeting: Meeting | undefined;
  onSaved: (m: Meeting) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, setAssessment } = useAssessment();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const editable =
    role === 'leader' &&
    !meeting &&
    (kind === 'first' ? a.stage === 'planning' : a.stage === 'communication');
  const topics = kind === 'first' ? FIRST_MEETING_TOPICS : FINAL_MEETING_TOPICS;
  const initial: MeetingValues = meeting
    ? { ...meeting, heldAt: meeting.heldAt.slice(0, 16) }
    : {
        heldAt: '',
        minutes: '',
        topics: [],
        planAgreed: false,
        attendees: (a.team?.members ?? []).map((m) => ({
          name: m.expert.name,
          userId: m.expert.userId,
          side: 'team' as const,
        })),
      };
  const save = async (v: MeetingValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api('PUT /api/assessments/:id/meetings/:kind', {
        params: { id: a.id, kind },
        body: { ...v, heldAt: new Date(v.heldAt).toISOString() },
      });
      onSaved(saved);
      message.success(t('common.saved'));
      setAssessment(await api('GET /api/assessments/:id', { params: { id: a.id } }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 860 }}>
      {meeting && (
        <Alert
          type="success"
          showIcon
          message={t('meeting.recorded', { at: meeting.recordedAt.slice(0, 10) })}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      <Form<MeetingValues>
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onFinish={(v) => void save(v)}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="heldAt"
          label={t('meeting.heldAt')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input type="datetime-local" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item
          name="topics"
          label={t('meeting.topics')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Checkbox.Group options={topics.map((x) => ({ value: x, label: t(`topic.${x}`) }))} />
        </Form.Item>
        {kind === 'first' && (
          <Form.Item name="planAgreed" valuePropName="checked">
            <Checkbox>{t('meeting.planAgreed')}</Checkbox>
          </Form.Item>
        )}
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <Form.Item label={t('meeting.attendees')}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex' }} align="baseline">
                  <Form.Item
                    name={[f.name, 'name']}
                    style={{ marginBottom: 6 }}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <Input placeholder={t('team.name')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'side']} style={{ marginBottom: 6, width: 140 }}>
                    <Select
                      options={(['team', 'enterprise', 'other'] as const).map((s) => ({
                        value: s,
                        label: t(`side.${s}`),
                      }))}
                    />
                  </Form.Item>
                  {editable && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {editable && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', side: 'enterprise' })}
                >
                  {t('meeting.addAttendee')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item
          name="minutes"
          label={t('meeting.minutes')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={6} />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('meeting.record')}
          </Button>
        )}
      </Form>
    </div>
  );
}

import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Checkbox from 'antd/es/checkbox';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';

/** 4.5.2: the leader's briefing of every member before formal scoring (attended, or excused with a reason). */
export function BriefingCard() {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, setAssessment, role } = useAssessment();
  const members = a.team?.members ?? [];
  const b = a.briefing;
  const [heldOn, setHeldOn] = useState(b?.heldOn ?? new Date().toISOString().slice(0, 10));
  const [content, setContent] = useState(b?.content ?? '');
  const [attendees, setAttendees] = useState<string[]>(b?.attendees ?? members.map((m) => m.expert.userId));
  const [reasons, setReasons] = useState<Record<string, string>>(
    Object.fromEntries((b?.excused ?? []).map((x) => [x.userId, x.reason])),
  );
  const [busy, setBusy] = useState(false);
  const editable = role === 'leader' && (a.stage === 'planning' || a.stage === 'evidence_collection');
  const save = async () => {
    setBusy(true);
    try {
      const excused = members
        .map((m) => m.expert.userId)
        .filter((id) => !attendees.includes(id))
        .map((userId) => ({ userId, reason: reasons[userId] ?? '' }));
      setAssessment(
        await api('PUT /api/assessments/:id/briefing', {
          params: { id: a.id },
          body: { heldOn, content, attendees, excused, expectedVersion: a.version },
        }),
      );
      message.success(t('common.saved'));
    } catch (e) {
      message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('briefing.title')} data-testid="briefing-card">
      {b ? (
        <Typography.Paragraph data-testid="briefing-recorded">
          {t('briefing.recorded', { date: b.heldOn, n: b.attendees.length, m: b.excused.length })}
          {b.excused.length > 0 &&
            `（${b.excused
              .map(
                (x) =>
                  `${members.find((m) => m.expert.userId === x.userId)?.expert.name ?? x.userId}：${x.reason}`,
              )
              .join('；')}）`}
        </Typography.Paragraph>
      ) : null}
      {editable && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('briefing.heldOn')}</span>
            <Input
              type="date"
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
              style={{ width: 180 }}
            />
          </Space>
          <div>{t('briefing.attendees')}</div>
          <Checkbox.Group
            value={attendees}
            onChange={(v) => setAttendees(v as string[])}
            options={members.map((m) => ({ value: m.expert.userId, label: m.expert.name }))}
          />
          {members
            .filter((m) => !attendees.includes(m.expert.userId))
            .map((m) => (
              <Input
                key={m.expert.userId}
                addonBefore={`${m.expert.name} ${t('briefing.reason')}`}
                value={reasons[m.expert.userId] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [m.expert.userId]: e.target.value })}
              />
            ))}
          <Input.TextArea
            rows={3}
            placeholder={t('briefing.content')}
            value={content}
            onChange={(e) => setContent(e.target.value)}
            data-testid="briefing-content"
          />
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="briefing-save">
            {t('briefing.record')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

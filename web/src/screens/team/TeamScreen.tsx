import { useMemo, useState } from 'react';
import Table from 'antd/es/table';
import Card from 'antd/es/card';
import Tag from 'antd/es/tag';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Radio from 'antd/es/radio';
import Alert from 'antd/es/alert';
import List from 'antd/es/list';
import Typography from 'antd/es/typography';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import App from 'antd/es/app';
import Tooltip from 'antd/es/tooltip';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { checkTeam, blockingConflicts } from '@engine/process/team';
import type { AssessmentView, ExpertCandidate } from '@engine/contract/index';
import { api, ApiError, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { teamRuleLabel } from './ruleLabel';

export default function TeamScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, setAssessment, role } = useAssessment();
  const editable = role === 'body' && a.stage === 'team_formation';
  const candidates = useApi(
    (signal) => api('GET /api/assessments/:id/team/candidates', { params: { id: a.id }, signal }),
    [a.id],
  );
  const [selected, setSelected] = useState<string[]>(() => a.team?.members.map((m) => m.expert.userId) ?? []);
  const [leader, setLeader] = useState<string | undefined>(
    () => a.team?.members.find((m) => m.role === 'leader')?.expert.userId,
  );
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const byId = useMemo(
    () => new Map((candidates.data ?? []).map((c) => [c.expert.userId, c])),
    [candidates.data],
  );
  const enterprise = { orgId: a.enterpriseOrgId };
  const now = useMemo(() => new Date(), []);
  const members = selected
    .map((id) => byId.get(id))
    .filter((c): c is ExpertCandidate => c !== undefined)
    .map((c) => ({
      expert: c.expert,
      role: c.expert.userId === leader ? ('leader' as const) : ('member' as const),
    }));
  const check = checkTeam({ members }, enterprise, now);

  const save = async () => {
    setBusy(true);
    setServerError(undefined);
    try {
      const next: AssessmentView = await api('PUT /api/assessments/:id/team', {
        params: { id: a.id },
        body: {
          members: members.map((m) => ({ userId: m.expert.userId, role: m.role })),
          expectedVersion: a.version,
        },
      });
      setAssessment(next);
      message.success(t('team.saved'));
    } catch (e) {
      if (isConflict(e) && e.current) {
        setAssessment(e.current as AssessmentView);
        setServerError(t('conflict.assessment'));
      } else setServerError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card size="small" title={t('team.candidates')}>
          {candidates.error && <Alert type="error" showIcon message={candidates.error.message} />}
          <Table<ExpertCandidate>
            size="small"
            rowKey={(c) => c.expert.userId}
            loading={candidates.loading}
            dataSource={candidates.data ?? []}
            pagination={false}
            scroll={{ y: 520 }}
            rowSelection={
              editable
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => {
                      const ids = keys.map(String);
                      setSelected(ids);
                      if (leader && !ids.includes(leader)) setLeader(undefined);
                    },
                    getCheckboxProps: (c) => ({ 'data-testid': `pick-${c.expert.userId}` }) as never,
                  }
                : undefined
            }
            columns={[
              { title: t('team.name'), render: (_, c) => c.expert.name, width: 110 },
              { title: t('team.org'), render: (_, c) => c.orgName, ellipsis: true },
              {
                title: t('team.disciplines'),
                render: (_, c) => c.expert.disciplines.map((d) => <Tag key={d}>{t(`discipline.${d}`)}</Tag>),
              },
              {
                title: t('team.trained'),
                width: 90,
                render: (_, c) =>
                  c.expert.trainingValidUntil &&
                  c.expert.trainingValidUntil >= now.toISOString().slice(0, 10) ? (
                    <Tag color="green">{c.expert.trainingValidUntil}</Tag>
                  ) : (
                    <Tag color="red">{t('team.untrained')}</Tag>
                  ),
              },
              {
                title: t('team.conflicts'),
                width: 110,
                render: (_, c) => {
                  const cs = blockingConflicts(c.expert, enterprise, now);
                  return cs.length === 0 ? (
                    '—'
                  ) : (
                    <Tooltip title={cs.map((x) => `${t(`conflict.${x.kind}`)}: ${x.description}`).join('；')}>
                      <Tag color="red">{t('team.hasConflict', { n: cs.length })}</Tag>
                    </Tooltip>
                  );
                },
              },
              { title: t('team.load'), render: (_, c) => c.load, width: 60 },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small" title={t('team.members', { n: members.length })}>
            {members.length === 0 && <Typography.Text type="secondary">{t('team.pickHint')}</Typography.Text>}
            <Radio.Group
              value={leader}
              onChange={(e) => setLeader(e.target.value as string)}
              disabled={!editable}
            >
              <Space direction="vertical">
                {members.map((m) => (
                  <Radio key={m.expert.userId} value={m.expert.userId}>
                    {m.expert.name} {m.role === 'leader' && <Tag color="blue">{t('team.leader')}</Tag>}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Card>
          <Card size="small" title={t('team.rules')} data-testid="team-rules">
            <List
              size="small"
              dataSource={check.rules}
              renderItem={(r) => (
                <List.Item style={{ padding: '3px 0' }}>
                  <Space align="start">
                    {r.pass ? (
                      <CheckCircleTwoTone twoToneColor="#52c41a" />
                    ) : (
                      <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                    )}
                    <span>
                      {teamRuleLabel(t, r, members.length)}
                      {!r.pass && r.experts && r.experts.length > 0 && (
                        <Typography.Text type="danger">
                          {' '}
                          ({r.experts.map((id) => byId.get(id)?.expert.name ?? id).join('、')})
                        </Typography.Text>
                      )}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          {serverError && <Alert type="error" showIcon message={serverError} />}
          {editable && (
            <Button
              type="primary"
              block
              disabled={!check.ok}
              loading={busy}
              onClick={() => void save()}
              data-testid="team-save"
            >
              {t('team.assign')}
            </Button>
          )}
        </Space>
      </Col>
    </Row>
  );
}

import { useMemo, useState } from 'react';
import Table from 'antd/es/table';
import Space from 'antd/es/space';
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Switch from 'antd/es/switch';
import Tag from 'antd/es/tag';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import DatePicker from 'antd/es/date-picker';
import Typography from 'antd/es/typography';
import Tooltip from 'antd/es/tooltip';
import App from 'antd/es/app';
import dayjs, { type Dayjs } from 'dayjs';
import type { ExpertPoolEntry } from '@engine/contract/index';
import { DISCIPLINES, type Discipline } from '@engine/process/types';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

const today = () => new Date().toISOString().slice(0, 10);

/** The expert pool (4.2.2): disciplines, training validity, declared interests and current workload. */
export default function ExpertsScreen() {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const q = useApi((signal) => api('GET /api/experts', { signal }), []);
  const [search, setSearch] = useState('');
  const [discipline, setDiscipline] = useState<Discipline>();
  const [onlyValid, setOnlyValid] = useState(false);
  const [training, setTraining] = useState<{ e: ExpertPoolEntry; date: Dayjs | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const now = today();
  const rows = useMemo(() => {
    const s = search.trim().toLowerCase();
    return (q.data ?? []).filter(
      (e) =>
        (!s || e.user.displayName.toLowerCase().includes(s) || e.orgName.toLowerCase().includes(s)) &&
        (!discipline || e.user.disciplines.includes(discipline)) &&
        (!onlyValid || (e.trainingValidUntil !== null && e.trainingValidUntil >= now)),
    );
  }, [q.data, search, discipline, onlyValid, now]);

  const saveTraining = async () => {
    if (!training) return;
    setBusy(true);
    try {
      const userId = training.e.user.id;
      const profile = await api('GET /api/users/:userId/expert-profile', { params: { userId } });
      const saved = await api('PUT /api/users/:userId/expert-profile', {
        params: { userId },
        body: {
          trainingValidUntil: training.date ? training.date.format('YYYY-MM-DD') : null,
          conflicts: profile.conflicts.map(({ enterpriseOrgId, kind, description, declaredAt, endedOn }) => ({
            enterpriseOrgId,
            kind,
            description,
            declaredAt,
            ...(endedOn ? { endedOn } : {}),
          })),
          expectedVersion: profile.version,
        },
      });
      q.setData((d) =>
        (d ?? []).map((x) =>
          x.user.id === userId ? { ...x, trainingValidUntil: saved.trainingValidUntil } : x,
        ),
      );
      message.success(t('experts.trainingSaved'));
      setTraining(null);
    } catch (e) {
      message.error(err(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('experts.title')}
      </Typography.Title>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('admin.search')}
          aria-label={t('admin.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 220 }}
        />
        <Select<Discipline>
          allowClear
          placeholder={t('experts.filterDiscipline')}
          aria-label={t('experts.filterDiscipline')}
          value={discipline}
          onChange={setDiscipline}
          style={{ width: 180 }}
          options={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))}
        />
        <Space size={6}>
          <Switch checked={onlyValid} onChange={setOnlyValid} aria-label={t('experts.onlyValid')} />
          <span>{t('experts.onlyValid')}</span>
        </Space>
      </Space>
      {q.error && <ErrorAlert error={q.error} />}
      <Table<ExpertPoolEntry>
        rowKey={(e) => e.user.id}
        size="middle"
        loading={q.loading}
        dataSource={rows}
        scroll={{ x: 960 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('admin.count', { n }), hideOnSinglePage: true }}
        columns={[
          {
            title: t('users.name'),
            render: (_, e) => (
              <span>
                {e.user.displayName}
                {!e.user.active && <Tag style={{ marginInlineStart: 6 }}>{t('users.inactive')}</Tag>}
              </span>
            ),
            sorter: (a, b) => a.user.displayName.localeCompare(b.user.displayName, 'zh'),
          },
          { title: t('users.org'), dataIndex: 'orgName' },
          {
            title: t('users.disciplines'),
            render: (_, e) => (
              <Space size={[2, 2]} wrap>
                {e.user.disciplines
                  .filter((d): d is Discipline => (DISCIPLINES as readonly string[]).includes(d))
                  .map((d) => (
                    <Tag key={d}>{t(`discipline.${d}`)}</Tag>
                  ))}
              </Space>
            ),
          },
          {
            title: t('experts.training'),
            width: 230,
            sorter: (a, b) => (a.trainingValidUntil ?? '').localeCompare(b.trainingValidUntil ?? ''),
            render: (_, e) => {
              const d = e.trainingValidUntil;
              const tag =
                d === null ? (
                  <Tag color="red">{t('experts.trainingNone')}</Tag>
                ) : d < now ? (
                  <Tag color="red">{t('experts.trainingExpired', { date: d })}</Tag>
                ) : (
                  <Tag color="green">{t('experts.trainingValid', { date: d })}</Tag>
                );
              return (
                <Space size={4}>
                  {tag}
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setTraining({ e, date: d ? dayjs(d) : null })}
                    aria-label={`${t('admin.edit')} · ${t('experts.setTraining')} ${e.user.displayName}`}
                  >
                    {t('admin.edit')}
                  </Button>
                </Space>
              );
            },
          },
          {
            title: t('experts.conflicts'),
            render: (_, e) =>
              e.conflicts.length === 0 ? (
                <Typography.Text type="secondary">{t('experts.noConflicts')}</Typography.Text>
              ) : (
                <Space size={[2, 2]} wrap>
                  {e.conflicts.map((c, i) => (
                    <Tooltip key={i} title={c.description}>
                      <Tag color={c.endedOn ? 'default' : 'orange'}>
                        {e.enterpriseNames[c.enterpriseOrgId] || '—'} · {t(`conflict.${c.kind}`)}
                      </Tag>
                    </Tooltip>
                  ))}
                </Space>
              ),
          },
          {
            title: t('experts.load'),
            width: 100,
            dataIndex: 'load',
            sorter: (a, b) => a.load - b.load,
          },
        ]}
      />
      <Modal
        open={training !== null}
        title={training ? `${t('experts.setTraining')} · ${training.e.user.displayName}` : ''}
        onCancel={() => setTraining(null)}
        onOk={() => void saveTraining()}
        okText={t('common.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
      >
        <DatePicker
          value={training?.date ?? null}
          onChange={(d) => training && setTraining({ ...training, date: d })}
          aria-label={t('experts.setTraining')}
          style={{ width: '100%' }}
        />
      </Modal>
    </Space>
  );
}

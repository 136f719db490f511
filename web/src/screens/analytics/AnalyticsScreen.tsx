/**
 * The body's analytics over its published results: levels by industry, domain means, the weakest sub-domains,
 * the trend by year — filtered by year and industry, exported to Excel or as the annual summary report (Word).
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import Row from 'antd/es/row';
import Select from 'antd/es/select';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Typography from 'antd/es/typography';
import { DownloadOutlined } from '@ant-design/icons';
import { INDUSTRIES, type IndustryId } from '@engine/model/types';
import type { QueryOf } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';
import { domainMeansOption, levelsOption, trendOption } from '../outcomes/charts';

/** `GET /api/analytics/export` with its query (a plain link: the browser downloads the file). */
function exportUrl(format: 'xlsx' | 'docx', q: Omit<QueryOf<'GET /api/analytics/export'>, 'format'>): string {
  const sp = new URLSearchParams({ format });
  if (q.year !== undefined) sp.set('year', String(q.year));
  if (q.industry !== undefined) sp.set('industry', q.industry);
  return `/api/analytics/export?${sp.toString()}`;
}

const LEVELS_ZH = ['未达一级', '一级', '二级', '三级', '四级', '五级'];

export default function AnalyticsScreen() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState<number>();
  const [industry, setIndustry] = useState<IndustryId>();
  const query = { ...(year !== undefined ? { year } : {}), ...(industry ? { industry } : {}) };
  const q = useApi((signal) => api('GET /api/analytics', { query, signal }), [year, industry]);
  const a = q.data;
  const levelName = (l: number) => (lang === 'zh' ? LEVELS_ZH[l]! : l === 0 ? t('an.level0') : `Level ${l}`);
  const charts = useMemo(
    () =>
      a
        ? {
            levels: levelsOption(a, (i) => t(`industry.${i as IndustryId}`), levelName),
            domains: domainMeansOption(a, (_id, zh) => zh),
            trend: trendOption(a, { n: t('an.results'), mean: t('an.meanTotal') }),
          }
        : undefined,
    [a, lang],
  );
  return (
    <Space
      direction="vertical"
      size="middle"
      style={{ width: '100%', maxWidth: 1200 }}
      data-testid="analytics"
    >
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('an.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            style={{ width: 130 }}
            value={year ?? 'all'}
            onChange={(v) => setYear(v === 'all' ? undefined : Number(v))}
            options={[
              { value: 'all', label: t('an.allYears') },
              ...(a?.years ?? []).map((y) => ({ value: y, label: String(y) })),
            ]}
          />
          <Select
            style={{ width: 130 }}
            value={industry ?? 'all'}
            onChange={(v) => setIndustry(v === 'all' ? undefined : (v as IndustryId))}
            options={[
              { value: 'all', label: t('an.allIndustries') },
              ...INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) })),
            ]}
          />
          <Button icon={<DownloadOutlined />} href={exportUrl('xlsx', query)}>
            {t('an.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('docx', query)}>
            {t('an.exportDocx')}
          </Button>
        </Space>
      </Space>
      {q.error && <Alert type="error" showIcon message={q.error.message} />}
      {q.loading && !a && <Spin />}
      {a && a.results === 0 && <Alert type="info" showIcon message={t('an.empty')} />}
      {a && charts && a.results > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('an.results')} value={a.results} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('an.meanTotal')}
                  value={a.trend.find((x) => x.year === year)?.meanTotal ?? a.trend.at(-1)?.meanTotal ?? '—'}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('an.levels')}>
                <EChart option={charts.levels} height={280} testId="analytics-levels" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('an.trend')}>
                <EChart option={charts.trend} height={280} testId="analytics-trend" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('an.domains')}>
                <EChart option={charts.domains} height={300} testId="analytics-domains" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('an.weakest')}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="id"
                  dataSource={a.weakestUnits}
                  columns={[
                    { title: '#', width: 40, render: (_: unknown, _r, i) => i + 1 },
                    { title: t('cmp.unit'), dataIndex: 'name' },
                    { title: t('an.mean'), dataIndex: 'mean', width: 90, align: 'right' as const },
                    { title: t('an.count'), dataIndex: 'n', width: 80, align: 'right' as const },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

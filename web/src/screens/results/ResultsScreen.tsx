import { useMemo, useState } from 'react';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Card from 'antd/es/card';
import Spin from 'antd/es/spin';
import Alert from 'antd/es/alert';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Statistic from 'antd/es/statistic';
import Tag from 'antd/es/tag';
import Button from 'antd/es/button';
import Typography from 'antd/es/typography';
import { DownloadOutlined } from '@ant-design/icons';
import type { LevelCode } from '@engine/model/types';
import type { ResultSource } from '@engine/contract/index';
import { api, downloadUrl } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { scoreWithTrace, type IndustryEngine } from '../../engine/live';
import { EChart } from '../../components/EChart';
import { domainTotals, heatmapOption, levelBarOption, radarOption, radarScale } from './charts';
import { TraceDrawer, type TraceView } from './TraceDrawer';
import { ErrorAlert } from '../../components/ErrorAlert';

export default function ResultsScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <ErrorAlert error={engine.error} />;
  return <Results engine={engine.engine} />;
}

const LEVELS: readonly LevelCode[] = ['S1', 'S2', 'S3', 'S4', 'S5'];

function Results({ engine }: { engine: IndustryEngine }) {
  const { t, pick } = useI18n();
  const { assessment: a, role } = useAssessment();
  const [source, setSource] = useState<ResultSource>(
    role === 'enterprise' && a.stage === 'application' ? 'self' : 'team',
  );
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/result', { params: { id: a.id }, query: { source }, signal }),
    [a.id, source],
  );
  const result = useMemo(
    () => (q.data ? scoreWithTrace(engine, q.data.scores, true) : undefined),
    [engine, q.data],
  );
  const [view, setView] = useState<TraceView | null>(null);
  const domainName = (id: string, zh: string) => {
    const d = engine.compiled.effective.domains.find((x) => x.id === id);
    return pick(zh, d?.nameEn);
  };
  const threshold = Number(engine.compiled.policy.levelMetThreshold);
  const radar = useMemo(
    () => (result ? radarOption(result, domainName, t('result.domainScore')) : {}),
    [result, t],
  );
  const bars = useMemo(
    () => (result ? levelBarOption(result, threshold, t('result.threshold')) : {}),
    [result, threshold, t],
  );
  const heat = useMemo(() => (result ? heatmapOption(result) : {}), [result]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data || !result) return <Spin style={{ margin: 48, display: 'block' }} />;
  const c = result.conclusion;
  const mismatch = q.data.summary.total !== result.total.display;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented<ResultSource>
          value={source}
          onChange={setSource}
          options={[
            { value: 'team', label: t('result.team') },
            { value: 'self', label: t('result.self') },
          ]}
        />
        <Space>
          {q.data.frozen && (
            <Tag color="blue">
              {t('result.frozen', { rev: q.data.frozen.revision, at: q.data.frozen.frozenAt.slice(0, 10) })}
            </Tag>
          )}
          {q.data.publishedAt && (
            <Tag color="green">{t('result.published', { at: q.data.publishedAt.slice(0, 10) })}</Tag>
          )}
          {(['docx', 'xlsx'] as const).map((f) => (
            <Button
              key={f}
              icon={<DownloadOutlined />}
              href={downloadUrl('GET /api/assessments/:id/report', { id: a.id }, { format: f })}
            >
              {t('result.download', { f: f.toUpperCase() })}
            </Button>
          ))}
        </Space>
      </Space>
      {q.data.partial && (
        <Alert type="warning" showIcon message={t('result.partial', { n: result.missing.length })} />
      )}
      {mismatch && (
        <Alert
          type="error"
          showIcon
          message={t('result.mismatch', { server: q.data.summary.total, web: result.total.display })}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card size="small" hoverable onClick={() => setView({ kind: 'total' })} data-testid="result-total">
            <Statistic
              title={t('live.total')}
              value={result.total.display}
              suffix="/ 5"
              valueStyle={{ fontSize: 34 }}
            />
            <Tag color="blue" style={{ fontSize: 15, padding: '3px 10px' }}>
              {c.belowLevel1
                ? t('live.below1')
                : `${pick(c.ordinal, `Level ${c.level}`)} ${pick(c.name, c.nameEn)}`}
            </Tag>
            <Typography.Text type="secondary">{c.interval}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={t('result.levels')}>
            <EChart
              option={bars}
              height={190}
              testId="chart-levels"
              onClick={(e) => {
                const l = LEVELS[e.dataIndex];
                if (l) setView({ kind: 'level', level: l });
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('result.radar')}>
            <EChart option={radar} height={380} testId="chart-radar" />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
              {t('result.scaleNote', {
                min: radarScale(domainTotals(result).map((d) => d.value)).min.toFixed(1),
                max: radarScale(domainTotals(result).map((d) => d.value)).max.toFixed(1),
              })}
            </Typography.Paragraph>
            <Space wrap size={4}>
              {result.domains.map((d) => (
                <Button
                  key={d.id}
                  size="small"
                  onClick={() => setView({ kind: 'domainAll', domainId: d.id })}
                >
                  {domainName(d.id, d.name)}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('result.heatmap')}>
            <EChart
              option={heat}
              height={Math.max(380, result.units.length * 22 + 80)}
              testId="chart-heatmap"
              onClick={(e) => {
                const v = e.value as [number, number, number] | undefined;
                if (!v) return;
                const u = result.units[v[1]];
                const l = LEVELS[v[0]];
                if (u && l) setView({ kind: 'unit', unitId: u.id, level: l });
              }}
            />
          </Card>
        </Col>
      </Row>
      <TraceDrawer result={result} engine={engine} view={view} onView={setView} />
    </Space>
  );
}

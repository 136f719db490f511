import { useEffect, useMemo, useRef, useState } from 'react';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Spin from 'antd/es/spin';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Progress from 'antd/es/progress';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useScoreSheet } from '../../scores/useScoreSheet';
import { useEvidence } from '../../evidence/useEvidence';
import { groupRows, countDone } from '../../engine/grouping';
import { recompute, tenthsOf, toDense, type IndustryEngine, type ScoreResult } from '../../engine/live';
import { LiveResult } from '../../components/LiveResult';
import { ConflictModal } from '../../components/ConflictModal';
import { UnitNav } from './UnitNav';
import { UnitForm } from './UnitForm';
import { ErrorAlert } from '../../components/ErrorAlert';

export default function SelfAssessScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <ErrorAlert error={engine.error} />;
  return <SelfAssess engine={engine.engine} />;
}

function SelfAssess({ engine }: { engine: IndustryEngine }) {
  const { t } = useI18n();
  const { assessment, role } = useAssessment();
  const editable = role === 'enterprise' && assessment.stage === 'application';
  const sheet = useScoreSheet(assessment.id, 'self');
  const evidence = useEvidence(assessment.id);
  const domains = useMemo(() => groupRows(engine.rows), [engine]);
  const units = useMemo(() => domains.flatMap((d) => d.units), [domains]);
  const posKey = `dtma.self.${assessment.id}.unit`;
  const [unitId, setUnitId] = useState<string>(() => localStorage.getItem(posKey) ?? units[0]?.id ?? '');
  useEffect(() => localStorage.setItem(posKey, unitId), [posKey, unitId]);
  const unitIdx = Math.max(
    0,
    units.findIndex((u) => u.id === unitId),
  );
  const unit = units[unitIdx];

  // Live result: dense array updated in place, engine run after every change.
  const dense = useRef<Int8Array>(new Int8Array(0));
  const [live, setLive] = useState<{ result: ScoreResult; ms: number }>();
  useEffect(() => {
    if (dense.current.length !== engine.rows.length) dense.current = toDense(engine, {});
    dense.current.fill(-1);
    for (const [id, e] of Object.entries(sheet.entries)) {
      const r = engine.byId.get(id);
      if (r) dense.current[r.index] = tenthsOf(e.value);
    }
    setLive(recompute(engine, dense.current));
  }, [engine, sheet.entries, sheet.revision]);

  const answered = useMemo(
    () => countDone(engine.rows, (id) => id in sheet.entries),
    [engine, sheet.entries],
  );
  if (sheet.loading) return <Spin style={{ margin: 48, display: 'block' }} />;
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="260px" style={{ minWidth: 0 }}>
        <UnitNav domains={domains} selected={unit?.id ?? ''} onSelect={setUnitId} done={sheet.entries} />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {sheet.error && <ErrorAlert error={sheet.error} closable style={{ marginBottom: 8 }} />}
        {!editable && <Alert type="info" showIcon message={t('self.readOnly')} style={{ marginBottom: 8 }} />}
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Progress
            percent={Math.round((answered / engine.rows.length) * 100)}
            style={{ width: 260 }}
            size="small"
          />
          <Space>
            <Button
              icon={<LeftOutlined />}
              disabled={unitIdx === 0}
              onClick={() => setUnitId(units[unitIdx - 1]!.id)}
            >
              {t('self.prevUnit')}
            </Button>
            <Button
              disabled={unitIdx >= units.length - 1}
              onClick={() => setUnitId(units[unitIdx + 1]!.id)}
              data-testid="next-unit"
            >
              {t('self.nextUnit')} <RightOutlined />
            </Button>
          </Space>
        </Space>
        {unit && (
          <UnitForm
            unit={unit}
            entries={sheet.entries}
            status={sheet.status}
            onSave={sheet.save}
            editable={editable}
            evidence={evidence}
          />
        )}
      </Col>
      <Col flex="300px">
        <div style={{ position: 'sticky', top: 12 }}>
          {live && (
            <LiveResult result={live.result} ms={live.ms} answered={answered} total={engine.rows.length} />
          )}
        </div>
      </Col>
      <ConflictModal
        conflict={sheet.conflict}
        onResolve={sheet.resolve}
        label={(id) => engine.byId.get(id)?.text ?? id}
      />
    </Row>
  );
}

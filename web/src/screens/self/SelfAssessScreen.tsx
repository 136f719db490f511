import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Spin from 'antd/es/spin';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Progress from 'antd/es/progress';
import Select from 'antd/es/select';
import Grid from 'antd/es/grid';
import Typography from 'antd/es/typography';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useScoreSheet } from '../../scores/useScoreSheet';
import { useEvidence } from '../../evidence/useEvidence';
import { groupRows, countDone } from '../../engine/grouping';
import { recompute, tenthsOf, toDense, type IndustryEngine, type ScoreResult } from '../../engine/live';
import { LiveResult } from '../../components/LiveResult';
import { ConflictModal } from '../../components/ConflictModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnsavedTag } from '../../components/UnsavedTag';
import { RefusedGrades } from '../../components/RefusedGrades';
import { isTextField, keyToCommand } from '../expert/nav';
import { UnitNav } from './UnitNav';
import { UnitForm } from './UnitForm';

export default function SelfAssessScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <ErrorAlert error={engine.error} />;
  return <SelfAssess engine={engine.engine} />;
}

function SelfAssess({ engine }: { engine: IndustryEngine }) {
  const { t, pick } = useI18n();
  const { assessment, role } = useAssessment();
  const screens = Grid.useBreakpoint();
  const stacked = !(screens.lg ?? true);
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
  /** The requirement the keyboard acts on (index into the unit's rows). */
  const [cursor, setCursor] = useState(0);
  useEffect(() => setCursor(0), [unitId]);

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

  // Keyboard: 1–4 grade the highlighted requirement and move on, j/k (↓/↑) move, PageDown/PageUp change the
  // sub-domain, r writes the note — as on the expert's sheet.
  const rows = unit?.rows ?? [];
  const go = useCallback(
    (delta: number) => {
      const next = cursor + delta;
      if (next >= 0 && next < rows.length) setCursor(next);
      else if (Math.abs(delta) >= 10 || next >= rows.length || next < 0) {
        const u = units[unitIdx + (delta > 0 ? 1 : -1)];
        if (u) setUnitId(u.id);
      }
    },
    [cursor, rows.length, units, unitIdx],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyToCommand({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inTextField: isTextField(e.target),
      });
      if (!cmd || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      const row = rows[cursor];
      switch (cmd.type) {
        case 'grade':
          if (!editable || !row) return;
          sheet.save(row.id, cmd.value, sheet.entries[row.id]?.note ?? '');
          go(1);
          break;
        case 'move':
          go(cmd.delta);
          break;
        case 'first':
          setCursor(0);
          break;
        case 'last':
          setCursor(Math.max(0, rows.length - 1));
          break;
        case 'focusNote':
          if (row) document.getElementById(`note-${row.id}`)?.focus();
          break;
        case 'blur':
          (document.activeElement as HTMLElement | null)?.blur();
          break;
        case 'focusFilter':
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursor, editable, sheet, go]);

  if (sheet.loading) return <Spin style={{ margin: 48, display: 'block' }} />;
  const nav = stacked ? (
    <Select
      style={{ width: '100%', marginBottom: 8 }}
      value={unit?.id}
      onChange={setUnitId}
      aria-label={t('self.unit')}
      showSearch
      optionFilterProp="label"
      options={domains.map((d) => ({
        label: pick(d.name, d.nameEn),
        options: d.units.map((u) => ({
          value: u.id,
          label: `${u.name}（${countDone(u.rows, (id) => id in sheet.entries)}/${u.rows.length}）`,
        })),
      }))}
    />
  ) : (
    <UnitNav domains={domains} selected={unit?.id ?? ''} onSelect={setUnitId} done={sheet.entries} />
  );
  return (
    <Row gutter={[16, 12]} wrap={stacked}>
      <Col flex={stacked ? '100%' : '260px'} style={{ minWidth: 0 }}>
        {nav}
      </Col>
      <Col flex="auto" style={{ minWidth: 0, width: stacked ? '100%' : undefined }}>
        {sheet.error && <ErrorAlert error={sheet.error} closable style={{ marginBottom: 8 }} />}
        <RefusedGrades sheet={sheet} style={{ marginBottom: 8 }} />
        {!editable && <Alert type="info" showIcon message={t('self.readOnly')} style={{ marginBottom: 8 }} />}
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Space>
            <Progress
              percent={Math.round((answered / engine.rows.length) * 100)}
              style={{ width: stacked ? 140 : 220 }}
              size="small"
              aria-label={t('self.progressLabel')}
            />
            <UnsavedTag n={sheet.unsaved} />
          </Space>
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
            active={rows[cursor]?.id}
            onActivate={(id) =>
              setCursor(
                Math.max(
                  0,
                  rows.findIndex((r) => r.id === id),
                ),
              )
            }
          />
        )}
        {editable && !stacked && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            {t('self.shortcuts')}
          </Typography.Paragraph>
        )}
      </Col>
      <Col flex={stacked ? '100%' : '300px'} style={{ minWidth: 0 }}>
        <div style={{ position: stacked ? undefined : 'sticky', top: 76 }}>
          {live && <LiveResult result={live.result} answered={answered} total={engine.rows.length} />}
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

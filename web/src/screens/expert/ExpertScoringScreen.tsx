import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Spin from 'antd/es/spin';
import Alert from 'antd/es/alert';
import Input, { type InputRef } from 'antd/es/input';
import Segmented from 'antd/es/segmented';
import Select from 'antd/es/select';
import Progress from 'antd/es/progress';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Switch from 'antd/es/switch';
import Typography from 'antd/es/typography';
import Popconfirm from 'antd/es/popconfirm';
import Grid from 'antd/es/grid';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useI18n } from '../../i18n/i18n';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';
import { useScoreSheet } from '../../scores/useScoreSheet';
import { useEvidence } from '../../evidence/useEvidence';
import type { IndustryEngine } from '../../engine/live';
import type { ScoreValue } from '@engine/contract/index';
import { VirtualList } from '../../components/VirtualList';
import { ConflictModal } from '../../components/ConflictModal';
import { UnsavedTag } from '../../components/UnsavedTag';
import { RefusedGrades } from '../../components/RefusedGrades';
import { filterRows, isTextField, keyToCommand, navReducer, previousNote, type ScoredFilter } from './nav';
import { RequirementDetail } from './RequirementDetail';
import { ListRow } from './ListRow';
import { ErrorAlert } from '../../components/ErrorAlert';

export default function ExpertScoringScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <ErrorAlert error={engine.error} />;
  return <ExpertScoring engine={engine.engine} />;
}

const ROW_H = 58;

function ExpertScoring({ engine }: { engine: IndustryEngine }) {
  const { t } = useI18n();
  const { assessment } = useAssessment();
  const { run, busy } = useTransition();
  const screens = Grid.useBreakpoint();
  const stacked = !(screens.md ?? true);
  const sheet = useScoreSheet(assessment.id, 'mine');
  const evidence = useEvidence(assessment.id);
  // 4.5.2 / 4.6.2: the team's review of each requirement's evidence, shown beside it.
  const evidenceReview = useApi(
    (signal) => api('GET /api/assessments/:id/evidence-review', { params: { id: assessment.id }, signal }),
    [assessment.id],
  ).data?.byRequirement;
  // The enterprise's self-assessment beside each requirement (the team reads it once submitted).
  const selfSheet = useApi(
    (signal) =>
      api('GET /api/assessments/:id/self-scores/submitted', { params: { id: assessment.id }, signal }),
    [assessment.id],
  );
  const locked = sheet.submittedAt !== undefined || assessment.stage !== 'scoring';
  const [query, setQuery] = useState('');
  const [scored, setScored] = useState<ScoredFilter>('all');
  const [level, setLevel] = useState<string>();
  const [autoAdvance, setAutoAdvance] = useState(true);
  const filterRef = useRef<InputRef>(null);
  const noteRef = useRef<TextAreaRef>(null);
  const [nav, dispatch] = useReducer(navReducer, { visible: engine.rows.map((r) => r.id), cursor: 0 });

  const entries = sheet.entries;
  const isScored = useCallback((id: string) => id in entries, [entries]);
  // Recompute the visible list on filter changes (not on every score, unless filtering by scored state).
  const scoredKey = scored === 'all' ? 0 : sheet.revision;
  useEffect(() => {
    dispatch({ type: 'setVisible', visible: filterRows(engine.rows, query, scored, isScored, level) });
  }, [engine, query, scored, level, scoredKey]);

  const currentId = nav.cursor >= 0 ? nav.visible[nav.cursor] : undefined;
  const current = currentId ? engine.byId.get(currentId) : undefined;
  const done = Object.keys(entries).length;
  const total = engine.rows.length;

  // Unsaved edits: every expert score needs a rationale (src/process), so a grade without one waits here.
  const [draft, setDraft] = useState<Record<string, { value?: ScoreValue; note?: string }>>({});
  const valueOf = (id: string) => draft[id]?.value ?? entries[id]?.value;
  const noteOf = (id: string) => draft[id]?.note ?? entries[id]?.note ?? '';
  const commit = useCallback(
    (id: string, value: ScoreValue | undefined, note: string, advance: boolean): boolean => {
      if (!value || note.trim() === '') return false;
      const e = entries[id];
      if (!e || e.value !== value || e.note !== note) sheet.save(id, value, note);
      setDraft((d) => {
        const { [id]: _drop, ...rest } = d;
        return rest;
      });
      if (advance && autoAdvance) dispatch({ type: 'move', delta: 1 });
      return true;
    },
    [entries, sheet, autoAdvance],
  );

  const grade = useCallback(
    (value: ScoreValue) => {
      if (!current || locked) return;
      const id = current.id;
      const note = draft[id]?.note ?? entries[id]?.note ?? '';
      if (commit(id, value, note, true)) return;
      setDraft((d) => ({ ...d, [id]: { ...d[id], value } }));
      setTimeout(() => noteRef.current?.focus(), 0);
    },
    [current, locked, draft, entries, commit],
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
      if (!cmd) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      e.preventDefault();
      switch (cmd.type) {
        case 'grade':
          grade(cmd.value);
          break;
        case 'move':
        case 'first':
        case 'last':
          dispatch(cmd);
          break;
        case 'focusFilter':
          filterRef.current?.focus();
          break;
        case 'focusNote':
          noteRef.current?.focus();
          break;
        case 'blur':
          (document.activeElement as HTMLElement | null)?.blur();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [grade]);

  const listHeight = stacked
    ? 300
    : Math.max(360, (typeof window !== 'undefined' ? window.innerHeight : 900) - 290);
  if (sheet.loading) return <Spin style={{ margin: 48, display: 'block' }} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      {sheet.error && <ErrorAlert error={sheet.error} closable />}
      <RefusedGrades sheet={sheet} />
      {sheet.submittedAt && (
        <Alert
          type="success"
          showIcon
          message={t('expert.submittedAt', { at: sheet.submittedAt.slice(0, 16).replace('T', ' ') })}
        />
      )}
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            ref={filterRef}
            allowClear
            placeholder={t('expert.filter')}
            style={{ width: stacked ? '100%' : 260 }}
            aria-label={t('expert.filter')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="expert-filter"
          />
          <Segmented<ScoredFilter>
            value={scored}
            onChange={setScored}
            options={[
              { value: 'all', label: t('expert.all') },
              { value: 'unscored', label: t('expert.unscored') },
              { value: 'scored', label: t('expert.scored') },
            ]}
          />
          <Select
            allowClear
            aria-label={t('expert.level')}
            placeholder={t('expert.level')}
            style={{ width: 110 }}
            value={level}
            onChange={setLevel}
            options={['S1', 'S2', 'S3', 'S4', 'S5'].map((l) => ({ value: l, label: l }))}
          />
          <Typography.Text type="secondary">{t('expert.shown', { n: nav.visible.length })}</Typography.Text>
        </Space>
        <Space>
          <Progress
            percent={Math.round((done / total) * 100)}
            size="small"
            style={{ width: stacked ? 90 : 160 }}
            aria-label={t('expert.progressLabel')}
          />
          <Typography.Text data-testid="expert-progress">
            {done}/{total}
          </Typography.Text>
          <UnsavedTag n={sheet.unsaved} />
          <Popconfirm
            title={t('expert.submitConfirm')}
            onConfirm={() => void run({ type: 'score.submit' }).then((ok) => ok && sheet.reload())}
            disabled={locked || done < total}
          >
            <Button
              type="primary"
              disabled={locked || done < total}
              loading={busy}
              data-testid="submit-sheet"
            >
              {t('expert.submit')}
            </Button>
          </Popconfirm>
        </Space>
      </Space>
      <Row gutter={[12, 12]} wrap={stacked}>
        <Col flex={stacked ? '100%' : '42%'} style={{ minWidth: 0 }} order={stacked ? 2 : 1}>
          <VirtualList
            testId="expert-list"
            label={t('tab.score')}
            count={nav.visible.length}
            rowHeight={ROW_H}
            height={listHeight}
            activeIndex={nav.cursor}
            renderRow={(i) => {
              const row = engine.byId.get(nav.visible[i]!)!;
              return (
                <ListRow
                  row={row}
                  value={valueOf(row.id)}
                  pending={draft[row.id] !== undefined}
                  status={sheet.status[row.id]}
                  active={i === nav.cursor}
                  evidenceCount={evidence.byRequirement.get(row.id)?.length ?? 0}
                  onClick={() => dispatch({ type: 'goto', index: i })}
                />
              );
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('expert.shortcuts')}
          </Typography.Text>
        </Col>
        <Col flex="auto" style={{ minWidth: 0, width: stacked ? '100%' : undefined }} order={stacked ? 1 : 2}>
          {current ? (
            <RequirementDetail
              key={current.id}
              row={current}
              value={valueOf(current.id)}
              note={noteOf(current.id)}
              pending={draft[current.id]?.value !== undefined && noteOf(current.id).trim() === ''}
              status={sheet.status[current.id]}
              locked={locked}
              onGrade={grade}
              onNoteChange={(note) => setDraft((d) => ({ ...d, [current.id]: { ...d[current.id], note } }))}
              onNoteCommit={(advance) => commit(current.id, valueOf(current.id), noteOf(current.id), advance)}
              evidence={evidence}
              evidenceState={evidenceReview?.[current.id]}
              noteRef={noteRef}
              position={`${nav.cursor + 1} / ${nav.visible.length}`}
              self={
                selfSheet.data
                  ? (() => {
                      const s = selfSheet.data.scores[current.id];
                      return s ? { value: s.value, note: s.note } : null;
                    })()
                  : undefined
              }
              previousNote={previousNote(nav.visible, nav.cursor, (id) => noteOf(id))}
            />
          ) : (
            <Alert type="info" message={t('expert.nothing')} />
          )}
          <Space style={{ marginTop: 8 }} wrap>
            {stacked && (
              <>
                <Button onClick={() => dispatch({ type: 'move', delta: -1 })} aria-label={t('self.prevUnit')}>
                  ↑
                </Button>
                <Button onClick={() => dispatch({ type: 'move', delta: 1 })} aria-label={t('self.nextUnit')}>
                  ↓
                </Button>
              </>
            )}
            <Switch
              size="small"
              checked={autoAdvance}
              onChange={setAutoAdvance}
              aria-label={t('expert.autoAdvance')}
            />
            <Typography.Text type="secondary">{t('expert.autoAdvance')}</Typography.Text>
          </Space>
        </Col>
      </Row>
      <ConflictModal
        conflict={sheet.conflict}
        onResolve={sheet.resolve}
        label={(id) => engine.byId.get(id)?.text ?? id}
      />
    </Space>
  );
}

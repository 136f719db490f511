import { useCallback, useState } from 'react';
import App from 'antd/es/app';
import type { AssessmentView, TransitionCommand, TransitionType } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useAssessment } from './context';

/** Steps that cannot be taken back by the one who takes them: asked for confirmation first (issue 12, defect 5). */
export const CONFIRMED_COMMANDS: readonly TransitionType[] = [
  'application.submit',
  'application.accept',
  'scoring.open',
  'consensus.open',
  'result.freeze',
  'communication.open',
  'contest.waive',
  'publish',
];

/**
 * Issues a transition with the assessment's version. The steps of CONFIRMED_COMMANDS ask first. A 409 shows
 * what changed (the stage the user saw and the stage it is at now) and the newer state instead of retrying.
 */
export function useTransition(): {
  run: (c: TransitionCommand, opts?: { confirmed?: boolean }) => Promise<boolean>;
  busy: boolean;
} {
  const { assessment, setAssessment } = useAssessment();
  const { message, modal } = App.useApp();
  const { t, err } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (command: TransitionCommand, opts: { confirmed?: boolean } = {}) => {
      const name = t(`command.${command.type}`);
      if (!opts.confirmed && CONFIRMED_COMMANDS.includes(command.type)) {
        const detail = `confirm.${command.type}`;
        const ok = await new Promise<boolean>((resolve) => {
          modal.confirm({
            title: t('confirm.title', { command: name }),
            content: detail in CONFIRM_KEYS ? t(detail as MessageKey) : t('confirm.generic'),
            okText: t('confirm.ok'),
            cancelText: t('confirm.cancel'),
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          });
        });
        if (!ok) return false;
      }
      setBusy(true);
      try {
        const next = await api('POST /api/assessments/:id/transitions', {
          params: { id: assessment.id },
          body: { command, expectedVersion: assessment.version },
        });
        setAssessment(next);
        message.success(t('transition.done', { command: name }));
        return true;
      } catch (e) {
        if (isConflict(e)) {
          const current = e.current as AssessmentView | undefined;
          modal.warning({
            title: t('conflict.title'),
            content: current
              ? t('conflict.assessmentBoth', {
                  mine: t(`stage.${assessment.stage}`),
                  theirs: t(`stage.${current.stage}`),
                  command: name,
                })
              : t('conflict.assessment'),
          });
          if (current) setAssessment(current);
        } else {
          modal.error({ title: name, content: err(e) });
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [assessment.id, assessment.version, assessment.stage, setAssessment, message, modal, t, err],
  );
  return { run, busy };
}

const CONFIRM_KEYS: Record<string, true> = Object.fromEntries(
  CONFIRMED_COMMANDS.map((c) => [`confirm.${c}`, true]),
);

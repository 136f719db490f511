import { useCallback, useState } from 'react';
import App from 'antd/es/app';
import type { AssessmentView, TransitionCommand } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from './context';

/** Issues a transition with the assessment's version; a 409 shows the newer state instead of retrying. */
export function useTransition(): { run: (c: TransitionCommand) => Promise<boolean>; busy: boolean } {
  const { assessment, setAssessment } = useAssessment();
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (command: TransitionCommand) => {
      setBusy(true);
      try {
        const next = await api('POST /api/assessments/:id/transitions', {
          params: { id: assessment.id },
          body: { command, expectedVersion: assessment.version },
        });
        setAssessment(next);
        message.success(t('transition.done', { command: t(`command.${command.type}`) }));
        return true;
      } catch (e) {
        if (isConflict(e)) {
          const current = e.current as AssessmentView | undefined;
          modal.warning({ title: t('conflict.title'), content: t('conflict.assessment') });
          if (current) setAssessment(current);
        } else {
          modal.error({
            title: t(`command.${command.type}`),
            content: e instanceof Error ? e.message : String(e),
          });
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [assessment.id, assessment.version, setAssessment, message, modal, t],
  );
  return { run, busy };
}

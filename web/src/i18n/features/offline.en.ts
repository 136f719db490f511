/** The English of offline.ts (its own chunk with messages-en.ts: loaded only when a user picks English). */
import type { offlineMessages } from './offline';

export const offlineMessagesEn: Record<keyof typeof offlineMessages, string> = {
  'offline.banner':
    'The server cannot be reached: your grades and evidence are kept on this device and sync once it is back.',
  'offline.unsaved': '{n} unsaved',
  'offline.unsavedHint':
    'Kept on this device, not yet confirmed by the server; they sync when the connection returns, even after closing the page.',
  'offline.allSaved': 'All saved',
  'offline.failed': '{n} grade(s) were not accepted by the server: {reason}',
  'offline.discard': 'Discard them',
  'offline.rowUnsaved': 'Unsaved',
  'offline.evidenceQueued': '{name} is kept on this device and uploads when the connection returns',
  'offline.evidencePending': '{n} evidence file(s) to upload',
  'offline.evidenceFailed': '{name} could not be uploaded: {reason}',
  'offline.takePhoto': 'Take a photo',
  'expert.progressLabel': 'Scoring progress',
  'self.progressLabel': 'Self-assessment progress',
};

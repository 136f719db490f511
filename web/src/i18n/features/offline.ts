/** Working without the server: the offline banner, unsaved grades, queued evidence, the installed app. */
import { defineMessages } from '../define';

export const offlineMessages = defineMessages({
  'offline.banner': '无法连接服务器：您的评分和证据已保存在本设备，恢复连接后自动同步。',
  'offline.unsaved': '未保存 {n} 条',
  'offline.unsavedHint':
    '这些评分已保存在本设备，尚未得到服务器确认；恢复连接后自动同步，关闭页面也不会丢失。',
  'offline.allSaved': '已全部保存',
  'offline.failed': '{n} 条评分未被服务器接受：{reason}',
  'offline.discard': '放弃这些评分',
  'offline.rowUnsaved': '未保存',
  'offline.evidenceQueued': '{name} 已保存在本设备，恢复连接后自动上传',
  'offline.evidencePending': '待上传 {n} 份证据',
  'offline.evidenceFailed': '{name} 上传失败：{reason}',
  'offline.takePhoto': '拍照取证',
  'expert.progressLabel': '评分进度',
  'self.progressLabel': '自评进度',
});

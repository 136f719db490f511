/** The signed-in user's notifications (issue 13). */
import { NOTIFICATION_KINDS } from '../process/notifications.js';
import { Id, Int, IsoDateTime, Nullable, Obj, StringEnum, Type, type Static } from './schema.js';

export const NotificationKind = StringEnum(NOTIFICATION_KINDS);
export type NotificationKind = Static<typeof NotificationKind>;

export const NotificationLang = StringEnum(['zh', 'en'] as const);
export type NotificationLang = Static<typeof NotificationLang>;

export const NotificationQuery = Obj({
  /** true: only the unread ones. */
  unread: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Int(1, 100)),
  offset: Type.Optional(Int()),
  /** The language of `title` and `body` (default zh). */
  lang: Type.Optional(NotificationLang),
});

export const NotificationItem = Obj({
  id: Id,
  kind: NotificationKind,
  assessmentId: Nullable(Id),
  title: Type.String(),
  body: Type.String(),
  /** The web route, `/a/<id>/<tab>`. */
  link: Type.String(),
  /** An ISO instant or a calendar date. */
  deadline: Nullable(Type.String()),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
  /** The template's parameters (enterprise, stage, deadline kind …; never a grade). */
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationPage = Obj({
  items: Type.Array(NotificationItem),
  /** Of the filter (all, or unread only). */
  total: Type.Integer(),
  unread: Type.Integer(),
  /** Whether e-mail is configured (off: notifications in the app only). */
  mail: Type.Boolean(),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationParams = Obj({ id: Id });
export const NotificationReadQuery = Obj({ lang: Type.Optional(NotificationLang) });
export const ReadAllResult = Obj({ marked: Type.Integer() });
export const NotificationSettings = Obj({ language: NotificationLang });

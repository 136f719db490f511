/** Report renders (issues 11/12): a report rendered in the background, its progress, preview pages and file. */
import { ApiError } from './errors.js';
import { Id, Int, IsoDateTime, Nullable, Obj, StringEnum, Type, type Static } from './schema.js';

/** What a render makes: the Word report, its PDF, or the PDF with PNG images of its first pages. */
export const RENDER_FORMATS = ['docx', 'pdf', 'preview'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export const RENDER_STATES = ['queued', 'rendering', 'done', 'failed'] as const;
export type RenderState = (typeof RENDER_STATES)[number];

/** While rendering: the report data, the Word file, the PDF, the preview pages. */
export const RENDER_STEPS = ['data', 'docx', 'pdf', 'pages'] as const;
export type RenderStep = (typeof RENDER_STEPS)[number];

export const RenderRequestBody = Obj({ format: StringEnum(RENDER_FORMATS) });
export type RenderRequestBody = Static<typeof RenderRequestBody>;

export const RenderParams = Obj({ id: Id, renderId: Id });
export const RenderPageParams = Obj({
  id: Id,
  renderId: Id,
  page: Type.String({ pattern: '^[1-9][0-9]{0,2}$' }),
});

export const RenderStatus = Obj({
  id: Type.String(),
  format: StringEnum(RENDER_FORMATS),
  state: StringEnum(RENDER_STATES),
  step: Nullable(StringEnum(RENDER_STEPS)),
  /** A failed render: the error as the API's errors (translated by the web app from code and params). */
  error: Nullable(ApiError),
  /** The file's size in bytes (done). */
  size: Nullable(Int()),
  /** Preview: pages of the PDF, and how many of the first ones have an image. */
  pages: Nullable(Int()),
  previewPages: Nullable(Int()),
  /** Done: where to download the file (the PDF for a preview). */
  downloadUrl: Nullable(Type.String()),
  /** True when the file was rendered before (same content hash) and only looked up. */
  cached: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type RenderStatus = Static<typeof RenderStatus>;

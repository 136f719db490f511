/** Certificates of published results and their public verification. */
import { Industry } from './domain.js';
import { Id, IsoDate, IsoDateTime, Obj, Str, StringEnum, Type, type Static } from './schema.js';

/** Exactly what a certificate shows (and what the public verification may show). */
export const CertificateContent = Obj({
  number: Type.String(),
  enterprise: Type.String(),
  industry: Industry,
  /** Table 3 level, 0 below 一级. */
  level: Type.Integer({ minimum: 0, maximum: 5 }),
  /** 三级 领域级 … */
  conclusion: Type.String(),
  /** Band-safe display of the total. */
  total: Type.String(),
  modelId: Type.String(),
  modelTitle: Type.String(),
  body: Type.String(),
  /** Publication date (China time). */
  issuedOn: IsoDate,
  validUntil: IsoDate,
});
export type CertificateContent = Static<typeof CertificateContent>;

export const CERTIFICATE_STATES = ['valid', 'expired', 'withdrawn'] as const;
export const CertificateState = StringEnum(CERTIFICATE_STATES);
export type CertificateState = Static<typeof CertificateState>;

/** `GET /api/assessments/:id/certificate`: for those who may read the result. */
export const CertificateView = Obj({
  number: Type.String(),
  /** The verification code: /verify/<code> checks the certificate without login. */
  code: Type.String(),
  /** The verification path (relative to the platform's address). */
  verifyPath: Type.String(),
  state: CertificateState,
  issuedAt: IsoDateTime,
  withdrawnAt: Type.Optional(IsoDateTime),
  reassessmentDue: IsoDate,
  content: CertificateContent,
});
export type CertificateView = Static<typeof CertificateView>;

export const CertificateQuery = Obj({
  format: Type.Optional(StringEnum(['json', 'pdf'] as const)),
});

export const VerifyParams = Obj({ code: Type.String({ minLength: 1, maxLength: 64 }) });
export const VerifyQuery = Obj({
  /** The number printed on the certificate in hand: the answer says whether it matches. */
  number: Type.Optional(Str(64)),
});

/** The public answer: what the certificate shows when it stands, or only that it was withdrawn. */
export const Verification = Obj({
  state: CertificateState,
  number: Type.String(),
  /** Present when a number was given: does it match the certificate of this code? */
  numberMatches: Type.Optional(Type.Boolean()),
  /** valid / expired: the certificate as issued, checked against the sealed result. */
  certificate: Type.Optional(CertificateContent),
  withdrawnOn: Type.Optional(IsoDate),
});
export type Verification = Static<typeof Verification>;

export const CertificateIdParams = Obj({ id: Id });

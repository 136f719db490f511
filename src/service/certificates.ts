/**
 * Certificates: the certificate of a published result for those who may read it (number, verification code, the
 * PDF), and the public verification by code — no login; it checks the certificate against the sealed result and
 * answers only what the certificate shows, or that it was withdrawn.
 */
import type { CertificateContent, CertificateView, Verification } from '../contract/certificates.js';
import { loadResultsPolicy } from '../model/results-policy.js';
import { chinaDate, validityOf } from '../model/validity.js';
import { sealContent } from '../process/report.js';
import type { Assessment } from '../process/types.js';
import { canonicalJson, sha256 } from '../process/util.js';
import { canSeeTeamResult } from '../process/visibility.js';
import { certificateByCode, latestCertificate, type Certificate } from '../store/repos/certificates.js';
import { readDocRaw } from '../store/repos/documents.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { modelDirOf } from './engine.js';
import { forbidden, notFound, ServiceError } from './errors.js';

export const VERIFY_PATH = '/verify/';

function stateOf(c: Certificate<CertificateContent>, today: string): CertificateView['state'] {
  if (c.withdrawnAt) return 'withdrawn';
  return today > c.content.validUntil ? 'expired' : 'valid';
}

async function certificateOf(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<{ a: Assessment; c: Certificate<CertificateContent> }> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the result is not communicated yet', { rule: 'result_not_communicated' });
  const c = await latestCertificate<CertificateContent>(ctx.db, id);
  if (!c)
    throw new ServiceError(
      'INVALID_TRANSITION',
      `a certificate is issued on publication (stage ${a.stage})`,
      {
        params: { stage: a.stage, rule: 'not_published' },
      },
    );
  return { a, c };
}

/** `GET /api/assessments/:id/certificate`: the newest certificate (in force, expired or withdrawn). */
export async function getCertificate(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<CertificateView> {
  const { a, c } = await certificateOf(ctx, caller, id);
  const policy = loadResultsPolicy(a.modelId, modelDirOf(a.modelId));
  return {
    number: c.number,
    code: c.code,
    verifyPath: VERIFY_PATH + c.code,
    state: stateOf(c, chinaDate(ctx.options.now().toISOString())),
    issuedAt: c.issuedAt,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    reassessmentDue: validityOf(c.issuedAt, policy).reassessmentDue,
    content: c.content,
  };
}

/** `?format=pdf`: the certificate document; `baseUrl` is the platform's public address (for the QR code). */
export async function certificateDocument(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  baseUrl: string,
): Promise<{ buffer: Buffer; number: string }> {
  const { c } = await certificateOf(ctx, caller, id);
  if (c.withdrawnAt)
    throw new ServiceError('INVALID_TRANSITION', 'the certificate was withdrawn (the result was re-opened)', {
      params: { rule: 'certificate_withdrawn' },
    });
  const { certificatePdf } = await import('../reports/certificate-pdf.js');
  const { ToolMissingError } = await import('../reports/pdf.js');
  try {
    const buffer = await certificatePdf({
      ...c.content,
      code: c.code,
      verifyUrl: baseUrl.replace(/\/+$/, '') + VERIFY_PATH + c.code,
    });
    return { buffer, number: c.number };
  } catch (error) {
    if (error instanceof ToolMissingError)
      throw new ServiceError('NOT_IMPLEMENTED', 'the certificate needs the Noto CJK fonts on the server', {
        params: { tool: 'fonts-noto-cjk' },
      });
    throw error;
  }
}

/** Codes are 26 characters of Crockford base32; anything else is refused without a lookup. */
const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The public verification (no login): unknown, malformed or forged codes → NOT_FOUND (the same answer for all, so
 * nothing is learnt); a withdrawn certificate → its number and the withdrawal date only; otherwise what the
 * certificate shows, after checking that it belongs to the sealed result as it stands (seal hash recomputed from
 * the stored aggregate).
 */
export async function verifyCertificate(
  ctx: ServiceContext,
  code: string,
  number?: string,
): Promise<Verification> {
  const normalised = code.trim().toUpperCase().replace(/[-\s]/g, '');
  const unknown = () => notFound('certificate');
  if (!CODE_RE.test(normalised)) throw unknown();
  const c = await certificateByCode<CertificateContent>(ctx.db, normalised);
  if (!c) throw unknown();
  const matches = number === undefined ? {} : { numberMatches: number.trim().toUpperCase() === c.number };
  const withdrawn = (at: string): Verification => ({
    state: 'withdrawn',
    number: c.number,
    ...matches,
    withdrawnOn: chinaDate(at),
  });
  if (c.withdrawnAt) return withdrawn(c.withdrawnAt);
  const doc = await readDocRaw(ctx.db, c.assessmentId);
  const a = doc?.assessment;
  const sealed =
    a !== undefined &&
    a.stage === 'published' &&
    a.seal?.hash === c.sealHash &&
    sha256(canonicalJson(sealContent(a))) === c.sealHash;
  // A certificate whose sealed result no longer stands is not shown (the re-opening withdraws it; this guards
  // against a stored result changed behind the platform's back).
  if (!sealed) return withdrawn(a?.updatedAt ?? c.issuedAt);
  return {
    state: stateOf(c, chinaDate(ctx.options.now().toISOString())),
    number: c.number,
    ...matches,
    certificate: c.content,
  };
}

/** Endpoints: certificates and their public verification. */
import { IdParams } from '../assessments.js';
import {
  CertificateQuery,
  CertificateView,
  Verification,
  VerifyParams,
  VerifyQuery,
} from '../certificates.js';
import { Binary, Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const certificatesEndpoints = {
  'GET /api/assessments/:id/certificate': {
    summary:
      'The certificate of the published result: number, verification code, validity (json), or the document (format=pdf). For those who may read the result; 409 before publication.',
    tags: ['certificate'],
    params: IdParams,
    query: CertificateQuery,
    response: Type.Union([CertificateView, Binary]),
    produces: ['application/json', 'application/pdf'],
  },
  'GET /api/verify/:code': {
    summary:
      'Public verification of a certificate by its code (no login; rate limited per client address): what the certificate shows, checked against the sealed result, or only that it was withdrawn; 404 for an unknown code.',
    tags: ['certificate'],
    params: VerifyParams,
    query: VerifyQuery,
    response: Verification,
  },
} as const satisfies Record<string, EndpointDef>;

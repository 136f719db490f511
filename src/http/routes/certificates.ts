/** The certificate of a published result, and its public verification (no login, rate limited per address). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { certificateDocument, getCertificate, verifyCertificate } from '../../service/certificates.js';
import type { ServiceContext } from '../../service/context.js';
import { callerOf, onAssessment, PUBLIC, type HttpConfig } from '../context.js';
import { AddressRateLimiter } from '../rate-limit.js';
import { route } from '../route.js';

/** The address the request came to (protocol honours DTMA_TRUST_PROXY). */
function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerCertificateRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  config: HttpConfig,
): void {
  route(app, 'GET /api/assessments/:id/certificate', onAssessment('assessment.read'), async (r, reply) => {
    void reply.header('cache-control', 'private, no-store');
    if (r.query.format !== 'pdf') return getCertificate(ctx, callerOf(r), r.params.id);
    const file = await certificateDocument(ctx, callerOf(r), r.params.id, config.publicUrl ?? origin(r));
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', `attachment; filename="certificate-${file.number}.pdf"`);
    return reply.send(file.buffer);
  });
  const limiter = new AddressRateLimiter(config.verifyRateLimit);
  route(app, 'GET /api/verify/:code', PUBLIC, async (r, reply) => {
    limiter.check(r);
    void reply.header('cache-control', 'no-store');
    void reply.header('x-robots-tag', 'noindex');
    return verifyCertificate(ctx, r.params.code, r.query.number);
  });
}

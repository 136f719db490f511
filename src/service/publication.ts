/**
 * What publication and re-opening do beyond the process aggregate, in the same transaction:
 * - publish: the result's figures for benchmarks and analytics (store/repos/published.ts), and the certificate
 *   (a yearly serial number, a random verification code) — both audited;
 * - reopen: the figures are removed and the certificate withdrawn (audited, with the re-opening's reason).
 */
import crypto from 'node:crypto';
import type { CertificateContent } from '../contract/certificates.js';
import { loadResultsPolicy } from '../model/results-policy.js';
import { chinaDate, validityOf } from '../model/validity.js';
import type { Command } from '../process/types.js';
import type { ScoreResult } from '../scoring/index.js';
import type { AuditChange } from '../store/audit.js';
import {
  insertCertificate,
  nextCertificateSerial,
  withdrawCertificates,
} from '../store/repos/certificates.js';
import type { Doc } from '../store/repos/documents.js';
import { organisationNames } from '../store/repos/organisations.js';
import { removePublishedResult, savePublishedResult } from '../store/repos/published.js';
import { newId, type Trx } from '../store/util.js';
import { modelDirOf, modelOrNotFound } from './engine.js';
import { figuresOf } from './figures.js';
import { peerDimensionsOf } from './peer-dimensions.js';

/** Crockford base32 (no I, L, O, U): unambiguous when read aloud or typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A verification code: 130 random bits as 26 base32 characters — not derived from anything, not guessable. */
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(17);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out;
}

export function certificateNumber(year: number, serial: number): string {
  return `DTMA-ZS-${year}-${String(serial).padStart(6, '0')}`;
}

export async function afterTransition(
  trx: Trx,
  before: Doc,
  after: Doc,
  command: Command,
): Promise<AuditChange[]> {
  if (command.type === 'publish') return published(trx, after);
  if (command.type === 'reopen') return reopened(trx, before, after, command.reason);
  return [];
}

async function published(trx: Trx, doc: Doc): Promise<AuditChange[]> {
  const a = doc.assessment;
  const seal = a.seal!;
  const result = a.result!.value as unknown as ScoreResult;
  const model = modelOrNotFound(a.modelId);
  const policy = loadResultsPolicy(a.modelId, modelDirOf(a.modelId));
  const validity = validityOf(seal.at, policy);
  const f = figuresOf(result, model.levels);
  const year = Number(chinaDate(seal.at).slice(0, 4));
  const dims = await peerDimensionsOf(trx, a.enterpriseOrgId);
  await savePublishedResult(
    trx,
    {
      assessment_id: a.id,
      enterprise_id: a.enterpriseOrgId,
      body_id: a.bodyOrgId,
      industry: a.industry,
      model_id: a.modelId,
      sub_sector: dims.subSector,
      size: dims.size,
      sealed_at: seal.at,
      year,
      seal_hash: seal.hash,
      total_micro: f.totalMicro,
      level: f.level,
      valid_until: validity.validUntil,
      reassessment_due: validity.reassessmentDue,
    },
    [
      { kind: 'total' as const, key: 'total', scoreMicro: f.totalMicro },
      ...f.domains.map((d) => ({ kind: 'domain' as const, key: d.id, scoreMicro: d.scoreMicro })),
      ...f.units.map((u) => ({ kind: 'unit' as const, key: u.id, scoreMicro: u.scoreMicro })),
      ...f.levels.map((l) => ({ kind: 'level' as const, key: l.level, scoreMicro: l.scoreMicro })),
    ],
  );
  const names = await organisationNames(trx, [a.enterpriseOrgId, a.bodyOrgId]);
  const number = certificateNumber(year, await nextCertificateSerial(trx, year));
  const content: CertificateContent = {
    number,
    enterprise: names.get(a.enterpriseOrgId) ?? '',
    industry: a.industry,
    level: f.level,
    conclusion: f.conclusion,
    total: f.total,
    modelId: a.modelId,
    modelTitle: model.meta.title,
    body: names.get(a.bodyOrgId) ?? '',
    issuedOn: validity.issuedOn,
    validUntil: validity.validUntil,
  };
  const id = newId();
  await insertCertificate(trx, {
    id,
    number,
    code: newVerificationCode(),
    assessmentId: a.id,
    sealHash: seal.hash,
    content,
    issuedAt: seal.at,
    withdrawnAt: null,
    withdrawnReason: null,
  });
  // The code is a secret of those who may read the result: the audit row names the certificate, not its code.
  return [
    {
      entity: 'certificate',
      entityId: id,
      action: 'issue',
      after: { assessmentId: a.id, sealHash: seal.hash, ...content },
    },
  ];
}

async function reopened(trx: Trx, before: Doc, after: Doc, reason: string): Promise<AuditChange[]> {
  const a = after.assessment;
  await removePublishedResult(trx, a.id);
  const withdrawn = await withdrawCertificates(trx, a.id, a.updatedAt, reason.trim());
  return withdrawn.map((c) => ({
    entity: 'certificate',
    entityId: c.id,
    action: 'withdraw',
    before: { number: c.number, sealHash: c.sealHash, stage: before.assessment.stage },
    after: { number: c.number, withdrawnAt: c.withdrawnAt },
    reason: reason.trim(),
  }));
}

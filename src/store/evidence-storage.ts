/** The evidence storage the configuration names: an S3-compatible bucket (DTMA_EVIDENCE_URL), else a folder. */
import { FsEvidenceStorage, type EvidenceStorage } from './files.js';
import { parseS3Url, S3EvidenceStorage } from './s3-storage.js';

export function openEvidenceStorage(config: {
  evidenceUrl?: string | undefined;
  evidenceDir: string;
}): EvidenceStorage {
  if (config.evidenceUrl) return new S3EvidenceStorage(parseS3Url(config.evidenceUrl));
  return new FsEvidenceStorage(config.evidenceDir);
}

/** Where the evidence lives, for messages (no credentials: the URL never holds any). */
export function describeEvidenceStorage(storage: EvidenceStorage): string {
  if (storage instanceof S3EvidenceStorage) {
    const l = storage.location;
    return `s3://${l.bucket}/${l.prefix}${l.endpoint ? ` at ${l.endpoint}` : ''}`;
  }
  if (storage instanceof FsEvidenceStorage) return storage.root;
  return 'custom storage';
}

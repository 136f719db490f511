/**
 * Evidence in S3-compatible object storage (`DTMA_EVIDENCE_URL=s3://bucket/prefix?endpoint=…&region=…`), behind
 * the same `EvidenceStorage` interface as the folder store: random keys (never the client's file name), the bytes
 * streamed through (sha256 and size computed on the way, the size limit enforced before anything is kept),
 * uploads of more than one part as S3 multipart uploads (parts of 8 MiB, four in flight), downloads streamed.
 * An object becomes visible only when its upload completes, so a crash leaves no partial object — at most an
 * unfinished multipart upload, which `cleanTemp` aborts (or a bucket lifecycle rule, see the README).
 *
 * Credentials come from the AWS SDK's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role), never from the URL.
 */
import crypto from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  EvidenceNotFoundError,
  EvidenceTooLargeError,
  isEvidenceKey,
  type EvidenceInput,
  type EvidenceStorage,
  type StoredObject,
} from './files.js';

export interface S3Location {
  bucket: string;
  /** Key prefix inside the bucket (`evidence/`), may be empty. */
  prefix: string;
  endpoint?: string;
  region: string;
  /** Path-style addressing (`endpoint/bucket/key`), for most S3-compatible servers (MinIO, Ceph …). */
  forcePathStyle: boolean;
}

/** Parses `s3://bucket[/prefix]?endpoint=http://host:port&region=…&forcePathStyle=true|false`. */
export function parseS3Url(url: string): S3Location {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url}`);
  }
  if (u.protocol !== 's3:') throw new Error(`expected s3://bucket/prefix, got ${u.protocol}`);
  if (u.username || u.password)
    throw new Error('credentials do not belong in the URL (use AWS_ACCESS_KEY_ID …)');
  const bucket = u.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`bad bucket name "${bucket}"`);
  const prefix = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
  const endpoint = u.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(endpoint))
    throw new Error(`endpoint must be http(s)://host[:port], got "${endpoint}"`);
  const style = u.searchParams.get('forcePathStyle');
  return {
    bucket,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    ...(endpoint ? { endpoint } : {}),
    region: u.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: style === null ? endpoint !== undefined : style === 'true',
  };
}

const PART_SIZE = 8 * 1024 * 1024;

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

export class S3EvidenceStorage implements EvidenceStorage {
  readonly client: S3Client;

  constructor(
    readonly location: S3Location,
    clientConfig: Partial<S3ClientConfig> = {},
  ) {
    this.client = new S3Client({
      region: location.region,
      forcePathStyle: location.forcePathStyle,
      ...(location.endpoint ? { endpoint: location.endpoint } : {}),
      ...clientConfig,
    });
  }

  private objectKey(key: string): string {
    return `${this.location.prefix}${key}`;
  }

  async put(data: EvidenceInput, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    const key = crypto.randomBytes(16).toString('hex');
    const hash = crypto.createHash('sha256');
    let size = 0;
    const max = options.maxBytes ?? Infinity;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new EvidenceTooLargeError(max));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const source =
      Buffer.isBuffer(data) || data instanceof Uint8Array
        ? Readable.from([Buffer.from(data)])
        : Readable.from(data);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.location.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    try {
      await pipeline(source, meter, body);
    } catch (error) {
      // The source failed or was too large: nothing may be kept.
      await upload.abort().catch(() => undefined);
      await uploaded.catch(() => undefined);
      await this.delete(key).catch(() => undefined);
      throw error;
    }
    await uploaded;
    return { key, sha256: hash.digest('hex'), size };
  }

  async get(key: string): Promise<Readable> {
    if (!isEvidenceKey(key)) throw new EvidenceNotFoundError(key);
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }),
      );
      if (!(r.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return r.Body;
    } catch (error) {
      if (isMissing(error)) throw new EvidenceNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isEvidenceKey(key)) return;
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }),
    );
  }

  async exists(key: string): Promise<boolean> {
    if (!isEvidenceKey(key)) return false;
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /**
   * Aborts multipart uploads under the prefix started more than `olderThanMs` ago (a process killed mid-upload).
   * Servers without ListMultipartUploads (some S3 look-alikes) answer NotImplemented: nothing to do here then —
   * use the bucket's lifecycle rule AbortIncompleteMultipartUpload.
   */
  async cleanTemp(options: { olderThanMs?: number } = {}): Promise<number> {
    const before = Date.now() - (options.olderThanMs ?? 3_600_000);
    let removed = 0;
    try {
      const r = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: this.location.bucket, Prefix: this.location.prefix }),
      );
      for (const u of r.Uploads ?? []) {
        if (!u.Key || !u.UploadId || (u.Initiated && u.Initiated.getTime() > before)) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.location.bucket, Key: u.Key, UploadId: u.UploadId }),
        );
        removed++;
      }
    } catch (error) {
      if ((error as { name?: string }).name === 'NotImplemented') return 0;
      throw error;
    }
    return removed;
  }

  async checkWritable(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket }));
  }

  destroy(): void {
    this.client.destroy();
  }
}

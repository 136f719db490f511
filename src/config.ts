/**
 * The platform's configuration: every environment variable it reads, in one table, each checked against its
 * schema at start with a clear error that names the variable. Nothing else in src/ reads `process.env` for
 * platform settings (tests and the benchmark have their own variables).
 *
 *   DATABASE_URL           postgres://… (PostgreSQL) or a SQLite file path / sqlite:<file>; default ./data/dtma.sqlite
 *   DTMA_EVIDENCE_DIR      folder of evidence files (never under a public folder); default ./data/evidence
 *   DTMA_EVIDENCE_URL      evidence in S3-compatible object storage instead of the folder:
 *                          s3://bucket/prefix?endpoint=https://host:port&region=…  (credentials: AWS_ACCESS_KEY_ID /
 *                          AWS_SECRET_ACCESS_KEY or the SDK's other sources, never in the URL)
 *   DTMA_MAX_UPLOAD_MB     largest evidence file, MB (default 50)
 *   DTMA_EVIDENCE_QUOTA_ASSESSMENT_MB   evidence of one assessment, MB in all (default 2048)
 *   DTMA_EVIDENCE_QUOTA_ORG_MB          evidence of all assessments of one enterprise, MB (default 10240)
 *   DTMA_TRUST_PROXY       behind a reverse proxy: the number of proxy hops in front of dtma (e.g. 1), or the
 *                          proxies' addresses / CIDRs (10.0.0.1,10.0.0.0/8); unset = no proxy (the socket address)
 *   DTMA_INSECURE_COOKIES  1: session cookie without `Secure` (plain-HTTP development only)
 *   NODE_ENV               development: as DTMA_INSECURE_COOKIES=1
 *   DTMA_LOG_LEVEL         silent | fatal | error | warn | info | debug | trace; default silent (DTMA_LOG=1 = info)
 *   DTMA_API_DOCS          the OpenAPI pages at /api/docs: login (default: signed-in users only) | public | off
 *   DTMA_SOFFICE           the LibreOffice binary for PDF reports; default soffice / libreoffice on PATH
 *   DTMA_PUBLIC_URL        the platform's public address (https://dtma.example.org), printed in certificates'
 *                          QR codes; default: the address each request came to
 *   DTMA_SMTP_URL          e-mail of notifications through this SMTP server: smtp://host:port (smtps:// for TLS;
 *                          user:password@ if it needs them); with DTMA_MAIL_FROM — without both, mail is off
 *   DTMA_MAIL_FROM         the From of notification e-mails: noreply@example.org or "名称 <noreply@example.org>"
 *   DTMA_DOC_CACHE_ENTRIES parsed assessment documents kept in memory, at most (default 1000; 0 = none)
 *   DTMA_DOC_CACHE_MB      and at most this many MB of document text (default 256); least recently used out
 *   PORT, HOST             where `dtma serve` listens unless --port / --host say otherwise; default 3000, 127.0.0.1
 *
 * Read by one command only (not platform settings): DTMA_ADMIN_PASSWORD, the password of `dtma user create-admin`
 * (src/cli/commands/server.ts) when it runs from a script.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const API_DOCS = ['login', 'public', 'off'] as const;
export type ApiDocs = (typeof API_DOCS)[number];

export interface Config {
  databaseUrl: string;
  evidenceDir: string;
  /** s3://… : evidence in object storage (then evidenceDir is unused). */
  evidenceUrl: string | undefined;
  /** Bytes: the largest file, the evidence of one assessment, of one enterprise's assessments. */
  maxUploadBytes: number;
  evidenceQuota: { assessmentBytes: number; organisationBytes: number };
  /** false: no proxy; a hop count; or the proxies' addresses / CIDRs. */
  trustProxy: false | number | string[];
  secureCookies: boolean;
  logLevel: LogLevel;
  apiDocs: ApiDocs;
  soffice: string | undefined;
  publicUrl: string | undefined;
  /** E-mail of notifications; null: mail is off (in-app notifications only). */
  mail: { url: string; from: string } | null;
  port: number;
  host: string;
  /** Bounds of the parsed-document cache (src/store/repos/documents.ts). */
  docCache: { entries: number; bytes: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

interface Variable<T> {
  schema: TSchema;
  /** What a valid value looks like, for the error message. */
  expect: string;
  parse: (raw: string) => T;
}

const MB = 1024 * 1024;

function megabytes(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error('at least 1');
  return n * MB;
}

const PROXY_ITEM = '(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:/[0-9]{1,3})?';

const VARIABLES = {
  DATABASE_URL: {
    schema: Type.String({ minLength: 1 }),
    expect: 'postgres://user@host:5432/db, a SQLite file path, or sqlite:<file>',
    parse: (v: string) => v,
  },
  DTMA_EVIDENCE_DIR: {
    schema: Type.String({ minLength: 1 }),
    expect: 'a folder path',
    parse: (v: string) => v,
  },
  DTMA_EVIDENCE_URL: {
    schema: Type.String({ pattern: '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^?#]*)?(\\?[^#]*)?$' }),
    expect: 's3://bucket/prefix?endpoint=https://host:port&region=… (no credentials in the URL)',
    parse: (v: string) => {
      if (/^s3:\/\/[^/]*@/.test(v)) throw new Error('credentials in the URL');
      return v;
    },
  },
  DTMA_MAX_UPLOAD_MB: {
    schema: Type.String({ pattern: '^[0-9]{1,6}$' }),
    expect: 'a whole number of megabytes, at least 1',
    parse: megabytes,
  },
  DTMA_EVIDENCE_QUOTA_ASSESSMENT_MB: {
    schema: Type.String({ pattern: '^[0-9]{1,9}$' }),
    expect: 'a whole number of megabytes, at least 1',
    parse: megabytes,
  },
  DTMA_EVIDENCE_QUOTA_ORG_MB: {
    schema: Type.String({ pattern: '^[0-9]{1,9}$' }),
    expect: 'a whole number of megabytes, at least 1',
    parse: megabytes,
  },
  DTMA_TRUST_PROXY: {
    schema: Type.String({ pattern: `^(?:[0-9]{1,2}|${PROXY_ITEM}(?:\\s*,\\s*${PROXY_ITEM})*)$` }),
    expect:
      'the number of proxy hops (e.g. 1) or the proxies’ addresses, comma-separated (10.0.0.1,10.0.0.0/8)',
    parse: (v: string): false | number | string[] =>
      /^[0-9]+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()),
  },
  DTMA_INSECURE_COOKIES: {
    schema: Type.Union([Type.Literal('0'), Type.Literal('1')]),
    expect: '0 or 1',
    parse: (v: string) => v === '1',
  },
  NODE_ENV: {
    schema: Type.String({ maxLength: 50 }),
    expect: 'development, production or test',
    parse: (v: string) => v,
  },
  DTMA_LOG_LEVEL: {
    schema: Type.Union(LOG_LEVELS.map((l) => Type.Literal(l))),
    expect: LOG_LEVELS.join(' | '),
    parse: (v: string) => v as LogLevel,
  },
  DTMA_LOG: {
    schema: Type.Union([Type.Literal('0'), Type.Literal('1')]),
    expect: '0 or 1',
    parse: (v: string) => v === '1',
  },
  DTMA_API_DOCS: {
    schema: Type.Union(API_DOCS.map((l) => Type.Literal(l))),
    expect: API_DOCS.join(' | '),
    parse: (v: string) => v as ApiDocs,
  },
  DTMA_SOFFICE: {
    schema: Type.String({ minLength: 1 }),
    expect: 'the path of the LibreOffice binary',
    parse: (v: string) => v,
  },
  DTMA_PUBLIC_URL: {
    schema: Type.String({ pattern: '^https?://[^\\s/?#]+(?:/[^\\s?#]*)?$', maxLength: 500 }),
    expect: 'an http(s) address without query, e.g. https://dtma.example.org',
    parse: (v: string) => v.replace(/\/+$/, ''),
  },
  DTMA_SMTP_URL: {
    schema: Type.String({ pattern: '^smtps?://[^\\s/?#]+(?::[0-9]{1,5})?/?(\\?[^\\s#]*)?$', maxLength: 500 }),
    expect: 'smtp://host:port or smtps://host:port (user:password@ before the host if the server needs them)',
    parse: (v: string) => {
      const u = new URL(v);
      if (u.port !== '' && Number(u.port) > 65535) throw new Error('port out of range');
      return v;
    },
  },
  DTMA_MAIL_FROM: {
    schema: Type.String({
      maxLength: 300,
      pattern: '^(?:[^<>@\\s][^<>@]*<[^<>@\\s]+@[^<>@\\s]+>|[^<>@\\s]+@[^<>@\\s]+)$',
    }),
    expect: 'an e-mail address, e.g. noreply@example.org or "评估平台 <noreply@example.org>"',
    parse: (v: string) => v,
  },
  DTMA_DOC_CACHE_ENTRIES: {
    schema: Type.String({ pattern: '^[0-9]{1,7}$' }),
    expect: 'a whole number of documents (0 = no cache)',
    parse: (v: string) => Number(v),
  },
  DTMA_DOC_CACHE_MB: {
    schema: Type.String({ pattern: '^[0-9]{1,6}$' }),
    expect: 'a whole number of megabytes, at least 1',
    parse: megabytes,
  },
  PORT: {
    schema: Type.String({ pattern: '^[0-9]{1,5}$' }),
    expect: 'a port number 0–65535',
    parse: (v: string) => {
      const n = Number(v);
      if (n > 65535) throw new Error('out of range');
      return n;
    },
  },
  HOST: {
    schema: Type.String({ minLength: 1, maxLength: 255 }),
    expect: 'an address to listen on',
    parse: (v: string) => v,
  },
} satisfies Record<string, Variable<unknown>>;

type Name = keyof typeof VARIABLES;
type Parsed<N extends Name> = ReturnType<(typeof VARIABLES)[N]['parse']>;

function read<N extends Name>(env: NodeJS.ProcessEnv, name: N): Parsed<N> | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const v: Variable<unknown> = VARIABLES[name];
  const value = raw.trim();
  if (!Value.Check(v.schema, value))
    throw new ConfigError(name, `"${raw}" is not valid; expected ${v.expect}`);
  try {
    return v.parse(value) as Parsed<N>;
  } catch {
    throw new ConfigError(name, `"${raw}" is not valid; expected ${v.expect}`);
  }
}

/** DTMA_SMTP_URL and DTMA_MAIL_FROM go together: both (mail on) or neither (mail off). */
function readMail(env: NodeJS.ProcessEnv): Config['mail'] {
  const url = read(env, 'DTMA_SMTP_URL');
  const from = read(env, 'DTMA_MAIL_FROM');
  if (url === undefined && from === undefined) return null;
  if (url === undefined)
    throw new ConfigError(
      'DTMA_SMTP_URL',
      'is not set, but DTMA_MAIL_FROM is; set both to send e-mail, or neither',
    );
  if (from === undefined)
    throw new ConfigError(
      'DTMA_MAIL_FROM',
      'is not set, but DTMA_SMTP_URL is; set both to send e-mail, or neither',
    );
  return { url, from };
}

/** The configuration from the environment; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = read(env, 'NODE_ENV');
  const legacyLog = read(env, 'DTMA_LOG');
  return {
    databaseUrl: read(env, 'DATABASE_URL') ?? './data/dtma.sqlite',
    evidenceDir: read(env, 'DTMA_EVIDENCE_DIR') ?? './data/evidence',
    evidenceUrl: read(env, 'DTMA_EVIDENCE_URL'),
    maxUploadBytes: read(env, 'DTMA_MAX_UPLOAD_MB') ?? 50 * MB,
    evidenceQuota: {
      assessmentBytes: read(env, 'DTMA_EVIDENCE_QUOTA_ASSESSMENT_MB') ?? 2048 * MB,
      organisationBytes: read(env, 'DTMA_EVIDENCE_QUOTA_ORG_MB') ?? 10240 * MB,
    },
    trustProxy: read(env, 'DTMA_TRUST_PROXY') ?? false,
    secureCookies: !(read(env, 'DTMA_INSECURE_COOKIES') === true || nodeEnv === 'development'),
    logLevel: read(env, 'DTMA_LOG_LEVEL') ?? (legacyLog ? 'info' : 'silent'),
    apiDocs: read(env, 'DTMA_API_DOCS') ?? 'login',
    soffice: read(env, 'DTMA_SOFFICE'),
    publicUrl: read(env, 'DTMA_PUBLIC_URL'),
    mail: readMail(env),
    port: read(env, 'PORT') ?? 3000,
    host: read(env, 'HOST') ?? '127.0.0.1',
    docCache: {
      entries: read(env, 'DTMA_DOC_CACHE_ENTRIES') ?? 1000,
      bytes: read(env, 'DTMA_DOC_CACHE_MB') ?? 256 * MB,
    },
  };
}

/** The names of the variables the platform reads (documentation, tests). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(VARIABLES);

export type { Static };

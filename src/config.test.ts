/** The configuration module: defaults, every variable checked with an error that names it. */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has defaults for an empty environment (embedded SQLite, no proxy, secure cookies, silent log)', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: './data/dtma.sqlite',
      evidenceDir: './data/evidence',
      evidenceUrl: undefined,
      maxUploadBytes: 50 * 1024 * 1024,
      evidenceQuota: { assessmentBytes: 2048 * 1024 * 1024, organisationBytes: 10240 * 1024 * 1024 },
      trustProxy: false,
      secureCookies: true,
      logLevel: 'silent',
      apiDocs: 'login',
      soffice: undefined,
      publicUrl: undefined,
      mail: null,
      port: 3000,
      host: '127.0.0.1',
      docCache: { entries: 1000, bytes: 256 * 1024 * 1024 },
    });
  });

  it('reads a proxy hop count or a list of proxy addresses, never "trust everything"', () => {
    expect(loadConfig({ DTMA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DTMA_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ DTMA_TRUST_PROXY: 'true' })).toThrow(/^DTMA_TRUST_PROXY: "true" is not valid/);
  });

  it('insecure cookies only when asked (or in development)', () => {
    expect(loadConfig({ DTMA_INSECURE_COOKIES: '1' }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', 'http'],
    ['DTMA_LOG_LEVEL', 'verbose'],
    ['DTMA_INSECURE_COOKIES', 'yes'],
    ['DTMA_TRUST_PROXY', '*'],
    ['DTMA_API_DOCS', 'yes'],
    ['DTMA_EVIDENCE_QUOTA_ORG_MB', '0'],
    ['DTMA_MAX_UPLOAD_MB', '1.5'],
    ['DTMA_EVIDENCE_URL', 'https://bucket.example/x'],
    ['DTMA_EVIDENCE_URL', 's3://key:secret@bucket1/x'],
    ['DTMA_SMTP_URL', 'http://mail.example.org:25'],
    ['DTMA_MAIL_FROM', 'not an address'],
  ])('%s=%s is refused with an error naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toContain(`${name}: "${value}" is not valid; expected`);
  });

  it('issue 13: DTMA_SMTP_URL and DTMA_MAIL_FROM turn mail on together; one without the other names the missing one', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(
      loadConfig({
        DTMA_SMTP_URL: 'smtp://127.0.0.1:2525',
        DTMA_MAIL_FROM: '评估平台 <noreply@dtma.example.org>',
      }).mail,
    ).toEqual({ url: 'smtp://127.0.0.1:2525', from: '评估平台 <noreply@dtma.example.org>' });
    expect(() => loadConfig({ DTMA_SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(
      /^DTMA_MAIL_FROM: is not set/,
    );
    expect(() => loadConfig({ DTMA_MAIL_FROM: 'noreply@dtma.example.org' })).toThrow(
      /^DTMA_SMTP_URL: is not set/,
    );
  });

  it('lists every variable it reads', () => {
    expect(CONFIG_VARIABLES).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'DTMA_EVIDENCE_DIR',
        'DTMA_TRUST_PROXY',
        'DTMA_LOG_LEVEL',
        'DTMA_SOFFICE',
      ]),
    );
  });
});

/**
 * Serving the built web app: precompressed copies chosen by Accept-Encoding, cache headers, the SPA fallback.
 * Real HTTP requests (node:http, which does not decode bodies) against a Fastify instance listening on a port.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptQuality, registerStatic } from './static.js';

const SCRIPT = `console.log(${JSON.stringify('有色金属 '.repeat(2000))});\n`;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';

let dist: string;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'dtma-static-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets/index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dist, 'assets/logo-def456.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = Fastify();
  registerStatic(app, dist);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject)
      .end();
  });
}

describe('static web app', () => {
  it('sends the brotli copy when the client accepts br, with the type of the original and long caching', async () => {
    const r = await request('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    expect(brotliDecompressSync(r.body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends the original (identity) without Accept-Encoding, still varying on it', async () => {
    const r = await request('/assets/index-abc123.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted, and respects q=0', async () => {
    const gz = await request('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(SCRIPT);
    const noBr = await request('/assets/index-abc123.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(noBr.headers['content-encoding']).toBe('gzip');
    const none = await request('/assets/index-abc123.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString('utf8')).toBe(SCRIPT);
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await request('/assets/index-abc123.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.body.length).toBe(0);
  });

  it('sends files without copies as they are, without Vary', async () => {
    const r = await request('/assets/logo-def456.svg', { 'accept-encoding': 'br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['vary']).toBeUndefined();
  });

  it('serves index.html with no-cache and an ETag, 304 when unchanged, also as the SPA fallback', async () => {
    const r = await request('/');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body.toString('utf8')).toBe(INDEX);
    const etag = r.headers['etag']!;
    expect(etag).toMatch(/^W\/"/);
    expect((await request('/', { 'if-none-match': etag })).status).toBe(304);
    const route = await request('/a/some-assessment/self');
    expect(route.status).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body.toString('utf8')).toBe(INDEX);
  });

  it('keeps 404 for missing files with an extension, JSON 404 under /api, and no path escape', async () => {
    expect((await request('/assets/missing-000.js')).status).toBe(404);
    const api = await request('/api/nothing');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body.toString('utf8')).error.code).toBe('NOT_FOUND');
    const escape = await request('/..%2f..%2fetc%2fpasswd');
    expect(escape.body.toString('utf8')).toBe(INDEX);
  });
});

describe('acceptQuality', () => {
  it('reads q-values, the wildcard and absence', () => {
    expect(acceptQuality(undefined, 'br')).toBe(0);
    expect(acceptQuality('gzip, deflate, br', 'br')).toBe(1);
    expect(acceptQuality('gzip;q=0.8, br;q=0.9', 'gzip')).toBe(0.8);
    expect(acceptQuality('BR', 'br')).toBe(1);
    expect(acceptQuality('*', 'br')).toBe(1);
    expect(acceptQuality('*;q=0.2, br;q=0', 'br')).toBe(0);
    expect(acceptQuality('identity', 'gzip')).toBe(0);
  });
});

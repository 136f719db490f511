/**
 * The SPA: files of `web/dist` at `/`, `index.html` for any other non-API GET (client-side routing). Without a
 * build, `/` explains how to make one. Unknown `/api/*` paths are JSON 404s. Evidence files are never served
 * from here (they live outside web/dist and are downloaded through the authorised evidence route).
 *
 * Compression: the build writes `x.br` and `x.gz` beside every text asset (web/vite.config.ts; vite empties
 * web/dist first, so the copies are always of the same build). A request whose Accept-Encoding allows it gets the
 * brotli (else gzip) copy with `content-encoding`, the type of the original and `vary: accept-encoding`; nothing
 * is compressed per request. Hashed files under `assets/` are cached for a year (`immutable`); everything else
 * (index.html) is `no-cache` and revalidated with its ETag.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NO_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>dtma</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>有色金属行业数字化转型成熟度评估平台</h1>
<p>The web app is not built. Build it with:</p>
<pre>npm run build</pre>
<p>then restart <code>dtma serve</code>. The API is under <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** Encodings of the precompressed copies, in order of preference, with their file suffix. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The q-value an Accept-Encoding header gives `coding` (explicitly or through `*`); 0 when not acceptable. */
export function acceptQuality(header: string | undefined, coding: string): number {
  if (!header) return 0;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const quality = Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0;
    if (token.trim() === coding) return quality;
    if (token.trim() === '*') star = quality;
  }
  return star ?? 0;
}

function isFile(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, immutable: boolean) {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const accept = request.headers['accept-encoding'];
  let chosen = file;
  let stat = fs.statSync(file);
  let encoding: string | undefined;
  let compressible = false;
  let best = 0;
  for (const e of ENCODINGS) {
    const variant = isFile(file + e.suffix);
    if (!variant) continue;
    compressible = true;
    const q = acceptQuality(accept, e.name);
    if (q > best) {
      best = q;
      chosen = file + e.suffix;
      stat = variant;
      encoding = e.name;
    }
  }
  void reply.header('content-type', type);
  void reply.header('x-content-type-options', 'nosniff');
  if (compressible) void reply.header('vary', 'Accept-Encoding');
  if (encoding) void reply.header('content-encoding', encoding);
  if (immutable) {
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
  } else {
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
    void reply.header('cache-control', 'no-cache');
    void reply.header('etag', etag);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim() === etag)) return reply.status(304).send();
  }
  void reply.header('content-length', stat.size);
  if (request.method === 'HEAD') return reply.send();
  return reply.send(fs.createReadStream(chosen));
}

export function registerStatic(app: FastifyInstance, dist: string | null): void {
  const root = dist ? fs.realpathSync(dist) : null;
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url === '/api' || url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${url}` } });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${url}` } });
    }
    if (!root) return reply.status(200).type('text/html; charset=utf-8').send(NO_BUILD_PAGE);
    let rel: string;
    try {
      rel = decodeURIComponent(url);
    } catch {
      return reply.status(400).send({ error: { code: 'VALIDATION', message: 'bad path' } });
    }
    if (!rel.includes('\u0000')) {
      const candidate = path.resolve(root, '.' + path.posix.normalize('/' + rel));
      if (candidate.startsWith(root + path.sep) && isFile(candidate)) {
        return sendFile(request, reply, candidate, candidate.includes(`${path.sep}assets${path.sep}`));
      }
    }
    // SPA fallback: a path with a file extension that does not exist is a real 404.
    if (path.extname(rel) !== '' && path.extname(rel) !== '.html') {
      return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    }
    return sendFile(request, reply, path.join(root, 'index.html'), false);
  });
}

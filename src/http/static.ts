/**
 * The SPA: files of `web/dist` at `/`, `index.html` for any other non-API GET (client-side routing). Without a
 * build, `/` explains how to make one. Unknown `/api/*` paths are JSON 404s. Evidence files are never served
 * from here (they live outside web/dist and are downloaded through the authorised evidence route).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
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
<pre>cd web &amp;&amp; npx vite build</pre>
<p>then restart <code>dtma serve</code>. The API is under <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

function sendFile(reply: FastifyReply, file: string, immutable: boolean) {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  void reply.header('content-type', type);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.send(fs.createReadStream(file));
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
      if (
        candidate.startsWith(root + path.sep) &&
        fs.existsSync(candidate) &&
        fs.statSync(candidate).isFile()
      ) {
        return sendFile(reply, candidate, candidate.includes(`${path.sep}assets${path.sep}`));
      }
    }
    // SPA fallback: a path with a file extension that does not exist is a real 404.
    if (path.extname(rel) !== '' && path.extname(rel) !== '.html') {
      return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    }
    return sendFile(reply, path.join(root, 'index.html'), false);
  });
}

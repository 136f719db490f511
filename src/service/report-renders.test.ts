/**
 * Issues 11/12: the report rendered as a background job (src/service/report-renders.ts) through the platform's
 * queue (pg-boss on PostgreSQL, the database runner on SQLite) — progress, the file kept by content hash, the
 * failure with its reason, and who may read a render.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { driveTo, login, makeWorld, type Client } from '../testing/http-world.js';
import { eventually, testJobQueue } from '../testing/jobs.js';
import { zipEntry } from '../testing/zip.js';
import type { JobQueue } from '../jobs/types.js';
import { startJobs } from './jobs.js';

const hasTool = (cmd: string, args: string[]) => spawnSync(cmd, args, { timeout: 30_000 }).status === 0;
const HAS_PDF = hasTool('soffice', ['--version']) && hasTool('pdfinfo', ['-v']);

async function done(client: Client, url: string, ms = 60_000) {
  return eventually(
    `render ${url} finished`,
    async () => {
      const s = await client.json('GET', url);
      return (s.state === 'done' || s.state === 'failed') && s;
    },
    ms,
  );
}

forEachDialect('report renders (issues 11/12: the report as a background job)', (t) => {
  async function world() {
    const jobs: JobQueue = await testJobQueue(t());
    const w = await makeWorld(t(), {}, { jobs });
    await startJobs(w.app.services);
    const stop = async () => {
      await jobs.stop();
      await w.app.close();
    };
    return { w, stop };
  }

  it(
    'docx: queued → done through the job queue; the file downloads; a second request is the kept file',
    { timeout: 120_000 },
    async () => {
      const { w, stop } = await world();
      try {
        const d = await driveTo(w, 'communication', t());
        const ent = d.clients.ent1user!;
        const base = `/api/assessments/${d.id}/report/renders`;
        const first = await ent.req('POST', base, { format: 'docx' });
        expect(first.statusCode, first.body).toBe(201);
        expect(first.json()).toMatchObject({
          format: 'docx',
          state: 'queued',
          cached: false,
          downloadUrl: null,
        });
        const s = await done(ent, `${base}/${first.json().id}`);
        expect(s.state, JSON.stringify(s.error)).toBe('done');
        expect(s.size).toBeGreaterThan(10_000);
        const file = await ent.req('GET', s.downloadUrl);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toMatch(/wordprocessingml/);
        expect(file.rawPayload.length).toBe(s.size);
        expect(zipEntry(file.rawPayload, 'word/document.xml')!.toString('utf8')).toContain('评估报告');

        // The same report again: done at once, not rendered twice (one kept docx).
        const again = (await ent.req('POST', base, { format: 'docx' })).json();
        expect(again).toMatchObject({ state: 'done', cached: true, size: s.size });
        const rows = await t().db.selectFrom('report_files').selectAll().where('part', '=', 'docx').execute();
        expect(rows).toHaveLength(1);
        // The direct download shares the code: the kept file, byte for byte.
        const direct = await ent.req('GET', `/api/assessments/${d.id}/report?format=docx`);
        expect(direct.statusCode).toBe(200);
        expect(Buffer.compare(direct.rawPayload, file.rawPayload)).toBe(0);
      } finally {
        await stop();
      }
    },
  );

  it(
    'who may: as the report (the enterprise once communicated, no other tenant); a render is its requester’s',
    { timeout: 120_000 },
    async () => {
      const { w, stop } = await world();
      try {
        const d = await driveTo(w, 'result_frozen', t());
        const base = `/api/assessments/${d.id}/report/renders`;
        // Before communication the enterprise may not see the result, so neither its report.
        const early = await d.clients.ent1user!.req('POST', base, { format: 'docx' });
        expect(early.statusCode).toBe(403);
        expect(early.json().error.params.rule).toBe('result_not_communicated');
        const ent2 = await login(w, 'ent2user');
        expect((await ent2.req('POST', base, { format: 'docx' })).statusCode).toBe(404);
        const leader = d.clients.x1!;
        const mine = (await leader.req('POST', base, { format: 'docx' })).json();
        await done(leader, `${base}/${mine.id}`);
        // Another reader of the same assessment does not read the leader's render (404: it is not theirs).
        const body = d.clients.body1admin!;
        expect((await body.req('GET', `${base}/${mine.id}`)).statusCode).toBe(404);
        expect((await body.req('GET', `${base}/${mine.id}/file`)).statusCode).toBe(404);
        expect((await ent2.req('GET', `${base}/${mine.id}/file`)).statusCode).toBe(404);
        // A docx render has no preview pages.
        const pages = await leader.req('GET', `${base}/${mine.id}/pages/1`);
        expect(pages.statusCode).toBe(409);
        expect(pages.json().error.params.rule).toBe('render_not_preview');
      } finally {
        await stop();
      }
    },
  );

  it(
    'a damaged kept PDF: the preview fails, with the reason the web app translates (UNAVAILABLE, poppler)',
    { timeout: 120_000, skip: !hasTool('pdfinfo', ['-v']) },
    async () => {
      const { w, stop } = await world();
      try {
        const d = await driveTo(w, 'communication', t());
        const ent = d.clients.ent1user!;
        const base = `/api/assessments/${d.id}/report/renders`;
        const docx = (await ent.req('POST', base, { format: 'docx' })).json();
        await done(ent, `${base}/${docx.id}`);
        const row = await t()
          .db.selectFrom('report_renders')
          .select('content_hash')
          .where('id', '=', docx.id)
          .executeTakeFirstOrThrow();
        const stored = await w.app.services.storage.put(Buffer.from('not a PDF at all'));
        await t()
          .db.insertInto('report_files')
          .values({
            content_hash: row.content_hash,
            part: 'pdf',
            storage_key: stored.key,
            size: stored.size,
            created_at: new Date().toISOString(),
          })
          .execute();
        const preview = (await ent.req('POST', base, { format: 'preview' })).json();
        expect(preview.state).toBe('queued');
        const s = await done(ent, `${base}/${preview.id}`);
        expect(s.state).toBe('failed');
        expect(s.error).toMatchObject({ code: 'UNAVAILABLE', params: { tool: 'poppler' } });
        expect(s.downloadUrl).toBeNull();
        const file = await ent.req('GET', `${base}/${preview.id}/file`);
        expect(file.statusCode).toBe(409);
        expect(file.json().error.params.rule).toBe('render_not_done');
      } finally {
        await stop();
      }
    },
  );

  it(
    'preview: the PDF and PNG images of its first pages, with the page count',
    { timeout: 300_000, skip: !HAS_PDF },
    async () => {
      const { w, stop } = await world();
      try {
        const d = await driveTo(w, 'communication', t());
        const ent = d.clients.ent1user!;
        const base = `/api/assessments/${d.id}/report/renders`;
        const p = (await ent.req('POST', base, { format: 'preview' })).json();
        // The first PDF starts LibreOffice (seconds on a loaded machine).
        const s = await done(ent, `${base}/${p.id}`, 200_000);
        expect(s.state, JSON.stringify(s.error)).toBe('done');
        expect(s.pages).toBeGreaterThan(3);
        expect(s.previewPages).toBe(Math.min(8, s.pages));
        const png = await ent.req('GET', `${base}/${p.id}/pages/1`);
        expect(png.headers['content-type']).toBe('image/png');
        expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
        expect((await ent.req('GET', `${base}/${p.id}/pages/${s.previewPages + 1}`)).statusCode).toBe(404);
        const pdf = await ent.req('GET', s.downloadUrl);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
        // A PDF render afterwards is the kept PDF.
        expect((await ent.req('POST', base, { format: 'pdf' })).json()).toMatchObject({
          state: 'done',
          cached: true,
        });
      } finally {
        await stop();
      }
    },
  );
});

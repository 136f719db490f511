/**
 * The served OpenAPI document is valid for the version it declares (checked by an independent validator, as a
 * client generator would), and documents every endpoint of the contract.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../contract/endpoints.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { makeWorld, type World } from '../testing/http-world.js';

describe('OpenAPI document', () => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    w = await makeWorld(t, { apiDocs: 'public' });
  });
  afterAll(async () => {
    await w.app.close();
    await t.destroy();
  });

  it('passes @apidevtools/swagger-parser for the OpenAPI version it declares', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    const api = (await SwaggerParser.validate(structuredClone(doc) as never)) as unknown as typeof doc;
    // OpenAPI 3.1 schemas are JSON Schema 2020-12: each one must compile (the document validator does not look
    // inside them).
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    let schemas = 0;
    const visit = (node: unknown, key?: string): void => {
      if (!node || typeof node !== 'object') return;
      if (key === 'schema') {
        ajv.compile(node as object);
        schemas++;
        return;
      }
      for (const [k, v] of Object.entries(node)) visit(v, k);
    };
    visit(api.paths);
    expect(schemas).toBeGreaterThan(100);
  });

  it('documents every endpoint of the contract with its answer', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    for (const [key, def] of Object.entries(endpoints)) {
      const [method, url] = key.split(' ') as [string, string];
      const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect(op, key).toBeDefined();
      expect(Object.keys(op!.responses), key).toContain(String('status' in def ? def.status : 200));
      if ('body' in def || 'multipart' in def) expect(op!.requestBody, key).toBeDefined();
    }
  });
});

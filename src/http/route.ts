/**
 * Registers a route from its row of the contract (`src/contract/endpoints.ts`): the schemas for validation,
 * serialisation and OpenAPI, the access rule (deny by default), and a handler whose request and answer are
 * typed by the same row — no casts in the adapters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  endpoints,
  ErrorResponse,
  type BodyOf,
  type EndpointDef,
  type EndpointKey,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '../contract/index.js';
import type { Access } from './context.js';

export type RouteRequest<K extends EndpointKey> = FastifyRequest<{
  Params: ParamsOf<K>;
  Querystring: QueryOf<K>;
  Body: BodyOf<K>;
}>;

export type RouteHandler<K extends EndpointKey> = (
  request: RouteRequest<K>,
  reply: FastifyReply,
) => Promise<ResponseOf<K> | FastifyReply>;

export function route<K extends EndpointKey>(
  app: FastifyInstance,
  key: K,
  access: Access,
  handler: RouteHandler<K>,
): void {
  const def: EndpointDef = endpoints[key];
  const space = key.indexOf(' ');
  const method = key.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const url = key.slice(space + 1);
  const status = def.status ?? 200;
  app.route<{ Params: ParamsOf<K>; Querystring: QueryOf<K>; Body: BodyOf<K> }>({
    method,
    url,
    config: { access },
    schema: {
      summary: def.summary,
      tags: [...def.tags],
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.multipart ? { consumes: ['multipart/form-data'] } : {}),
      ...(def.produces ? { produces: [...def.produces] } : {}),
      response: { [status]: def.response, '4xx': ErrorResponse, '5xx': ErrorResponse },
    },
    handler: async (request, reply) => {
      const out = await handler(request, reply);
      if (status !== 200 && !reply.sent) void reply.status(status);
      return out;
    },
  });
}

/** The contract row of a registered route (for the OpenAPI transform). */
export function endpointOf(method: string, url: string): EndpointDef | undefined {
  return (endpoints as Record<string, EndpointDef>)[`${method} ${url}`];
}

/**
 * One source of survey config and the reach figures: the public survey of each service
 * (GET /v1/services/:id), anonymous offer counts (POST /v1/offers) and the agency's volume of
 * customers per quarter (admin, PUT/GET /v1/services/:id/volumes).
 */
import secureJson from 'secure-json-parse';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, contentHash, OFFERS_PATH, parseFiscalQuarter, SERVICES_PATH } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import { ingestOffers } from '../ingest/offers.js';
import { RateLimiter, type RateLimitOptions } from '../ingest/ratelimit.js';
import { errorBody } from '../ingest/submit.js';
import { volumeOfCustomers } from '../reports/volumes.js';
import type { Store } from '../store/types.js';
import { isSameOrigin, postPreflight, type CorsCheck } from './cors.js';
import { apiHeaders } from './headers.js';

export interface ServiceRoutesContext {
  services: Map<string, ServiceDefinition>;
  store: Store;
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** The ingest route's CORS check (any service's origins, or the collector's own; refusals logged once a minute per origin): offers of several services may come from one page. */
  cors: CorsCheck;
  graceSeconds?: number;
  rateLimit: RateLimitOptions | null;
}

/** How long browsers and caches may reuse a service's config before revalidating (ETag). */
export const SERVICE_CONFIG_MAX_AGE = 300;

export function registerServiceRoutes(app: FastifyInstance, ctx: ServiceRoutesContext): void {
  const { services, store } = ctx;
  const bodies = new Map([...services.values()].map((s) => {
    const body = JSON.stringify(s.survey);
    return [s.id, { body, etag: `"${contentHash(canonicalJson(s.survey))}"` }];
  }));

  app.options<{ Params: { id: string } }>(`${SERVICES_PATH}/:id`, async (request, reply) => {
    apiHeaders(reply);
    reply.header('vary', 'Origin');
    const s = services.get(request.params.id);
    const origin = request.headers.origin;
    if (s && origin !== undefined && (s.origins.includes(origin) || isSameOrigin(request, origin))) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-methods', 'GET');
      reply.header('access-control-max-age', '86400');
    }
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>(`${SERVICES_PATH}/:id`, async (request, reply) => {
    apiHeaders(reply);
    const s = services.get(request.params.id);
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    // A refusal is readable by any page, so the element can say why it shows nothing; it reveals no config.
    if (origin !== undefined && (!s || (!s.origins.includes(origin) && !isSameOrigin(request, origin)))) reply.header('access-control-allow-origin', origin);
    if (!s) return reply.code(404).send(errorBody('unknown_service', `service "${request.params.id}" is not declared on this collector`, 'service'));
    if (origin !== undefined && !s.origins.includes(origin) && !isSameOrigin(request, origin))
      return reply.code(403).send(errorBody('origin_not_allowed', `origin ${origin} is not among service "${s.id}"'s origins`, 'service'));
    if (origin !== undefined) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', 'ETag');
    }
    const { body, etag } = bodies.get(s.id)!;
    // Public and cacheable: nothing in it is secret, and every page showing the survey asks for it.
    reply.header('cache-control', `public, max-age=${SERVICE_CONFIG_MAX_AGE}, must-revalidate`).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  const { cors } = ctx;

  app.options(OFFERS_PATH, postPreflight(cors));

  const limiter = ctx.rateLimit ? new RateLimiter(ctx.rateLimit) : null;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // sendBeacon sends text/plain; the body is the same JSON.
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post(OFFERS_PATH, async (request, reply) => {
      apiHeaders(reply);
      const origin = request.headers.origin;
      if (!cors(request, reply)) return reply.code(403).send(errorBody('origin_not_allowed', `origin ${origin} may not post offer counts to this collector`));
      let body: unknown;
      try {
        body = secureJson.parse(String(request.body ?? ''), undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (e) {
        return reply.code(400).send(errorBody('invalid_json', `the body is not valid JSON: ${(e as Error).message}`));
      }
      const n = Array.isArray(body) ? body.length : 1;
      const verdict = limiter?.take(request.ip, n);
      if (verdict && !verdict.ok)
        return reply.code(429).header('retry-after', String(verdict.retryAfter)).send(errorBody('rate_limited', `too many offer counts from this address; retry in ${verdict.retryAfter} s`));
      const answer = await ingestOffers(body, {
        services,
        store,
        origin,
        sameOrigin: origin !== undefined && isSameOrigin(request, origin),
        graceSeconds: ctx.graceSeconds,
      });
      return reply.code(answer.status).send(answer.body);
    });
  });

  type VolumeParams = { Params: { id: string }; Querystring: { fy?: string; quarter?: string } };
  const quarterOf = (request: FastifyRequest<VolumeParams>, reply: FastifyReply, source: { fy?: unknown; quarter?: unknown }) => {
    const s = services.get(request.params.id);
    if (!s) {
      reply.code(404).send(errorBody('unknown_service', `service "${request.params.id}" is not declared`, 'service'));
      return null;
    }
    const q = parseFiscalQuarter(source.fy === undefined ? undefined : String(source.fy), source.quarter === undefined ? undefined : String(source.quarter));
    if (!q.ok) {
      reply.code(400).send(errorBody('invalid_query', q.message, q.field));
      return null;
    }
    return { service: s, fiscalYear: q.fiscalYear, quarter: q.quarter };
  };

  app.get<VolumeParams>(`${SERVICES_PATH}/:id/volumes`, { preHandler: ctx.requireAdmin }, async (request, reply) => {
    const q = quarterOf(request, reply, request.query);
    if (!q) return reply;
    return volumeOfCustomers(store, q.service, q.fiscalYear, q.quarter);
  });

  app.put<VolumeParams & { Body: unknown }>(`${SERVICES_PATH}/:id/volumes`, { preHandler: ctx.requireAdmin }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send(errorBody('invalid_body', 'the body is {"fy": 2025, "quarter": 2, "volumeOfCustomers": 120000}'));
    const q = quarterOf(request, reply, body);
    if (!q) return reply;
    const v = body.volumeOfCustomers;
    if (!Number.isSafeInteger(v) || (v as number) < 0)
      return reply.code(400).send(errorBody('invalid_field', 'volumeOfCustomers must be a whole number of customers, 0 or more', 'volumeOfCustomers'));
    await store.setVolume({ service: q.service.id, fiscalYear: q.fiscalYear, quarter: q.quarter, volume: v as number, updatedAt: Date.now() });
    return volumeOfCustomers(store, q.service, q.fiscalYear, q.quarter);
  });
}

/** Admin reads (bearer token): one stored response, counts, the quarterly reports, raw exports. */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDefinition } from '../domain/services.js';
import { errorBody } from '../ingest/submit.js';
import { csvExport, jsonExport } from '../reports/export.js';
import { buildReport } from '../reports/closing.js';
import { parseInstant } from '../domain/service-scale.js';
import { touchpointsA11v2Export } from '../reports/touchpoints.js';
import type { Store } from '../store/types.js';
import { parseRange, QueryError, type ParsedRange, type QueryText } from './query.js';

export interface AdminContext {
  services: Map<string, ServiceDefinition>;
  store: Store;
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  timeZone: string;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services, store, requireAdmin, timeZone } = ctx;

  /** Parses the range, or answers the request with the 4xx that refuses it (then null). */
  function range(query: QueryText, reply: FastifyReply, quarter: 'optional' | 'required' = 'optional'): ParsedRange | null {
    try {
      return parseRange(query, services, timeZone, { quarter });
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      reply.code(e.status).send(errorBody(e.code, e.message, e.field));
      return null;
    }
  }

  app.get<{ Params: { id: string } }>('/v1/responses/:id', { preHandler: requireAdmin }, async (request, reply) => {
    const row = await store.get(request.params.id.toLowerCase());
    if (!row) return reply.code(404).send(errorBody('not_found', `no response with id ${request.params.id}`, 'id'));
    reply.header('cx-received-at', new Date(row.receivedAt).toISOString());
    if (row.redactions) reply.header('cx-redactions', row.redactions);
    // The answer time could not be believed: the record counts in the quarter it was received.
    if (row.clockSuspect) reply.header('cx-clock-suspect', 'true');
    return reply.type('application/json; charset=utf-8').send(row.record);
  });

  app.get<{ Querystring: QueryText }>('/v1/reports', { preHandler: requireAdmin }, async (request, reply) => {
    const r = range(request.query, reply, 'required');
    if (!r) return reply;
    // receivedBefore reproduces a past run: only what had arrived by then is counted.
    const before = request.query.receivedBefore;
    const receivedBefore = before === undefined ? undefined : parseInstant(before);
    if (receivedBefore === null)
      return reply.code(400).send(errorBody('invalid_query', 'receivedBefore must be a date (YYYY-MM-DD, 00:00 UTC) or an ISO instant such as 2025-04-15T12:00:00Z', 'receivedBefore'));
    const targets = r.filter.service ? [services.get(r.filter.service)!] : [...services.values()];
    const reports = [];
    for (const s of targets) reports.push(await buildReport(store, s, r.period!.fiscalYear, r.period!.quarter, timeZone, { receivedBefore }));
    return { reports };
  });

  app.get<{ Querystring: QueryText }>('/v1/count', { preHandler: requireAdmin }, async (request, reply) => {
    const r = range(request.query, reply);
    if (!r) return reply;
    return { count: await store.count(r.filter) };
  });

  const exportName = (q: QueryText, ext: string) => `cx-${q.service ?? 'all'}${q.fy ? `-fy${q.fy}-q${q.quarter}` : ''}.${ext}`;

  app.get<{ Querystring: QueryText & { format?: string } }>('/v1/export.csv', { preHandler: requireAdmin }, async (request, reply) => {
    const { format = 'csv', ...query } = request.query;
    if (format !== 'csv' && format !== 'touchpoints-a11-v2')
      return reply.code(400).send(errorBody('invalid_query', 'format must be csv or touchpoints-a11-v2', 'format'));
    const r = range(query, reply);
    if (!r) return reply;
    const touchpoints = format === 'touchpoints-a11-v2';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportName(query, touchpoints ? 'touchpoints-a11-v2.csv' : 'csv')}"`)
      .send(Readable.from(touchpoints ? touchpointsA11v2Export(store, r.filter) : csvExport(store, r.filter)));
  });

  app.get<{ Querystring: QueryText }>('/v1/export.json', { preHandler: requireAdmin }, async (request, reply) => {
    const r = range(request.query, reply);
    if (!r) return reply;
    return reply.type('application/json; charset=utf-8').send(Readable.from(jsonExport(store, r.filter)));
  });
}

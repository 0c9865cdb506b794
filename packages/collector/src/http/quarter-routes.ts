/** Closing quarters (admin, bearer token): freeze the figures submitted to OMB, and list what is closed. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from '../ingest/submit.js';
import { closeQuarter, ClosingError } from '../reports/closing.js';
import type { AdminContext } from './admin-routes.js';
import { parseRange, QueryError, type ParsedRange, type QueryText } from './query.js';

export function registerQuarterRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services, store, requireAdmin, timeZone } = ctx;

  function range(query: QueryText, reply: FastifyReply): ParsedRange | null {
    try {
      return parseRange(query, services, timeZone, { quarter: 'required' });
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      reply.code(e.status).send(errorBody(e.code, e.message, e.field));
      return null;
    }
  }

  /** Closes the quarter for one service, or every service; a service already closed keeps its first close. */
  app.post<{ Querystring: QueryText }>('/v1/quarters/close', { preHandler: requireAdmin }, async (request, reply) => {
    const r = range(request.query, reply);
    if (!r) return reply;
    const targets = r.filter.service ? [services.get(r.filter.service)!] : [...services.values()];
    const closes = [];
    try {
      for (const s of targets) closes.push(await closeQuarter(store, s, r.period!.fiscalYear, r.period!.quarter, timeZone));
    } catch (e) {
      if (!(e instanceof ClosingError)) throw e;
      return reply.code(409).send(errorBody(e.code, e.message, 'quarter'));
    }
    return reply.code(closes.some((c) => c.closedNow) ? 201 : 200).send({ closes });
  });

  /** Which services' quarter is closed, when, with how many records and which checksum. */
  app.get<{ Querystring: QueryText }>('/v1/quarters', { preHandler: requireAdmin }, async (request, reply) => {
    const r = range(request.query, reply);
    if (!r) return reply;
    const { fiscalYear, quarter } = r.period!;
    const stored = new Map((await store.quarterCloses(fiscalYear, quarter, r.filter.service)).map((c) => [c.service, c]));
    const targets = r.filter.service ? [r.filter.service] : [...services.keys()];
    return {
      quarters: targets.map((id) => {
        const c = stored.get(id);
        return c
          ? { service: id, fiscalYear, quarter, closed: true, closedAt: new Date(c.closedAt).toISOString(), records: c.recordCount, checksum: c.checksum, timeZone: c.timeZone }
          : { service: id, fiscalYear, quarter, closed: false };
      }),
    };
  });
}

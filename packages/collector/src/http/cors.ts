/**
 * CORS for the routes a survey page posts to (responses, offer counts): exact origins from the services
 * file and the collector's own. One check and one preflight answer, so the two routes cannot drift apart.
 */
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { errorBody } from '../ingest/submit.js';
import { apiHeaders } from './headers.js';
import { OncePer } from './refusal-log.js';

/** True when the request may go on; it has set the CORS headers the answer needs. */
export type CorsCheck = (request: FastifyRequest, reply: FastifyReply) => boolean;

export const isSameOrigin = (request: FastifyRequest, origin: string): boolean => origin === `${request.protocol}://${request.host}`;

export function corsCheck(allowed: ReadonlySet<string>): CorsCheck {
  const refused = new OncePer(60_000);
  return (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true; // not a browser cross-origin request: kiosks, backends, curl
    reply.header('vary', 'Origin');
    if (!allowed.has(origin) && !isSameOrigin(request, origin)) {
      if (refused.take(origin))
        request.log.warn({ origin, method: request.method }, `browser origin refused: ${origin} is in no service's "origins" (services file); its responses never arrive. Logged once a minute per origin.`);
      return false;
    }
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'Retry-After');
    return true;
  };
}

/** The answer to a browser's preflight before a JSON POST to a route that `cors` guards. */
export function postPreflight(cors: CorsCheck): RouteHandlerMethod {
  return async (request, reply) => {
    apiHeaders(reply);
    if (!cors(request, reply)) return reply.code(403).send(errorBody('origin_not_allowed', `origin ${request.headers.origin} is not allowed`));
    reply.header('access-control-allow-methods', 'POST');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-max-age', '86400');
    return reply.code(204).send();
  };
}
